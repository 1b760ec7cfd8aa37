/**
 * The `acr purge` command and task file behind tag-based retention. Both renderers use these, so the
 * cdktf and Pulumi stacks schedule the same command.
 *
 * acr purge (Azure/acr-cli, cmd/acr/purge.go and cmd/repository/image_functions.go) takes
 * `--filter <repository regex>:<tag regex>` (repeatable; the repository regex is matched as
 * `^<regex>$`, the tag regex anywhere in the tag, both with the regexp2 engine in its RE2 compatibility
 * mode), `--ago <duration>` (days as `90d`, at most 150 years), `--keep <n>` (newest tags kept per
 * repository) and `--untagged`. Microsoft Learn "Automatically purge images from an Azure container
 * registry" documents the same flags.
 *
 * How ACR Tasks reads the task file (Azure/acr-builder): for `version: v1.1.0` and later it first
 * replaces `$<alias>` everywhere in the text (`$$` is a literal `$`), then renders the text as a Go
 * template (`{{ ... }}`), parses the YAML, and runs each step's `cmd` through `/bin/sh -c` after
 * replacing a leading image alias (`acr`). So the file is produced by a YAML serializer, every argument
 * is quoted for the shell, every `$` is doubled and every `{{` is written as a template that prints it:
 * whatever a pattern holds, it stays one argument of one step.
 */
import { stringify } from 'yaml';
import type { PurgeDeclaration } from './declaration';

/** Default purge schedule: daily at 02:00 UTC. */
export const DEFAULT_PURGE_SCHEDULE = '0 2 * * *';

/** Longest `--ago` acr purge accepts: 150 years (acr-cli `maxAgoDurationYears`), in days. */
export const MAX_PURGE_AGE_DAYS = 150 * 365;

/** Longest repository or tag pattern accepted (the whole command also becomes a tag value). */
export const MAX_PURGE_PATTERN_LENGTH = 200;

/** Characters that stand for themselves in a pattern. */
const LITERAL = /^[A-Za-z0-9_/-]$/;
/** What may follow a backslash outside a character class. */
const ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S', 'b', 'B', ...'.\\/-*+?()[]{}|^$']);
/** What may follow a backslash inside a character class. */
const CLASS_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S', ...'.\\/-[]^']);
/** Largest repeat count RE2 accepts in `{n,m}`. */
const MAX_REPEAT = 1000;

/** Reads a character class starting at `start` (`[`); returns the index after `]` or a problem. */
function readClass(pattern: string, start: number): number | string {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  let items = 0;
  while (i < pattern.length && pattern[i] !== ']') {
    const c = pattern[i];
    if (c === '\\') {
      if (!CLASS_ESCAPES.has(pattern[i + 1] ?? ''))
        return `"\\${pattern[i + 1] ?? ''}" is not an escape to use in [...]`;
      i += 2;
    } else if (LITERAL.test(c) || c === '.') {
      if (pattern[i + 1] === '-' && pattern[i + 2] !== undefined && pattern[i + 2] !== ']') {
        const end = pattern[i + 2];
        if (!LITERAL.test(end) || end < c) return `the range "${c}-${end}" in [...] is not a range`;
        i += 3;
      } else i++;
    } else return `"${c}" is not allowed in [...]`;
    items++;
  }
  if (i >= pattern.length) return 'a "[" is not closed';
  if (items === 0) return '"[]" matches nothing';
  return i + 1;
}

/** Reads `{n}`, `{n,}` or `{n,m}` at `start`; returns its length or a problem. */
function readRepeat(pattern: string, start: number): number | string {
  const match = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(pattern.slice(start));
  if (!match) return 'a "{" that is not a repeat {n}, {n,} or {n,m} (write "\\{" for the character)';
  const min = Number(match[1]);
  const max = match[3] === undefined || match[3] === '' ? min : Number(match[3]);
  if (min > MAX_REPEAT || max > MAX_REPEAT) return `repeat counts above ${MAX_REPEAT} are not allowed`;
  if (max < min) return `the repeat "${match[0]}" counts backwards`;
  return match[0].length;
}

/**
 * Why `pattern` is not a usable acr purge pattern, or undefined. The grammar is the part of regular
 * expression syntax RE2, regexp2 (acr purge) and JavaScript read alike: letters, digits, `_ - /`, the
 * operators `. * + ? | ^ $`, lazy quantifiers, `{n,m}` repeats, groups `( )` and `(?: )`, character
 * classes `[...]` and the escapes `\d \w \s \b` (and their negations) and `\` before an operator. No
 * spaces, quotes, `#`, `:` outside `(?:`, lookarounds, back references or flags.
 */
export function purgePatternProblem(pattern: string): string | undefined {
  if (pattern === '') return 'it is empty';
  if (pattern.length > MAX_PURGE_PATTERN_LENGTH)
    return `it is longer than ${MAX_PURGE_PATTERN_LENGTH} characters`;
  if (pattern.includes('{{')) return 'it contains "{{", which ACR Tasks would read as a template';
  let depth = 0;
  let repeatable = false;
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (!ESCAPES.has(next)) return `"\\${next}" is not an escape acr purge and JavaScript read alike`;
      repeatable = next !== 'b' && next !== 'B';
      i += 2;
    } else if (c === '[') {
      const end = readClass(pattern, i);
      if (typeof end === 'string') return end;
      repeatable = true;
      i = end;
    } else if (c === '(') {
      if (pattern[i + 1] === '?' && pattern[i + 2] !== ':')
        return 'only plain "( )" and non-capturing "(?: )" groups are allowed';
      depth++;
      repeatable = false;
      i += pattern[i + 1] === '?' ? 3 : 1;
    } else if (c === ')') {
      if (depth === 0) return 'a ")" has no "("';
      depth--;
      repeatable = true;
      i++;
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      const length = c === '{' ? readRepeat(pattern, i) : 1;
      if (typeof length === 'string') return length;
      if (!repeatable) return `"${pattern.slice(i, i + length)}" repeats nothing`;
      i += length;
      if (pattern[i] === '?') i++; // lazy
      repeatable = false;
    } else if (c === '|' || c === '^' || c === '$') {
      repeatable = false;
      i++;
    } else if (c === '.' || LITERAL.test(c)) {
      repeatable = true;
      i++;
    } else {
      return `the character ${JSON.stringify(c)} is not allowed`;
    }
  }
  if (depth > 0) return 'a "(" is not closed';
  try {
    new RegExp(pattern);
  } catch {
    return 'it does not compile as a regular expression';
  }
  return undefined;
}

/**
 * The tag pattern a filter ends up with: the declared pattern matched against the whole tag, protected
 * tags excluded with a negative lookahead (regexp2 supports lookarounds). Matching the whole tag, like
 * acr purge matches the repository, keeps `v1` from purging `v10-rc`: a purge deletes less than a
 * substring match would, never more.
 */
export function purgeTagPattern(tags: string, protectedTags: readonly string[]): string {
  if (protectedTags.length === 0) return `^(?:${tags})$`;
  const escaped = [...protectedTags].sort().map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return `^(?!(?:${escaped.join('|')})$)(?:${tags})$`;
}

/** The arguments of `acr purge` for a purge declaration (without the `acr` image alias). */
export function purgeArguments(purge: PurgeDeclaration): string[] {
  const protectedTags = purge.protectedTags ?? [];
  const args = ['purge'];
  for (const f of purge.filters)
    args.push('--filter', `${f.repository}:${purgeTagPattern(f.tags ?? '.*', protectedTags)}`);
  args.push('--ago', `${purge.olderThanDays}d`);
  if ((purge.keepLast ?? 0) > 0) args.push('--keep', String(purge.keepLast));
  if (purge.untagged) args.push('--untagged');
  return args;
}

/** `arg` as one word of a POSIX shell command line: as it is when plain, else in single quotes. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./=,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The `acr purge` command line of a purge declaration, each argument quoted for the shell. */
export function purgeCommand(purge: PurgeDeclaration): string {
  return ['acr', ...purgeArguments(purge).map(shellQuote)].join(' ');
}

/**
 * Protects text from the two rewrites ACR Tasks applies before it parses a task file: `$` aliases
 * (`$$` is a literal `$`) and Go templates (`{{"{{"}}` prints `{{`).
 */
export function escapeTaskFileText(text: string): string {
  return text.replace(/\$/g, '$$$$').replace(/\{\{/g, '{{"{{"}}');
}

/** The multi-step task file (acr-task.yaml) that runs the purge. */
export function purgeTaskFile(purge: PurgeDeclaration, timeoutSeconds: number): string {
  const task = {
    version: 'v1.1.0',
    steps: [{ cmd: purgeCommand(purge), disableWorkingDirectoryOverride: true, timeout: timeoutSeconds }],
  };
  return escapeTaskFileText(stringify(task, { lineWidth: 0 }));
}
