/**
 * Small helpers that rules use to say what they found.
 */
import type { ListKind } from '../inventory/input-notes';
import type { AttachmentKind, Registry, Setting, SourceLocation } from '../inventory/types';
import { isUnknown, unknownReason } from '../inventory/types';
import type { Outcome } from './types';

/**
 * How a rule says a value is unknown: `is unknown: <reason>` when the adapter gave a reason (a
 * variable without a value, a `dynamic` block, a module), else `is only known after apply`.
 */
export function unknownText(value: unknown): string {
  const reason = unknownReason(value);
  return reason ? `is unknown: ${reason}` : 'is only known after apply';
}

/** The reason text of the first UNKNOWN among `values` that has one, for messages (`: <reason>`), else ''. */
export function becauseOf(...values: unknown[]): string {
  for (const value of values) {
    const reason = unknownReason(value);
    if (reason) return `: ${reason}`;
  }
  return '';
}

/**
 * An unknown outcome for the items of one of a registry's lists the input may not show (`the
 * webhooks of contosoacr may include more...`), when the list is incomplete; undefined when it is
 * complete. The text is built only for a gap: every rule over a list asks, of every registry.
 */
export function gapOutcome(registry: Registry, kind: ListKind): Outcome | undefined {
  const gap = registry.incomplete?.[kind];
  return gap
    ? unknown(
        `the ${LIST_NOUNS[kind]} of ${registryLabel(registry)} may include more than the input shows${becauseOf(gap)}`,
      )
    : undefined;
}

/** A pass. */
export function pass(message: string, source?: SourceLocation): Outcome {
  return source ? { result: 'pass', message, source } : { result: 'pass', message };
}

/** A failure. */
export function fail(message: string, source?: SourceLocation): Outcome {
  return source ? { result: 'fail', message, source } : { result: 'fail', message };
}

/** Known only after apply. */
export function unknown(message: string, source?: SourceLocation): Outcome {
  return source ? { result: 'unknown', message, source } : { result: 'unknown', message };
}

/** Nothing to judge. */
export function notApplicable(message: string, source?: SourceLocation): Outcome {
  return source ? { result: 'not-applicable', message, source } : { result: 'not-applicable', message };
}

/** A display name for a registry (its name, or its address when the name is unknown). */
export function registryLabel(registry: Registry): string {
  return typeof registry.name === 'string' && registry.name !== '' ? registry.name : registry.source.address;
}

/** Judges a boolean setting against the value it should have. */
export function expectSetting(
  registry: Registry,
  value: Setting<boolean>,
  wanted: boolean,
  what: string,
  source?: SourceLocation,
): Outcome {
  const name = registryLabel(registry);
  if (isUnknown(value)) return unknown(`${what} of ${name} ${unknownText(value)}`, source);
  const state = value ? 'enabled' : 'disabled';
  return value === wanted
    ? pass(`${what} is ${state} on ${name}`, source)
    : fail(`${what} is ${state} on ${name}`, source);
}

/** The SKU of a registry, when known. */
export function skuOf(registry: Registry): string | undefined {
  return isUnknown(registry.sku) ? undefined : registry.sku;
}

/** The scheme and host of a URI, never its path or query (they can hold secrets). */
export function redactUri(uri: string): string {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#@]*@?[^/?#]*)/.exec(uri);
  const base = match ? match[1] : uri.split(/[/?#]/)[0];
  return base.replace(/\/\/[^@/]*@/, '//');
}

const KIND_NOUNS: Readonly<Record<AttachmentKind, string>> = {
  privateEndpoints: 'private endpoints',
  roleAssignments: 'role assignments',
  scopeMaps: 'scope maps',
  tokens: 'tokens',
  webhooks: 'webhooks',
  tasks: 'tasks',
  diagnostics: 'diagnostic settings',
  locks: 'locks',
  agentPools: 'agent pools',
  credentialSets: 'credential sets',
  cacheRules: 'cache rules',
};

/** Each list of a registry as a message calls it. */
const LIST_NOUNS: Readonly<Record<ListKind, string>> = { replicas: 'replicas', ...KIND_NOUNS };

/**
 * The outcomes of a rule judged on each item of one of a registry's lists: each item's, plus an
 * unknown one when the list may hold more than it shows; not applicable only for a list that is
 * empty and complete.
 */
export function eachItem<K extends AttachmentKind>(
  registry: Registry,
  kind: K,
  judge: (item: Registry[K][number]) => Outcome | readonly Outcome[],
): Outcome[] {
  const gap = gapOutcome(registry, kind);
  const items = registry[kind] as readonly Registry[K][number][];
  if (items.length === 0)
    return [gap ?? notApplicable(`${registryLabel(registry)} has no ${KIND_NOUNS[kind]}`)];
  // A loop, not flatMap: every rule on every registry's lists comes here, and most judge one outcome.
  const outcomes: Outcome[] = [];
  for (const item of items) {
    const judged = judge(item);
    if (Array.isArray(judged)) outcomes.push(...(judged as readonly Outcome[]));
    else outcomes.push(judged as Outcome);
  }
  if (gap) outcomes.push(gap);
  return outcomes;
}
