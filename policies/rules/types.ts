/**
 * Rules as data plus pure functions (the cdk-nag shape): each rule has a stable ID, a title, a
 * severity, why it matters, how to fix it, references to public rule sets, and a check.
 */
import type { UnattachedItem } from '../inventory/input-notes';
import type { Inventory, Registry, Setting, SourceLocation } from '../inventory/types';

/** How bad a failure is. */
export type Severity = 'low' | 'medium' | 'high' | 'critical';

/** Severities from the least to the most severe. */
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

/** The result of one rule on one item. */
export type Result = 'pass' | 'fail' | 'unknown' | 'not-applicable' | 'suppressed';

/**
 * The minimum posture a rule belongs to (DESIGN.md "minimum posture"): `baseline` applies to every
 * environment, `hardened` from staging on, `production` only where production images are served.
 */
export type Posture = 'baseline' | 'hardened' | 'production';

/** Postures from the least to the most strict. */
export const POSTURES: readonly Posture[] = ['baseline', 'hardened', 'production'];

/** References to public rule sets (FACTS.md section 7). */
export interface RuleReferences {
  /** Checkov check IDs, e.g. `CKV_AZURE_137`. */
  readonly checkov?: readonly string[];
  /** Azure Policy built-in definition GUIDs. */
  readonly azurePolicy?: readonly string[];
}

/** What describes a rule (everything but its check). */
export interface RuleInfo {
  /** Stable ID, e.g. `ACR-001`; never reused. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** Why it matters. */
  readonly rationale: string;
  /** How to fix a failure. */
  readonly remediation: string;
  readonly references: RuleReferences;
  /** The posture from which the rule applies. */
  readonly posture: Posture;
  /** An advisory-only rule never fails a build, whatever the environment's enforcement. */
  readonly advisoryOnly?: boolean;
  /**
   * The rule fails closed: what it cannot read is a failure of its own ("cannot prove this grant cannot
   * push"), never a pass. Such a rule exists so that other rules may answer unknown. @default false
   */
  readonly failsClosed?: boolean;
}

/** The outcome of a check on one item. */
export interface Outcome {
  readonly result: 'pass' | 'fail' | 'unknown' | 'not-applicable';
  readonly message: string;
  /** The item judged; the registry when absent. */
  readonly source?: SourceLocation;
}

/**
 * Where the images of an environment may be promoted from (DESIGN.md "The promotion model": into
 * environment N only by import from N-1): `known`, the previous environment and the names of its
 * registries, with `doubt` when its input may hold registries it does not show; `none` for the first
 * environment of the chain (nothing is promoted into it); `unknown` when that cannot be told here
 * (the environment is outside the chain, or the previous one is not among the inputs). `why` says it
 * for messages.
 */
export type Predecessor =
  | {
      readonly kind: 'known';
      readonly environment: string;
      readonly registries: readonly Setting<string>[];
      readonly doubt?: string;
    }
  | { readonly kind: 'none'; readonly why: string }
  | { readonly kind: 'unknown'; readonly why: string };

/** What a registry rule may know besides the registry. */
export interface RegistryContext {
  readonly environment: string;
  readonly inventory: Inventory;
  /**
   * Where the environment's images may be promoted from (see `Predecessor`). @default unknown: the
   * promotion order is not known
   */
  readonly predecessor?: Predecessor;
  /** Regions registries and replicas may live in; empty means any. */
  readonly allowedRegions: readonly string[];
  /** Regions this environment's registry must be replicated to; empty means any replica will do. */
  readonly replicaRegions: readonly string[];
  /** Upstream registries (login servers) cache rules may pull from. */
  readonly allowedCacheSources: readonly string[];
}

/**
 * Where a registry rule says what it found: one call per outcome, for each item it judges. The
 * evaluator's collector builds each finding straight from the call (no outcome object, and no list
 * per rule call: a check of thousands of registries makes tens of thousands of them).
 */
export interface Outcomes {
  /** The item passed; `source` is the item judged, the registry when absent. */
  pass(message: string, source?: SourceLocation): void;
  /** The item failed. */
  fail(message: string, source?: SourceLocation): void;
  /** The outcome depends on what the input does not show. */
  unknown(message: string, source?: SourceLocation): void;
  /** Nothing to judge. */
  notApplicable(message: string, source?: SourceLocation): void;
}

/** A registry rule as its file defines it: what describes it, and its judgement into `Outcomes`. */
export interface RegistryRuleDefinition extends RuleInfo {
  readonly judge: (out: Outcomes, registry: Registry, context: RegistryContext) => void;
  /**
   * Judges, once per environment, the attachments of the rule's kind that are not attached to one of
   * the input's registries (`Inventory.unattached`): a rule about each webhook judges an `http://`
   * webhook whose registry cannot be decided too. Outcomes carry the item's source. @default none
   */
  readonly judgeUnattached?: (
    out: Outcomes,
    items: readonly UnattachedItem[],
    context: RegistryContext,
  ) => void;
}

/**
 * A rule judged on each registry of each environment. `check` and `checkUnattached` return the
 * outcomes as a list (for callers of the exported catalogue); the evaluator uses `judge`.
 */
export interface RegistryRule extends RegistryRuleDefinition {
  readonly check: (registry: Registry, context: RegistryContext) => readonly Outcome[];
  /** The outcomes of `judgeUnattached` as a list. @default none */
  readonly checkUnattached?: (
    items: readonly UnattachedItem[],
    context: RegistryContext,
  ) => readonly Outcome[];
}

/** An outcome of an estate-wide rule: which environment (and registry) it concerns. */
export interface EstateOutcome extends Outcome {
  readonly environment: string;
  readonly registry?: string;
  readonly source: SourceLocation;
}

/** What an estate-wide (promotion) rule sees: every environment at once. */
export interface EstateContext {
  /** Environment names in promotion order. */
  readonly order: readonly string[];
  /** Inventories by environment. */
  readonly inventories: ReadonlyMap<string, Inventory>;
}

/** A rule judged once over the whole estate. */
export interface EstateRule extends RuleInfo {
  readonly check: (estate: EstateContext) => readonly EstateOutcome[];
}

/** Any rule. */
export type Rule = RegistryRule | EstateRule;
