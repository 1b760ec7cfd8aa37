/**
 * Reads the `acr purge` schedule back out of a task's values, so the danger block can compare what a
 * purge deletes before and after a change. The task carries the command in its encoded step
 * (`encoded_step.task_content` in azurerm, `encodedStep.taskContent` in the classic provider,
 * `step.encodedTaskContent` in azure-native and an azapi body: the base64 task file that
 * `constructs/model/purge.ts` writes). Flags (acr-cli, Microsoft Learn "Automatically purge
 * images from an Azure container registry"): `--filter <repository regex>:<tag regex>` (repeatable),
 * `--ago <Go duration, days as Nd>`, `--keep <n>`, `--untagged`.
 */
import { parse as parseYaml } from 'yaml';
import type { JsonObject, JsonValue } from './changes';
import { isObject } from './changes';
import { classicInputOf } from '../constructs/model/pulumi-classic-types';
import { decodeBase64 } from './redact';
import { propertiesOf } from './resource-kinds';

/** One `--filter`: a repository pattern, a tag pattern and the tags its negative lookahead protects. */
export interface PurgeFilter {
  /** The filter as written (`apps/.*:^(?!(?:latest)$)(?:.*)$`). */
  readonly raw: string;
  readonly repository: string;
  /** The tag pattern without the protected-tag lookahead. */
  readonly tags: string;
  readonly protectedTags: readonly string[];
}

/** What one purge step deletes. */
export interface PurgeSchedule {
  readonly filters: readonly PurgeFilter[];
  /** `--ago` in hours; undefined when absent or unreadable. */
  readonly agoHours?: number;
  /** The `--ago` value as written. */
  readonly ago?: string;
  /** `--keep`; 0 when absent. */
  readonly keep: number;
  readonly untagged: boolean;
}

/**
 * The purge steps of a task's values (any engine: an azapi task's step is under `body.properties`,
 * its `type` tells it apart); empty when the task is not a readable purge.
 */
export function purgeSchedules(values: JsonObject | undefined, type?: string): PurgeSchedule[] {
  const properties = type === undefined ? values : propertiesOf(type, values);
  const content = properties === 'unknown' ? undefined : taskContent(properties as JsonObject | undefined);
  if (content === undefined) return [];
  let document: unknown;
  try {
    document = parseYaml(asRun(decodeBase64(content)));
  } catch {
    return [];
  }
  const steps = isObject(document as JsonValue) ? (document as JsonObject).steps : undefined;
  if (!Array.isArray(steps)) return [];
  return steps
    .map((step: JsonValue) => (isObject(step) && typeof step.cmd === 'string' ? step.cmd : ''))
    .filter((cmd) => /^acr purge\s/.test(cmd))
    .map((cmd) => readCommand(shellWords(cmd)));
}

/**
 * The task file as ACR Tasks runs it: from `version: v1.1.0` on it first replaces `$$` by `$`, then
 * renders Go templates, so `{{"{{"}}` prints `{{` (Azure/acr-builder; the rewrites
 * `escapeTaskFileText` of constructs/model/purge.ts protects a purge command from).
 */
function asRun(text: string): string {
  const version = /^version:\s*['"]?v(\d+)\.(\d+)/m.exec(text);
  const major = Number(version?.[1] ?? 0);
  if (major < 1 || (major === 1 && Number(version?.[2]) < 1)) return text;
  return text.replace(/\$\$/g, '$').replace(/\{\{"\{\{"\}\}/g, '{{');
}

/**
 * The task file of a task's encoded step: azurerm's `encoded_step.task_content`, the classic
 * provider's `encodedStep.taskContent` (azurerm's in camelCase), azure-native's and ARM's
 * `step.encodedTaskContent`.
 */
function taskContent(values: JsonObject | undefined): string | undefined {
  const block = values?.encoded_step ?? values?.[classicInputOf('encoded_step')] ?? values?.step;
  const first = Array.isArray(block) ? block[0] : block;
  if (!isObject(first)) return undefined;
  const content = first.task_content ?? first[classicInputOf('task_content')] ?? first.encodedTaskContent;
  return typeof content === 'string' ? content : undefined;
}

function readCommand(words: readonly string[]): PurgeSchedule {
  const filters: PurgeFilter[] = [];
  let ago: string | undefined;
  let keep = 0;
  let untagged = false;
  for (let i = 2; i < words.length; i += 1) {
    const [flag, inline] = words[i].split(/=(.*)/s, 2);
    const value = (): string => inline ?? words[++i] ?? '';
    if (flag === '--filter' || flag === '-f') filters.push(readFilter(value()));
    else if (flag === '--ago') ago = value();
    else if (flag === '--keep') keep = Number(value()) || 0;
    else if (flag === '--untagged') untagged = true;
  }
  const agoHours = ago === undefined ? undefined : durationHours(ago);
  return {
    filters: filters.sort((a, b) => (a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0)),
    ...(ago !== undefined ? { ago } : {}),
    ...(agoHours !== undefined ? { agoHours } : {}),
    keep,
    untagged,
  };
}

/** The protected-tag lookahead `constructs/model/purge.ts` writes: `^(?!(?:a|b)$)(?:<tags>)$`. */
const PROTECTED = /^\^\(\?!\(\?:(.*)\)\$\)\(\?:(.*)\)\$$/s;
/** The whole-tag anchor it writes without protected tags: `^(?:<tags>)$`. */
const WHOLE_TAG = /^\^\(\?:(.*)\)\$$/s;

function readFilter(raw: string): PurgeFilter {
  const colon = raw.indexOf(':');
  const repository = colon < 0 ? raw : raw.slice(0, colon);
  const pattern = colon < 0 ? '' : raw.slice(colon + 1);
  const match = PROTECTED.exec(pattern);
  if (!match) return { raw, repository, tags: WHOLE_TAG.exec(pattern)?.[1] ?? pattern, protectedTags: [] };
  const protectedTags = splitAlternatives(match[1]).map((t) => t.replace(/\\(.)/g, '$1'));
  return { raw, repository, tags: match[2], protectedTags: protectedTags.sort() };
}

/** Splits `a|b\|c` on unescaped `|`. */
function splitAlternatives(pattern: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < pattern.length; i += 1) {
    if (pattern[i] === '\\' && i + 1 < pattern.length) {
      current += pattern[i] + pattern[i + 1];
      i += 1;
    } else if (pattern[i] === '|') {
      out.push(current);
      current = '';
    } else current += pattern[i];
  }
  out.push(current);
  return out.filter((t) => t !== '');
}

/** Hours of a Go duration with acr-cli's day unit (`90d`, `1d12h`, `36h`, `90m`); undefined if unreadable. */
export function durationHours(value: string): number | undefined {
  const units: Readonly<Record<string, number>> = { d: 24, h: 1, m: 1 / 60, s: 1 / 3600 };
  if (!/^(\d+(\.\d+)?[dhms])+$/.test(value)) return undefined;
  let hours = 0;
  for (const [, amount, unit] of value.matchAll(/(\d+(?:\.\d+)?)([dhms])/g))
    hours += Number(amount) * units[unit];
  return hours;
}

/** Splits a command line into words: single and double quotes, backslash escapes outside single quotes. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < line.length) word += line[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i];
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** True when a filter matches every repository and every tag (`.*:.*`). */
export function matchesEverything(filter: PurgeFilter): boolean {
  const all = (p: string): boolean => /^\^?(\.\*|\.\+)\$?$/.test(p);
  return all(filter.repository) && all(filter.tags) && filter.protectedTags.length === 0;
}
