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
 *   (PUSH_TOOLS), or when its text is not known at all.
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

/**
 * Tools that push or import images (the CLI verbs that write into a registry): the Azure CLI's
 * `az acr import|build|run|task run|pack build`, `docker|podman|nerdctl|buildah push`, `buildx ... --push`,
 * `oras push|cp|copy|attach`, `helm push`, `crane push|copy|cp|append|mutate|tag`, `skopeo copy|sync`,
 * `regctl image copy`, `notation sign`, `cosign sign|attach|copy`.
 */
const PUSH_TOOLS =
  /\baz\s+acr\s+(?:import|build|run|task\s+run|pack\s+build)\b|\b(?:docker|podman|nerdctl|buildah)\s+(?:image\s+)?push\b|\bbuildx\s+build\b[^\n;&|]*--push\b|\boras\s+(?:push|cp|copy|attach)\b|\bhelm\s+push\b|\bcrane\s+(?:push|copy|cp|append|mutate|tag)\b|\bskopeo\s+(?:copy|sync)\b|\bregctl\s+image\s+copy\b|\bnotation\s+sign\b|\bcosign\s+(?:sign|attach|copy)\b/i;

/** `${...}` in a text: the references the reader kept. */
const REFERENCE = /\$\{([^{}]+)\}/g;

/** A login server or data endpoint: `<name>.azurecr.io`, `<name>.<region>.data.azurecr.io` (and sovereign clouds). */
const LOGIN_SERVER = /\b([a-z0-9]{5,50})\.(?:[a-z0-9-]+\.)*azurecr\.(?:io|cn|us)\b/gi;

/** The registry argument of an `az acr` command. */
const REGISTRY_ARGUMENT = /(?:^|\s)(?:--name|-n|--registry|-r)(?:\s+|=)["']?([A-Za-z0-9]{5,50})\b/g;

/** A word that may be a registry name (5 to 50 letters and digits). */
const WORD = /[A-Za-z0-9]{5,50}/g;

/** The text of a command as shown in a reason: its first 120 characters, in backticks. */
function shown(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return `\`${line.length > 120 ? `${line.slice(0, 117)}...` : line}\``;
}

/** The registries a command's known text names (see the top of this file), by target. */
function namedIn(index: ResourceIndex, text: string, found: Set<RegistryTarget>): void {
  const external = new Map<string, RegistryTarget>();
  const byName = (name: string): void => {
    const managed = index.managedRegistryNamed(name);
    if (managed) found.add(managed);
    else if (!external.has(name.toLowerCase())) {
      const target: RegistryTarget = { kind: 'external', name: name.toLowerCase() };
      external.set(name.toLowerCase(), target);
      found.add(target);
    }
  };
  for (const [, inner] of text.matchAll(REFERENCE)) {
    const ref = `\${${inner}}`;
    if (parseReference(ref) === undefined) continue;
    const target = index.registryFromName(ref);
    if (target) found.add(target);
  }
  const plain = text.replace(REFERENCE, ' ');
  for (const [word] of plain.matchAll(WORD)) {
    const managed = index.managedRegistryNamed(word);
    if (managed) found.add(managed);
  }
  for (const [, name] of plain.matchAll(LOGIN_SERVER)) byName(name);
  if (/\baz\s+acr\b/i.test(plain)) for (const [, name] of plain.matchAll(REGISTRY_ARGUMENT)) byName(name);
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
    `${r.address} runs a ${command.provisioner} command${what}; what a command pushes or imports is not read here (promote with the promotion identity's import, outside the deployment)`,
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
  const known = texts.filter((t): t is string => t !== undefined);
  const found = new Set<RegistryTarget>();
  if (command.namesSelf) {
    // `self` in a registry's own provisioner is that registry.
    const self = index.registryFromId(`\${${r.address}.id}`);
    if (self?.kind === 'managed') found.add(self);
  }
  for (const text of known) namedIn(index, text, found);
  const main = knownTextOf(command.text);
  const what =
    command.written !== undefined
      ? ` ${shown(command.written)}`
      : main === undefined
        ? ''
        : ` ${shown(main)}`;
  if (found.size > 0) {
    for (const target of found) attach(commandIngest(file, r, command, what), target);
    return;
  }
  if (main === undefined) {
    const why = unknownReason(command.text) ?? 'it is known only after apply';
    attach(commandIngest(file, r, command, `${what} that the input does not decide (${why})`), undefined);
    return;
  }
  if (known.some((t) => PUSH_TOOLS.test(t)))
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
