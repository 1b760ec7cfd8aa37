/**
 * ACR-101: hardening never decreases along the promotion chain. Each ordered control maps a registry
 * to a number (higher is stricter); an environment must score at least its predecessor on every one.
 */
import { DIAGNOSTIC_LOG_CATEGORIES } from '../../constructs/model/provider-defaults';
import { isSku, skuRank } from '../../constructs/model/tiers';
import { SIGNING_IDENTITY_PREFIX } from '../../constructs/model/signing';
import type { Registry, Setting } from '../inventory/types';
import { UNKNOWN, isUnknown } from '../inventory/types';
import type { EstateOutcome, EstateRule } from '../rules/types';
import { hops, registriesOf } from './chain';

/** An ordered control: a name and a score (higher is stricter). */
export interface HardeningControl {
  readonly name: string;
  readonly score: (registry: Registry) => Setting<number>;
}

const flag = (value: Setting<boolean>, strictWhen: boolean): Setting<number> =>
  isUnknown(value) ? UNKNOWN : value === strictWhen ? 1 : 0;

/** The ordered controls, in report order. */
export const HARDENING_CONTROLS: readonly HardeningControl[] = [
  { name: 'tier', score: (r) => (isUnknown(r.sku) ? UNKNOWN : isSku(r.sku) ? skuRank(r.sku) : 0) },
  {
    name: 'network exposure',
    score: (r) => {
      if (r.publicNetworkAccess === false) return 2;
      if (isUnknown(r.publicNetworkAccess) || isUnknown(r.networkDefaultAction)) return UNKNOWN;
      return r.networkDefaultAction === 'Deny' ? 1 : 0;
    },
  },
  { name: 'private endpoint', score: (r) => (r.privateEndpoints.length > 0 ? 1 : 0) },
  { name: 'admin user disabled', score: (r) => flag(r.adminEnabled, false) },
  { name: 'anonymous pull disabled', score: (r) => flag(r.anonymousPull, false) },
  { name: 'quarantine', score: (r) => flag(r.quarantine, true) },
  { name: 'retention', score: (r) => (isUnknown(r.retentionDays) ? UNKNOWN : r.retentionDays > 0 ? 1 : 0) },
  {
    name: 'signing',
    score: (r) => {
      // A Notation signing identity (id-sign-<env>) with push, or Docker Content Trust.
      const signer = r.roleAssignments.some(
        (g) =>
          g.principal.identityName?.startsWith(SIGNING_IDENTITY_PREFIX) === true &&
          !isUnknown(g.role.abilities) &&
          g.role.abilities.push,
      );
      return r.trustPolicy === true || signer ? 1 : isUnknown(r.trustPolicy) ? UNKNOWN : 0;
    },
  },
  { name: 'geo-replicas', score: (r) => r.replicas.length },
  { name: 'zone redundancy', score: (r) => flag(r.zoneRedundancy, true) },
  { name: 'export disabled', score: (r) => flag(r.exportEnabled, false) },
  { name: 'dedicated data endpoints', score: (r) => flag(r.dataEndpoints, true) },
  {
    name: 'audit diagnostics',
    score: (r) =>
      r.diagnostics.some(
        (d) =>
          !isUnknown(d.logCategories) &&
          d.hasDestination === true &&
          DIAGNOSTIC_LOG_CATEGORIES.every((c) => (d.logCategories as readonly string[]).includes(c)),
      )
        ? 1
        : 0,
  },
  {
    name: 'delete lock',
    score: (r) => (r.locks.some((l) => l.level === 'CanNotDelete' || l.level === 'ReadOnly') ? 1 : 0),
  },
  { name: 'destroy protection', score: (r) => flag(r.preventDestroy, true) },
  {
    name: 'token password expiry',
    score: (r) => (r.tokens.some((t) => t.passwords.some((p) => p.expires === false)) ? 0 : 1),
  },
];

/** The weakest score of an environment's registries on a control (UNKNOWN if any is unknown). */
function weakest(registries: readonly Registry[], control: HardeningControl): Setting<number> {
  // One pass, no score array: this runs for every control of every hop over every registry.
  let min = Infinity;
  let unknown = false;
  for (const registry of registries) {
    const score = control.score(registry);
    if (isUnknown(score)) unknown = true;
    else if (score < min || Number.isNaN(score)) min = score; // as Math.min: NaN wins
  }
  return unknown ? UNKNOWN : min;
}

/** ACR-101: each environment is at least as strict as its predecessor on every ordered control. */
export const hardeningNeverDecreases: EstateRule = {
  id: 'ACR-101',
  title: 'Hardening never decreases along the promotion chain',
  severity: 'high',
  posture: 'baseline',
  rationale:
    'Images get closer to production at every hop; an environment weaker than the one before it (public while its predecessor is private, no quarantine after one with quarantine) is where an attacker would enter.',
  remediation:
    'Make the later environment at least as strict as the earlier one on the control named, or reorder the chain.',
  references: {},
  check: (estate) => {
    const outcomes: EstateOutcome[] = [];
    for (const hop of hops(estate.order)) {
      const before = registriesOf(estate, hop.from);
      const after = registriesOf(estate, hop.to);
      if (before.length === 0 || after.length === 0) continue;
      const source = after[0].source;
      let failures = 0;
      for (const control of HARDENING_CONTROLS) {
        const a = weakest(before, control);
        const b = weakest(after, control);
        if (isUnknown(a) || isUnknown(b)) {
          outcomes.push({
            result: 'unknown',
            environment: hop.to,
            source,
            message: `${control.name}: ${hop.to} vs ${hop.from} is only known after apply`,
          });
        } else if (b < a) {
          failures += 1;
          outcomes.push({
            result: 'fail',
            environment: hop.to,
            source,
            message: `${hop.to} is weaker than ${hop.from} on ${control.name}`,
          });
        }
      }
      if (failures === 0) {
        outcomes.push({
          result: 'pass',
          environment: hop.to,
          source,
          message: `${hop.to} is at least as hardened as ${hop.from} on every control`,
        });
      }
    }
    return outcomes;
  },
};
