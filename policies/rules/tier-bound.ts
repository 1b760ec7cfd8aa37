/**
 * What a registry's tier decides when one of its settings is not known. A setting of a capability the
 * registry's known SKU does not have (constructs/model/tiers.ts, FACTS.md section 1) can only hold
 * the value it has without that capability, once Azure accepts the registry, whatever apply gives: a
 * Standard registry has no network rules, so it cannot deny by default; it has no customer-managed
 * key. So a plan whose `network_rule_set` or `encryption` is known only after apply (azurerm computes
 * them when the configuration leaves them out) is judged on the SKU, which the checker read, and the
 * outcome says so. A setting the SKU allows stays unknown.
 */
import type { Capability, Sku } from '../../constructs/model/tiers';
import { CAPABILITY_LABELS, isSku, lowestTierFor, tierAllows } from '../../constructs/model/tiers';
import type { Registry, Setting } from '../inventory/types';
import { isUnknown } from '../inventory/types';
import { expectSetting, registryLabel, skuOf } from './outcomes';
import type { Outcomes } from './types';

/** The registry's SKU when it is known and does not allow `capability`; undefined otherwise. */
export function tierWithout(registry: Registry, capability: Capability): Sku | undefined {
  const sku = skuOf(registry);
  return isSku(sku) && !tierAllows(sku, capability) ? sku : undefined;
}

/** A setting as the tier decides it, and what an outcome says of how it was decided ('' when it was read). */
export interface TierBound<T> {
  readonly value: Setting<T>;
  /** `<what> of <registry> is not known, but Standard does not allow ..., which needs Premium` */
  readonly note: string;
}

/**
 * `value`, or, when it is unknown and the registry's known SKU does not allow `capability`, `off`
 * (the value the setting has without the capability); `what` names the setting in the note.
 */
export function boundByTier<T>(
  registry: Registry,
  value: Setting<T>,
  capability: Capability,
  off: T,
  what: string,
): TierBound<T> {
  const sku = isUnknown(value) ? tierWithout(registry, capability) : undefined;
  if (sku === undefined) return { value, note: '' };
  return {
    value: off,
    note: `${what} of ${registryLabel(registry)} is not known, but ${sku} does not allow ${CAPABILITY_LABELS[capability]}, which needs ${lowestTierFor(capability)}`,
  };
}

/**
 * Judges a boolean setting of `capability` against the value it should have (as `expectSetting`);
 * an unknown one on a SKU without the capability is judged as `off`, with the reason.
 */
export function expectTierSetting(
  out: Outcomes,
  registry: Registry,
  value: Setting<boolean>,
  wanted: boolean,
  what: string,
  capability: Capability,
  off: boolean,
): void {
  const bound = boundByTier(registry, value, capability, off, what);
  if (bound.note === '') return expectSetting(out, registry, value, wanted, what);
  const message = `${bound.note}: it is ${off ? 'enabled' : 'disabled'}`;
  if (off === wanted) out.pass(message);
  else out.fail(message);
}
