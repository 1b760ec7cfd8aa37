/**
 * The commands a resource's provisioners run, read from its body: `local-exec` runs `command` on the
 * machine running Terraform, `remote-exec` runs its `inline` commands (or the `script`/`scripts`
 * files, which are not read here) on the resource; `file` copies files and runs nothing. Terraform
 * JSON writes `provisioner` as an object of blocks by type or as an array of such objects, each
 * block an object or an array of them (HCL-to-JSON converters write the latter).
 * Source: Terraform "Provisioners" (local-exec: "command - (Required) This is the command to
 * execute"; remote-exec: "inline - This is a list of command strings", "script - This is a path (relative
 * or absolute) to a local script", "scripts - This is a list of paths") and "JSON Configuration
 * Syntax" (nested block types).
 */
import { InventoryInputError } from '../errors';
import type { RawCommand } from '../terraform-resources/raw';
import { scriptFiles } from '../terraform-resources/raw';
import type { Block } from './document';
import type { Scope } from './interpret';
import type { JsonObject } from './json-object';
import { evaluateText, toRaw } from './module-scope';
import { isJsonObject, jsonPath } from './schema';

function refuse(block: Block, path: readonly PropertyKey[], expected: string): never {
  throw new InventoryInputError(`${block.file}: ${jsonPath([...block.path, ...path])}: expected ${expected}`);
}

/** `self.` inside an interpolation: the command refers to its own resource (not evaluated here). */
const SELF = /\$\{[^}]*\bself\./;

/** True when a body value (a string, or a list or object of them) refers to `self`. */
function mentionsSelf(value: unknown): boolean {
  if (typeof value === 'string') return SELF.test(value);
  if (Array.isArray(value)) return value.some(mentionsSelf);
  return isJsonObject(value) && Object.values(value).some(mentionsSelf);
}

/** A command text as evaluated in `scope` (the resource instance's). */
function evaluated(text: string, scope: Scope): unknown {
  return toRaw(evaluateText(text, scope));
}

function stringList(value: unknown, block: Block, path: readonly PropertyKey[], scope: Scope): unknown[] {
  if (typeof value === 'string') {
    // One expression for the whole list (`inline = var.commands`): its items as evaluated.
    const list = evaluated(value, scope);
    return Array.isArray(list) ? list : [list];
  }
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    refuse(block, path, 'a list of strings');
  return value.map((v) => evaluated(v as string, scope));
}

/** The commands of one provisioner block of `type`. */
function blockCommands(
  type: string,
  body: unknown,
  block: Block,
  path: readonly PropertyKey[],
  scope: Scope,
  out: RawCommand[],
): void {
  if (!isJsonObject(body)) refuse(block, path, `a ${type} provisioner block (an object)`);
  if (type === 'local-exec') {
    const { command } = body;
    if (typeof command !== 'string') refuse(block, [...path, 'command'], 'a string (the command to run)');
    const { environment } = body;
    if (environment !== undefined && typeof environment !== 'string' && !isJsonObject(environment))
      refuse(block, [...path, 'environment'], 'an object of environment variables');
    const variables =
      environment === undefined
        ? undefined
        : typeof environment === 'string'
          ? [evaluated(environment, scope)]
          : Object.values(environment).map((v) => (typeof v === 'string' ? evaluated(v, scope) : v));
    const namesSelf = mentionsSelf(command) || mentionsSelf(environment);
    out.push({
      provisioner: 'local-exec',
      text: evaluated(command, scope),
      written: command,
      ...(namesSelf ? { namesSelf } : {}),
      ...(variables === undefined ? {} : { environment: variables }),
    });
  } else if (type === 'remote-exec') {
    if (body.inline !== undefined) {
      const namesSelf = mentionsSelf(body.inline);
      const written = Array.isArray(body.inline) ? (body.inline as string[]) : [];
      stringList(body.inline, block, [...path, 'inline'], scope).forEach((text, i) =>
        out.push({
          provisioner: 'remote-exec',
          text,
          ...(written[i] === undefined ? {} : { written: written[i] }),
          ...(namesSelf ? { namesSelf } : {}),
        }),
      );
    }
    if (body.script !== undefined && typeof body.script !== 'string')
      refuse(block, [...path, 'script'], 'a string (a script file)');
    if (body.scripts !== undefined) stringList(body.scripts, block, [...path, 'scripts'], scope);
    for (const key of ['script', 'scripts'] as const) if (body[key] !== undefined) out.push(scriptFiles(key));
  }
}

/** The provisioner blocks of one object of them (`{"local-exec": {...}, "file": [...]}`). */
function provisionerObject(
  value: unknown,
  block: Block,
  path: PropertyKey[],
  scope: Scope,
  out: RawCommand[],
): void {
  if (!isJsonObject(value)) refuse(block, path, 'an object of provisioner blocks by type');
  for (const type of Object.keys(value)) {
    const blocks = (value as JsonObject)[type];
    if (Array.isArray(blocks))
      blocks.forEach((body, i) => blockCommands(type, body, block, [...path, type, i], scope, out));
    else blockCommands(type, blocks, block, [...path, type], scope, out);
  }
}

/** The commands a resource body's provisioners run, evaluated in `scope`; undefined when there is none. */
export function commandsOf(body: JsonObject, block: Block, scope: Scope): readonly RawCommand[] | undefined {
  const value = body.provisioner;
  if (value === undefined) return undefined;
  const out: RawCommand[] = [];
  if (Array.isArray(value))
    value.forEach((v, i) => provisionerObject(v, block, ['provisioner', i], scope, out));
  else provisionerObject(value, block, ['provisioner'], scope, out);
  return out.length > 0 ? out : undefined;
}
