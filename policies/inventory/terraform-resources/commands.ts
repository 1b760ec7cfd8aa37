/**
 * Commands a Terraform configuration runs (provisioners, read by terraform-json/provisioners.ts),
 * read as ways in. A command runs with the credentials of whoever applies the configuration (or of
 * the machine `remote-exec` reaches) and can push or import whatever those allow: `docker push`,
 * `az acr import`, `az acr build`, a script. The checker does not judge shell commands, so each is an
 * import whose effect is UNKNOWN, with the command in the reason:
 *
 * - into every registry it names: by a reference to the registry (any attribute, `self.*` in the
 *   registry's own provisioner), by the literal name of a registry of the input (a word of the text),
 *   by a login server (`<name>.azurecr.io`), or by the registry argument of an `az acr` command
 *   (`--name`, `-n`, `--registry`, `-r`); a registry outside the input is named so;
 * - into a registry the input does not decide, when it names none but runs a push or import tool
 *   (command-text.ts), or when its text is not known at all.
 *
 * A command whose text is known, that names no registry and runs none of those tools, is taken not
 * to push (docs/rules.md says so): reading every command as a possible push would leave every
 * registry of an input with one `local-exec` unknown.
 */
import type { Ingest, Unknown } from '../types';
import { isUnknown, partialText, unknownBecause, unknownReason } from '../types';
import type { RegistryTarget, ResourceIndex } from './links';
import type { RawCommand, RawResource } from './raw';
import { parseReference, sourceOf } from './raw';
import type { CommandText } from '../command-text';
import { COMMAND_NOT_JUDGED, readCommandText, registriesNamedIn, shownCommand } from '../command-text';

/** The registries a command's known text names (see the top of this file), into `found`. */
function namedIn(index: ResourceIndex, text: CommandText, found: Map<string, RegistryTarget>): void {
  for (const ref of text.references) {
    if (parseReference(ref) === undefined) continue;
    const target = index.registryFromName(ref);
    if (target) found.set(keyOf(target), target);
  }
  const named = registriesNamedIn<RegistryTarget>(
    text,
    (name) => index.managedRegistryNamed(name),
    (name) => ({ kind: 'external', name }),
  );
  for (const target of named) found.set(keyOf(target), target);
}

/** One key per registry target (a managed registry by its address, another by its name). */
function keyOf(target: RegistryTarget): string {
  return target.kind === 'managed'
    ? `managed ${target.addresses.join(' ')}`
    : `external ${String(target.name)}`;
}

/** The known text of a command's value: the text, the known start of a partial one, or undefined. */
function knownTextOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isUnknown(value)) return partialText(value);
  return undefined;
}

/** The import a command is, for a registry it names (`names`) or one the input does not decide. */
function commandIngest(file: string, r: RawResource, command: RawCommand, what: string): Ingest {
  const imports: Unknown = unknownBecause(
    `${r.address} runs a ${command.provisioner} command${what}; ${COMMAND_NOT_JUDGED}`,
  );
  return { source: sourceOf(r, file), name: '', kind: 'command', from: imports, imports };
}

/** Reads one command: attaches its import to the registries it names, or to an undecided one. */
function attachCommand(
  index: ResourceIndex,
  file: string,
  r: RawResource,
  command: RawCommand,
  attach: (item: Ingest, target: RegistryTarget | undefined) => void,
): void {
  const texts = [command.text, ...(command.environment ?? [])].map(knownTextOf);
  const known = texts.filter((t): t is string => t !== undefined).map(readCommandText);
  const found = new Map<string, RegistryTarget>();
  if (command.namesSelf) {
    // `self` in a registry's own provisioner is that registry.
    const self = index.registryFromId(`\${${r.address}.id}`);
    if (self?.kind === 'managed') found.set(keyOf(self), self);
  }
  for (const text of known) namedIn(index, text, found);
  const main = knownTextOf(command.text);
  const what =
    command.written !== undefined
      ? ` ${shownCommand(command.written)}`
      : main === undefined
        ? ''
        : ` ${shownCommand(main)}`;
  if (found.size > 0) {
    for (const target of found.values()) attach(commandIngest(file, r, command, what), target);
    return;
  }
  if (main === undefined) {
    const why = unknownReason(command.text) ?? 'it is known only after apply';
    attach(commandIngest(file, r, command, `${what} that the input does not decide (${why})`), undefined);
    return;
  }
  if (known.some((t) => t.pushes))
    attach(
      commandIngest(
        file,
        r,
        command,
        `${what}, which pushes or imports into a registry the input does not decide`,
      ),
      undefined,
    );
}

/** Attaches the imports of every command the input's provisioners run (see the top of this file). */
export function attachCommands(
  index: ResourceIndex,
  file: string,
  attach: (item: Ingest, target: RegistryTarget | undefined) => void,
): void {
  for (const r of index.withCommands())
    for (const command of r.commands ?? []) attachCommand(index, file, r, command, attach);
}
