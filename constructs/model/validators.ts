/**
 * Small, reusable checks of declaration values against the model's facts. Each records at most one
 * problem at `path` (what is wrong and the fix) and returns whether the value passed, so callers can
 * skip checks that build on it. New declaration fields use these rather than their own regexes.
 */
import type { ProblemList } from './problems';
import type { NamedEntity, NameRule } from './names';
import { NAME_RULES } from './names';
import type { ResourceIdKind } from './azure-ids';
import { isGuid, resourceIdExample, resourceIdLabel, resourceIdProblem } from './azure-ids';
import { AZURE_REGIONS, isAzureRegion, regionFromDisplayName } from './regions';
import { cronProblem } from './cron';

/** Longest value shown in a message (resource IDs fit); longer ones are cut with an ellipsis. */
const SHOWN_LENGTH = 300;

/** Control characters (C0, DEL, C1), bidirectional and invisible formatting characters, line separators. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

/**
 * `value` as a double-quoted string safe to print anywhere: control, bidirectional and invisible
 * characters as `\u` escapes, quotes and backslashes escaped, cut to 300 characters. Non-strings are
 * shown as their type, so a message never runs code (`toString`) from the input.
 */
export function quoted(value: unknown): string {
  if (typeof value !== 'string') return describeType(value);
  const cut = value.length > SHOWN_LENGTH ? `${value.slice(0, SHOWN_LENGTH)}…` : value;
  const escaped = cut.replace(/["\\]/g, '\\$&').replace(new RegExp(UNSAFE_CHARACTERS.source, 'g'), (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `"${escaped}"`;
}

/** What kind of value `value` is, for messages: `a string`, `a number`, `null`, `an array`. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

/** Edit distance between two strings (insertions, deletions, substitutions). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidate closest to `value` (ignoring case) when it is close enough to be a typo: at most a
 * quarter of its length away (at least 1) and no more than 3 edits; the first of equally close ones.
 */
export function closest(value: string, candidates: readonly string[]): string | undefined {
  if (value.length > 64) return undefined;
  const lower = value.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(value.length / 4)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** `(did you mean "x"?)` when there is a close candidate, else empty. */
function didYouMean(value: string, candidates: readonly string[]): string {
  const match = closest(value, candidates);
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}

/** The rule of `entity` with its description, as the fix of a bad name. */
function nameFix(rule: NameRule): string {
  return `use ${rule.description}`;
}

/** Checks `name` against the naming rule of `entity` (pattern and reserved names). */
export function checkName(entity: NamedEntity, name: string, path: string, problems: ProblemList): boolean {
  const rule: NameRule = NAME_RULES[entity];
  if (!rule.pattern.test(name)) {
    problems.add(path, `${NAME_LABELS[entity]} name ${quoted(name)} is invalid`, nameFix(rule));
    return false;
  }
  if ((rule.reserved ?? []).includes(name)) {
    problems.add(
      path,
      `${NAME_LABELS[entity]} name ${quoted(name)} is reserved (a JavaScript or Terraform built-in name)`,
      `choose another name; ${nameFix(rule)}`,
    );
    return false;
  }
  return true;
}

/** How messages name each entity. */
const NAME_LABELS: Readonly<Record<NamedEntity, string>> = {
  registry: 'registry',
  replication: 'replication',
  webhook: 'webhook',
  scopeMap: 'scopeMap',
  token: 'token',
  task: 'task',
  repository: 'repository',
  environment: 'environment',
  resourceGroup: 'resource group',
  privateEndpoint: 'private endpoint',
  vnetLink: 'VNet link',
  storageAccount: 'storage account',
  storageContainer: 'storage container',
  input: 'input',
};

/**
 * Checks that `region` is an Azure region name (the ARM spelling, e.g. `westeurope`), and one of
 * `allowedRegions` when that list is not empty. A display name (`West Europe`) or a typo
 * (`westeurope2`) gets the name it probably meant.
 */
export function checkRegion(
  region: string,
  path: string,
  problems: ProblemList,
  allowedRegions: readonly string[] = [],
): boolean {
  if (!isAzureRegion(region)) {
    const meant =
      regionFromDisplayName(region) ??
      closest(
        region,
        AZURE_REGIONS.map(([name]) => name),
      );
    problems.add(
      path,
      `${quoted(region)} is not an Azure region name`,
      meant
        ? `use the ARM spelling "${meant}"`
        : 'use the ARM spelling of a public-cloud region, e.g. "westeurope" (az account list-locations)',
    );
    return false;
  }
  if (allowedRegions.length > 0 && !allowedRegions.includes(region)) {
    problems.add(
      path,
      `region ${quoted(region)} is not allowed (allowed: ${allowedRegions.map((r) => (isAzureRegion(r) ? r : quoted(r))).join(', ')})`,
      'pick an allowed region or add it to allowedRegions',
    );
    return false;
  }
  return true;
}

/**
 * Azure tag limits. Source: Microsoft Learn "Use tags to organize your Azure resources" (at most 50
 * tags per resource; names up to 512 characters without `<>%&\?/` or control characters, values up to
 * 256; names case-insensitive; Azure Private DNS zones and their records only 15 tags) and the azurerm
 * tag validator (50 tags, keys 512 and values 256 counted in UTF-8 bytes, the stricter count kept here).
 */
export const TAG_LIMITS = {
  maxTags: 50,
  maxTagsPrivateDnsZone: 15,
  maxKeyBytes: 512,
  maxValueBytes: 256,
  forbiddenKeyCharacters: /[<>%&\\?/]/,
} as const;

/** Length of `value` in UTF-8 bytes (a surrogate pair is one 4-byte character). */
function byteLength(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Checks a tag map: the number of tags (at most `maxTags`, by default 50), each key (1-512 bytes, none
 * of `<>%&\?/`, unique ignoring case) and each value (at most 256 bytes). `what` names the resources
 * the tags land on, for the message.
 */
export function checkTags(
  tags: Readonly<Record<string, string>>,
  path: string,
  problems: ProblemList,
  options: { readonly maxTags?: number; readonly what?: string } = {},
): boolean {
  const before = problems.all.length;
  const entries = Object.entries(tags);
  const max = options.maxTags ?? TAG_LIMITS.maxTags;
  if (entries.length > max)
    problems.add(
      path,
      `${entries.length} tags exceed the limit of ${max} on ${options.what ?? 'an Azure resource'}`,
      `keep at most ${max} tags (put several values in one JSON tag value if needed)`,
    );
  const seen = new Map<string, string>();
  for (const [key, value] of entries) {
    const at = `${path}${propertyPath(key)}`;
    if (key === '') problems.add(at, 'a tag name is empty', 'give the tag a name');
    else if (byteLength(key) > TAG_LIMITS.maxKeyBytes)
      problems.add(
        at,
        `tag name ${quoted(key)} is ${byteLength(key)} bytes long (at most ${TAG_LIMITS.maxKeyBytes})`,
        'shorten the tag name',
      );
    else if (key === '__proto__')
      // cdktf copies tags by assignment, which sets the prototype instead: the tag would vanish.
      problems.add(at, 'a tag named "__proto__" would be dropped on the way to Terraform', 'rename the tag');
    else if (TAG_LIMITS.forbiddenKeyCharacters.test(key))
      problems.add(
        at,
        `tag name ${quoted(key)} contains one of < > % & \\ ? /`,
        'remove those characters from the tag name',
      );
    const lower = key.toLowerCase();
    const earlier = seen.get(lower);
    if (earlier !== undefined)
      problems.add(
        at,
        `tag names ${quoted(earlier)} and ${quoted(key)} differ only in case, and Azure treats them as one`,
        'keep one of them',
      );
    seen.set(lower, key);
    if (byteLength(value) > TAG_LIMITS.maxValueBytes)
      problems.add(
        at,
        `the value of tag ${quoted(key)} is ${byteLength(value)} bytes long (at most ${TAG_LIMITS.maxValueBytes})`,
        'shorten the value',
      );
  }
  return problems.all.length === before;
}

/** The path segment of a property: `.name` for identifier-like keys, `["odd key"]` otherwise. */
export function propertyPath(key: string): string {
  return /^[A-Za-z_$][\w$-]{0,63}$/.test(key) ? `.${key}` : `[${quoted(key)}]`;
}

/** Checks that `schedule` is a five-field cron expression ACR Tasks accepts (UTC). */
export function checkCron(schedule: string, path: string, problems: ProblemList): boolean {
  const problem = cronProblem(schedule);
  if (problem === undefined) return true;
  problems.add(
    path,
    `${quoted(schedule)} is not a cron schedule: ${problem}`,
    'use five fields "minute hour day month weekday" (0-59 0-23 1-31 1-12 0-6), e.g. "0 2 * * *" for daily at 02:00 UTC',
  );
  return false;
}

/** Checks that `value` is a resource ID of `kind`, with a GUID subscription and a valid resource group. */
export function checkResourceId(
  kind: ResourceIdKind,
  value: string,
  path: string,
  problems: ProblemList,
): boolean {
  const problem = resourceIdProblem(value, kind);
  if (problem === undefined) return true;
  problems.add(
    path,
    `${quoted(value)} is not a ${resourceIdLabel(kind)} ID: ${problem}`,
    `use ${resourceIdExample(kind)}`,
  );
  return false;
}

/** Checks that `value` is a GUID; `what` names it (`an Entra object ID`). */
export function checkGuid(value: string, what: string, path: string, problems: ProblemList): boolean {
  if (isGuid(value)) return true;
  problems.add(
    path,
    `${quoted(value)} is not ${what} (a GUID)`,
    `use ${what} such as 00000000-0000-0000-0000-000000000000`,
  );
  return false;
}

/**
 * Checks that `value` is one of `allowed` (case-sensitive, as the providers compare). `what` names the
 * setting (`enforcement`); a near miss (`Mandatory`) gets the value it probably meant.
 */
export function checkEnum<T extends string>(
  allowed: readonly T[],
  value: string,
  what: string,
  path: string,
  problems: ProblemList,
): value is T {
  if ((allowed as readonly string[]).includes(value)) return true;
  problems.add(
    path,
    `${quoted(value)} is not a valid ${what}${didYouMean(value, allowed)}`,
    `use one of ${allowed.map((a) => `"${a}"`).join(', ')}`,
  );
  return false;
}

/** Checks that `names` are unique ignoring case (Azure names are); problems at `path[i]`. */
export function checkUnique(
  names: readonly string[],
  path: string,
  what: string,
  problems: ProblemList,
): boolean {
  const before = problems.all.length;
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (seen.has(name.toLowerCase()))
      problems.add(
        `${path}[${i}]`,
        `${what} ${quoted(name)} is declared twice`,
        'give each one its own name',
      );
    seen.add(name.toLowerCase());
  });
  return problems.all.length === before;
}

/**
 * Longest string the declaration takes anywhere (resource IDs and URLs are the longest values); every
 * specific rule is tighter.
 */
export const MAX_TEXT_LENGTH = 2048;

/**
 * What makes `value` unusable as text anywhere in a declaration, or undefined: a control, bidirectional
 * or invisible character (they hide what a value really says in reviews and terminals), a Terraform
 * template sequence (`${` or `%{`: cdktf writes strings as they are, and Terraform would evaluate them
 * in cdk.tf.json), or more than 2,048 characters.
 */
export function textProblem(value: string): string | undefined {
  const unsafe = UNSAFE_CHARACTERS.exec(value);
  if (unsafe) {
    const code = unsafe[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return `contains the invisible or control character U+${code}`;
  }
  if (value.includes('${') || value.includes('%{'))
    return 'contains "${" or "%{", which Terraform would read as an expression';
  if (value.length > MAX_TEXT_LENGTH)
    return `is ${value.length} characters long (at most ${MAX_TEXT_LENGTH})`;
  return undefined;
}
