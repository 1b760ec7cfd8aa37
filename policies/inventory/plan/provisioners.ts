/**
 * The commands of a plan's resources, from its `configuration` section: each configuration resource
 * lists its `provisioners`, each a `type` and `expressions` in Terraform's expression representation
 * (`constant_value` for a literal; `references` for an expression, whose text the plan does not
 * give). The twin of terraform-json/provisioners.ts for configurations.
 * Source: Terraform "JSON Output Format", Configuration Representation: "provisioners": [{"type":
 * "local-exec", "expressions": {...}}], and Expression Representation ("constant_value", "references").
 */
import { InventoryInputError } from '../errors';
import type { RawCommand } from '../terraform-resources/raw';
import { asRecord, scriptFiles } from '../terraform-resources/raw';
import { unknownBecause } from '../types';
import type { ModuleReferences } from './module-references';

type Json = Readonly<Record<string, unknown>>;

function refuse(where: string, expected: string): never {
  throw new InventoryInputError(`${where}: expected ${expected}`);
}

/**
 * The references of an expression, as `${...}` texts in the module instance `prefix`, and the
 * resources a variable or module output among them is set from (module-references.ts).
 */
function referencesOf(
  expression: Json,
  where: string,
  prefix: string,
  modules: ModuleReferences | undefined,
): string[] {
  const { references } = expression;
  if (references === undefined) return [];
  if (!Array.isArray(references) || references.some((r) => typeof r !== 'string'))
    refuse(`${where}.references`, 'a list of strings');
  const names = references as string[];
  const out = names.map((r) => (r.startsWith('self.') ? `\${${r}}` : `\${${prefix}${r}}`));
  if (modules !== undefined)
    for (const name of names)
      if (/^(?:var|module)\./.test(name))
        for (const resource of modules.follow(name, prefix) ?? []) out.push(`\${${resource}}`);
  return [...new Set(out)];
}

/** One command of an expression: its constant text, or UNKNOWN with what it refers to. */
function commandOf(
  provisioner: RawCommand['provisioner'],
  expression: unknown,
  where: string,
  prefix: string,
  modules: ModuleReferences | undefined,
  environment?: readonly unknown[],
): RawCommand {
  const json = asRecord(expression);
  if (json === undefined) refuse(where, 'an expression (an object)');
  const refersTo = referencesOf(json, where, prefix, modules);
  const namesSelf = refersTo.some((r) => r.startsWith('${self.'));
  const extra = {
    ...(namesSelf ? { namesSelf } : {}),
    ...(environment === undefined && refersTo.length === 0
      ? {}
      : { environment: [...(environment ?? []), ...refersTo] }),
  };
  if ('constant_value' in json) {
    const text = json.constant_value;
    if (typeof text !== 'string') refuse(`${where}.constant_value`, 'a string (the command to run)');
    return { provisioner, text, written: text, ...extra };
  }
  const shown = refersTo.length > 0 ? `, which refers to ${refersTo.join(', ')}` : '';
  return {
    provisioner,
    text: unknownBecause(
      `the plan gives the command as an expression${shown}, not its text (check the configuration)`,
    ),
    ...extra,
  };
}

/** The values of a local-exec provisioner's `environment` expression (references as `${...}` texts). */
function environmentOf(
  expression: unknown,
  where: string,
  prefix: string,
  modules: ModuleReferences | undefined,
): unknown[] | undefined {
  if (expression === undefined) return undefined;
  const json = asRecord(expression);
  if (json === undefined) refuse(where, 'an expression (an object)');
  // An object attribute is one expression: its constant value, or the references of all of it.
  if ('constant_value' in json) {
    const value = asRecord(json.constant_value);
    return value === undefined ? [] : Object.values(value);
  }
  return referencesOf(json, where, prefix, modules);
}

/**
 * The commands of a configuration resource's provisioners; undefined when it has none.
 * @param where the resource in the plan, for messages (`plan.json: configuration ... azurerm_x.y`)
 * @param prefix the module instance of the resource (`module.acr.`), which its references are relative to
 * @param modules the plan's module calls, to follow a variable or module output to its resources
 */
export function planCommandsOf(
  config: Json | undefined,
  where: string,
  prefix: string,
  modules?: ModuleReferences,
): RawCommand[] | undefined {
  const provisioners = config?.provisioners;
  if (provisioners === undefined) return undefined;
  if (!Array.isArray(provisioners)) refuse(`${where}.provisioners`, 'a list');
  const out: RawCommand[] = [];
  provisioners.forEach((p, i) => {
    const at = `${where}.provisioners[${i}]`;
    const provisioner = asRecord(p);
    if (provisioner === undefined || typeof provisioner.type !== 'string')
      refuse(at, 'an object with a type');
    const expressions = asRecord(provisioner.expressions ?? {});
    if (expressions === undefined) refuse(`${at}.expressions`, 'an object');
    if (provisioner.type === 'local-exec') {
      const environment = environmentOf(
        expressions.environment,
        `${at}.expressions.environment`,
        prefix,
        modules,
      );
      out.push(
        commandOf(
          'local-exec',
          expressions.command,
          `${at}.expressions.command`,
          prefix,
          modules,
          environment,
        ),
      );
    } else if (provisioner.type === 'remote-exec') {
      const inline = asRecord(expressions.inline);
      if (inline !== undefined && Array.isArray(inline.constant_value)) {
        // A literal list: one command per item.
        inline.constant_value.forEach((item, n) =>
          out.push(
            commandOf(
              'remote-exec',
              { constant_value: item },
              `${at}.expressions.inline.constant_value[${n}]`,
              prefix,
              modules,
            ),
          ),
        );
      } else if (expressions.inline !== undefined)
        out.push(commandOf('remote-exec', expressions.inline, `${at}.expressions.inline`, prefix, modules));
      for (const key of ['script', 'scripts'] as const)
        if (expressions[key] !== undefined) out.push(scriptFiles(key));
    }
  });
  return out.length > 0 ? out : undefined;
}
