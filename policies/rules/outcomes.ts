/**
 * Small helpers that rules use to say what they found.
 */
import type { ListKind, UnattachedItem } from '../inventory/input-notes';
import { undecidedDoubt } from '../inventory/input-notes';
import type { AttachmentKind, Registry, Setting, SourceLocation } from '../inventory/types';
import { isUnknown, unknownReason } from '../inventory/types';
import { BoundedCache } from '../inventory/bounded-cache';
import type { Outcome, Outcomes, RegistryContext, RegistryRule, RegistryRuleDefinition } from './types';

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
 * Says unknown for the items of one of a registry's lists the input may not show (`the webhooks of
 * contosoacr may include more...`), when the list is incomplete; true when it did. The text is built
 * only for a gap: every rule over a list asks, of every registry.
 */
export function reportGap(out: Outcomes, registry: Registry, kind: ListKind): boolean {
  const gap = registry.incomplete?.[kind];
  if (!gap) return false;
  out.unknown(
    `the ${LIST_NOUNS[kind]} of ${registryLabel(registry)} may include more than the input shows${becauseOf(gap)}`,
  );
  return true;
}

/** `Outcomes` by one method that records an outcome of any result (for the collector and lists). */
export abstract class OutcomeRecorder implements Outcomes {
  pass(message: string, source?: SourceLocation): void {
    this.record('pass', message, source);
  }

  fail(message: string, source?: SourceLocation): void {
    this.record('fail', message, source);
  }

  unknown(message: string, source?: SourceLocation): void {
    this.record('unknown', message, source);
  }

  notApplicable(message: string, source?: SourceLocation): void {
    this.record('not-applicable', message, source);
  }

  protected abstract record(
    result: Outcome['result'],
    message: string,
    source: SourceLocation | undefined,
  ): void;
}

/** Outcomes kept as a list, for callers that want the outcomes of a rule rather than findings. */
export class OutcomeList extends OutcomeRecorder {
  readonly outcomes: Outcome[] = [];

  protected record(result: Outcome['result'], message: string, source: SourceLocation | undefined): void {
    this.outcomes.push(source ? { result, message, source } : { result, message });
  }
}

/** A rule of its file's definition, with `check` and `checkUnattached` returning its outcomes as lists. */
export function withOutcomeLists(rule: RegistryRuleDefinition): RegistryRule {
  const { judgeUnattached } = rule;
  const check = (registry: Registry, context: RegistryContext): Outcome[] => {
    const list = new OutcomeList();
    rule.judge(list, registry, context);
    return list.outcomes;
  };
  if (!judgeUnattached) return { ...rule, check };
  const checkUnattached = (items: readonly UnattachedItem[], context: RegistryContext): Outcome[] => {
    const list = new OutcomeList();
    judgeUnattached(list, items, context);
    return list.outcomes;
  };
  return { ...rule, check, checkUnattached };
}

/** A display name for a registry (its name, or its address when the name is unknown). */
export function registryLabel(registry: Registry): string {
  return typeof registry.name === 'string' && registry.name !== '' ? registry.name : registry.source.address;
}

/** What an outcome of a boolean setting says before the registry's name. */
interface SettingTexts {
  /** `<what> is enabled on ` */
  readonly enabled: string;
  /** `<what> is disabled on ` */
  readonly disabled: string;
}

/**
 * The texts of each setting (`what`), built once: every registry's outcome is then one string joined
 * to its name, not four (thousands of registries, a dozen settings each). Bounded: a replica's setting
 * names its region, which comes from the input.
 */
const SETTING_TEXTS = new BoundedCache<string, SettingTexts>(10_000);

function settingTexts(what: string): SettingTexts {
  return { enabled: `${what} is enabled on `, disabled: `${what} is disabled on ` };
}

/** Judges a boolean setting against the value it should have. */
export function expectSetting(
  out: Outcomes,
  registry: Registry,
  value: Setting<boolean>,
  wanted: boolean,
  what: string,
  source?: SourceLocation,
): void {
  const name = registryLabel(registry);
  if (isUnknown(value)) return out.unknown(`${what} of ${name} ${unknownText(value)}`, source);
  const texts = SETTING_TEXTS.get(what, settingTexts);
  const message = (value ? texts.enabled : texts.disabled) + name;
  if (value === wanted) out.pass(message, source);
  else out.fail(message, source);
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
  ingests: 'imports (import pipelines, pipeline runs, image imports)',
};

/** ` has no <items>` for each kind, the text after a registry's name when it has none. */
const HAS_NO = Object.fromEntries(
  Object.entries(KIND_NOUNS).map(([kind, noun]) => [kind, ` has no ${noun}`]),
) as Readonly<Record<AttachmentKind, string>>;

/** Each list of a registry as a message calls it. */
const LIST_NOUNS: Readonly<Record<ListKind, string>> = { replicas: 'replicas', ...KIND_NOUNS };

/**
 * A rule judged on each item of one of a registry's lists: each item's outcomes, plus an unknown one
 * when the list may hold more than it shows; not applicable only for a list that is empty and complete.
 */
export function eachItem<K extends AttachmentKind>(
  out: Outcomes,
  registry: Registry,
  kind: K,
  judge: (out: Outcomes, item: Registry[K][number]) => void,
): void {
  const items = registry[kind] as readonly Registry[K][number][];
  for (const item of items) judge(out, item);
  if (reportGap(out, registry, kind) || items.length > 0) return;
  // Not applicable only when everything was seen: an item the input does not place may be this one's
  // (it is judged on its own too).
  const doubt = undecidedDoubt(registry, kind);
  if (doubt)
    out.unknown(`whether ${registryLabel(registry)} has ${KIND_NOUNS[kind]} is not known${becauseOf(doubt)}`);
  else out.notApplicable(registryLabel(registry) + HAS_NO[kind]);
}
