/**
 * Reads a multi-step task file the way ACR Tasks does (Azure/acr-builder), so tests can see what a
 * task file really runs: for `version: v1.1.0` and later, `$<alias>` replacement over the raw text
 * (graph/preprocessor.go: `$$` is a literal `$`, an unknown alias stays as written), then Go template
 * rendering, then YAML, then each step's `cmd` through `/bin/sh -c` after a leading image alias is
 * replaced (graph.ExpandCommandAliases). Written from those rules for tests; it refuses what it does
 * not model (template actions other than a string literal, unquoted shell operators) instead of
 * guessing.
 */
import { parse } from 'yaml';

/** The predefined aliases of acr-builder (graph/global-defaults-linux.go). */
const GLOBAL_ALIASES: Readonly<Record<string, string>> = {
  ID: '{{.Run.ID}}',
  SharedVolume: '{{.Run.SharedVolume}}',
  Registry: '{{.Run.Registry}}',
  RegistryName: '{{.Run.RegistryName}}',
  Date: '{{.Run.Date}}',
  OS: '{{.Run.OS}}',
  Architecture: '{{.Run.Architecture}}',
  Commit: '{{.Run.Commit}}',
  Branch: '{{.Run.Branch}}',
};

/** The image the `acr` alias stands for in cmd steps. */
export const ACR_ALIAS_IMAGE = 'mcr.microsoft.com/acr/acr-cli:0.19';

/** acr-builder's `$` alias preprocessing, character by character as in preprocessString. */
export function replaceAliases(text: string): string {
  let out = '';
  let command = '';
  let ongoing = false;
  for (const char of `${text} `) {
    if (ongoing) {
      if (char === '$' && command === '') {
        out += '$';
        ongoing = false;
      } else if (!/^[A-Za-z0-9]$/.test(char)) {
        const resolved = Object.prototype.hasOwnProperty.call(GLOBAL_ALIASES, command)
          ? GLOBAL_ALIASES[command]
          : undefined;
        if (resolved === undefined) {
          out += `$${command}${char}`;
          ongoing = false;
        } else {
          out += resolved;
          if (char !== '$') {
            ongoing = false;
            out += char;
          }
        }
        command = '';
      } else command += char;
    } else if (char === '$') ongoing = true;
    else out += char;
  }
  return out.slice(0, -1);
}

/** Go template rendering, limited to `{{"literal"}}` actions; any other action is an error. */
export function renderTemplate(text: string): string {
  return text.replace(/\{\{(.*?)\}\}/gs, (action, body: string) => {
    const literal = /^"((?:[^"\\]|\\.)*)"$/.exec(body);
    if (!literal) throw new Error(`template action ${JSON.stringify(action)} would run`);
    return JSON.parse(`"${literal[1]}"`) as string;
  });
}

/** POSIX shell word splitting with quotes; throws on unquoted operators, expansions or comments. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (c === ' ' || c === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) throw new Error('unterminated single quote');
      word = (word ?? '') + command.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let value = '';
      for (i++; i < command.length && command[i] !== '"'; i++) {
        if (command[i] === '$' || command[i] === '`') throw new Error('expansion inside double quotes');
        if (command[i] === '\\' && '$`"\\\n'.includes(command[i + 1])) i++;
        value += command[i];
      }
      if (i >= command.length) throw new Error('unterminated double quote');
      word = (word ?? '') + value;
    } else if (c === '\\') {
      word = (word ?? '') + (command[++i] ?? '');
    } else if (
      ';&|<>()$`\n'.includes(c) ||
      (c === '#' && word === undefined) ||
      c === '*' ||
      c === '?' ||
      c === '['
    ) {
      throw new Error(`unquoted shell character ${JSON.stringify(c)} in ${JSON.stringify(command)}`);
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** One step as ACR Tasks would run it. */
export interface RunStep {
  /** argv: the image first, then its arguments. */
  readonly argv: readonly string[];
  readonly step: Readonly<Record<string, unknown>>;
}

/** The steps a task file runs. */
export function readTaskFile(taskFile: string): RunStep[] {
  const rendered = renderTemplate(replaceAliases(taskFile));
  const task = parse(rendered) as { version?: unknown; steps?: Record<string, unknown>[] };
  if (task.version !== 'v1.1.0') throw new Error(`unexpected version ${String(task.version)}`);
  return (task.steps ?? []).map((step) => {
    const words = shellWords(String(step.cmd));
    return { step, argv: words[0] === 'acr' ? [ACR_ALIAS_IMAGE, ...words.slice(1)] : words };
  });
}
