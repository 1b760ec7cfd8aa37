/**
 * What the text of a command a deployment runs (a Terraform provisioner, a Pulumi `command` resource)
 * says about registries: the words that may be registry names, the registries it names outright (a
 * login server, the registry argument of an `az acr` command), and whether it runs a tool that
 * pushes or imports images. Shared by the Terraform and Pulumi readers of commands, which map names
 * to their registries. The checker does not judge shell commands beyond this.
 */

/**
 * Tools that push or import images (the CLI verbs that write into a registry): the Azure CLI's
 * `az acr import|build|run|task run|pack build`, `docker|podman|nerdctl|buildah push`, `buildx ... --push`,
 * `oras push|cp|copy|attach`, `helm push`, `crane push|copy|cp|append|mutate|tag`, `skopeo copy|sync`,
 * `regctl image copy`, `notation sign`, `cosign sign|attach|copy`.
 */
const PUSH_TOOLS =
  /\baz\s+acr\s+(?:import|build|run|task\s+run|pack\s+build)\b|\b(?:docker|podman|nerdctl|buildah)\s+(?:image\s+)?push\b|\bbuildx\s+build\b[^\n;&|]*--push\b|\boras\s+(?:push|cp|copy|attach)\b|\bhelm\s+push\b|\bcrane\s+(?:push|copy|cp|append|mutate|tag)\b|\bskopeo\s+(?:copy|sync)\b|\bregctl\s+image\s+copy\b|\bnotation\s+sign\b|\bcosign\s+(?:sign|attach|copy)\b/i;

/** `${...}` in a text: references a Terraform reader kept. */
const REFERENCE = /\$\{([^{}]+)\}/g;

/** A login server or data endpoint: `<name>.azurecr.io`, `<name>.<region>.data.azurecr.io` (and sovereign clouds). */
const LOGIN_SERVER = /\b([a-z0-9]{5,50})\.(?:[a-z0-9-]+\.)*azurecr\.(?:io|cn|us)\b/gi;

/** The registry argument of an `az acr` command. */
const REGISTRY_ARGUMENT = /(?:^|\s)(?:--name|-n|--registry|-r)(?:\s+|=)["']?([A-Za-z0-9]{5,50})\b/g;

/** A word that may be a registry name (5 to 50 letters and digits). */
const WORD = /[A-Za-z0-9]{5,50}/g;

/** What a command's text says about registries. */
export interface CommandText {
  /** The `${...}` references in it (Terraform), as written. */
  readonly references: readonly string[];
  /** Words outside references that may be registry names: a registry of the input by that name is named. */
  readonly words: readonly string[];
  /** Registry names it names outright, lowercased: login servers, and the registry argument of `az acr`. */
  readonly registries: readonly string[];
  /** True when it runs a tool that pushes or imports images (PUSH_TOOLS). */
  readonly pushes: boolean;
}

/** Reads a command's known text (see CommandText). */
export function readCommandText(text: string): CommandText {
  const references = [...text.matchAll(REFERENCE)].map((m) => m[0]);
  const plain = text.replace(REFERENCE, ' ');
  const registries = new Set<string>();
  for (const [, name] of plain.matchAll(LOGIN_SERVER)) registries.add(name.toLowerCase());
  if (/\baz\s+acr\b/i.test(plain))
    for (const [, name] of plain.matchAll(REGISTRY_ARGUMENT)) registries.add(name.toLowerCase());
  return {
    references,
    words: [...new Set([...plain.matchAll(WORD)].map((m) => m[0]))],
    registries: [...registries],
    pushes: PUSH_TOOLS.test(text),
  };
}

/**
 * The registries a command text names, as targets of the caller's input: a registry of the input by
 * a word of the text, and by each name the text names outright (`external` makes the target of one
 * outside the input). In text order; a registry may come more than once.
 */
export function registriesNamedIn<T>(
  text: CommandText,
  managedNamed: (name: string) => T | undefined,
  external: (name: string) => T,
): T[] {
  const out: T[] = [];
  for (const word of text.words) {
    const managed = managedNamed(word);
    if (managed !== undefined) out.push(managed);
  }
  for (const name of text.registries) out.push(managedNamed(name) ?? external(name));
  return out;
}

/** A command as a reason shows it: its first 120 characters on one line, in backticks. */
export function shownCommand(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return `\`${line.length > 120 ? `${line.slice(0, 117)}...` : line}\``;
}

/** What every reason about a command ends with. */
export const COMMAND_NOT_JUDGED =
  "what a command pushes or imports is not read here (promote with the promotion identity's import, outside the deployment)";
