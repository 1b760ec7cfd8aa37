/**
 * The rule catalogue: every registry rule and every promotion rule, sorted by ID.
 */
import { PROMOTION_RULES } from '../promotion';
import { ACCESS_RULES } from './access';
import { CONTENT_RULES } from './content';
import { DEPLOY_RULES } from './deploy';
import { INPUT_RULES } from './input';
import { MONITORING_RULES } from './monitoring';
import { NETWORK_RULES } from './network';
import { REMOVAL_RULES } from './removals';
import { RESILIENCE_RULES } from './resilience';
import { TIER_RULES } from './tiers';
import { withOutcomeLists } from './outcomes';
import type { EstateRule, RegistryRule, Rule, RuleInfo } from './types';
import { compareCodeUnits } from '../../constructs/model/order';

/** Rules judged on each registry, sorted by ID (each with `check`, its outcomes as a list). */
export const REGISTRY_RULES: readonly RegistryRule[] = [
  ...ACCESS_RULES,
  ...NETWORK_RULES,
  ...RESILIENCE_RULES,
  ...CONTENT_RULES,
  ...MONITORING_RULES,
  ...TIER_RULES,
  ...DEPLOY_RULES,
]
  .map(withOutcomeLists)
  .sort((a, b) => compareCodeUnits(a.id, b.id));

/** Rules judged over the whole estate (promotion, removals, and what each input holds besides registries), sorted by ID. */
export const ESTATE_RULES: readonly EstateRule[] = [
  ...PROMOTION_RULES,
  ...REMOVAL_RULES,
  ...INPUT_RULES,
].sort((a, b) => compareCodeUnits(a.id, b.id));

/** Every rule, sorted by ID. */
export const RULES: readonly Rule[] = [...REGISTRY_RULES, ...ESTATE_RULES].sort((a, b) =>
  compareCodeUnits(a.id, b.id),
);

const BY_ID = new Map<string, Rule>(RULES.map((rule) => [rule.id, rule]));

/** The rule with this ID, if any. */
export function ruleById(id: string): RuleInfo | undefined {
  return BY_ID.get(id);
}

/** True when the ID names a rule of the catalogue. */
export function isRuleId(id: string): boolean {
  return BY_ID.has(id);
}
