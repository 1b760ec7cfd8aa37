/**
 * ACR-101: hardening never decreases along the promotion chain. Each ordered control maps a registry
 * to a number (higher is stricter); an environment must score at least its predecessor on every one.
 */
import { DIAGNOSTIC_LOG_CATEGORIES } from '../../constructs/model/provider-defaults';
import { isSku, skuRank } from '../../constructs/model/tiers';
import { SIGNING_IDENTITY_PREFIX } from '../../constructs/model/signing';
import type { ListKind } from '../inventory/input-notes';
import { isCertain, listDoubt } from '../inventory/input-notes';
import type { Located, Registry, Setting } from '../inventory/types';
import { UNKNOWN, isUnknown } from '../inventory/types';
import type { EstateOutcome, EstateRule } from '../rules/types';
import { openIpRanges } from '../rules/ip-ranges';
import { hops, registriesOf } from './chain';

/** An ordered control: a name and a score (higher is stricter). */
export interface HardeningControl {
  readonly name: string;
  readonly score: (registry: Registry) => Setting<number>;
}

const flag = (value: Setting<boolean>, strictWhen: boolean): Setting<number> =>
  isUnknown(value) ? UNKNOWN : value === strictWhen ? 1 : 0;

/** True when a grant's role signs images. */
/** True when `g` is the Notation signing identity (id-sign-<env>) with push rights. */
function signs(g: Registry['roleAssignments'][number]): boolean {
  return (
    g.principal.identityName?.startsWith(SIGNING_IDENTITY_PREFIX) === true &&
    !isUnknown(g.role.abilities) &&
    g.role.abilities.push
  );
}

/** True when a diagnostic setting sends both audit categories to a destination. */
function audits(d: Registry['diagnostics'][number]): boolean {
  return (
    !isUnknown(d.logCategories) &&
    d.hasDestination === true &&
    DIAGNOSTIC_LOG_CATEGORIES.every((c) => (d.logCategories as readonly string[]).includes(c))
  );
}

/** 1 when the registry surely has an item of `kind`, UNKNOWN when it may, else 0. */
function present(registry: Registry, kind: ListKind): Setting<number> {
  const list: readonly Located[] = registry[kind];
  if (list.some(isCertain)) return 1;
  return listDoubt(registry, kind) ? UNKNOWN : 0;
}

/** The ordered controls, in report order. */
export const HARDENING_CONTROLS: readonly HardeningControl[] = [
  { name: 'tier', score: (r) => (isUnknown(r.sku) ? UNKNOWN : isSku(r.sku) ? skuRank(r.sku) : 0) },
  {
    name: 'network exposure',
    score: (r) => {
      if (r.publicNetworkAccess === false) return 2;
      if (isUnknown(r.publicNetworkAccess) || isUnknown(r.networkDefaultAction)) return UNKNOWN;
      if (r.networkDefaultAction !== 'Deny') return 0;
      // An allow list that admits every address is as open as the default action Allow.
      const open = openIpRanges(r.ipRanges);
      return isUnknown(open) ? open : open.length > 0 ? 0 : 1;
    },
  },
  { name: 'private endpoint', score: (r) => present(r, 'privateEndpoints') },
  { name: 'admin user disabled', score: (r) => flag(r.adminEnabled, false) },
  { name: 'anonymous pull disabled', score: (r) => flag(r.anonymousPull, false) },
  { name: 'quarantine', score: (r) => flag(r.quarantine, true) },
  { name: 'retention', score: (r) => (isUnknown(r.retentionDays) ? UNKNOWN : r.retentionDays > 0 ? 1 : 0) },
  {
    name: 'signing',
    score: (r) => {
      // A Notation signing identity (id-sign-<env>) with push, or Docker Content Trust.
      if (r.trustPolicy === true) return 1;
      if (r.roleAssignments.some((g) => isCertain(g) && signs(g))) return 1;
      const unclear =
        isUnknown(r.trustPolicy) ||
        r.roleAssignments.some((g) => isUnknown(g.role.abilities) || signs(g)) ||
        listDoubt(r, 'roleAssignments');
      return unclear ? UNKNOWN : 0;
    },
  },
  {
    name: 'geo-replicas',
    score: (r) => (listDoubt(r, 'replicas') ? UNKNOWN : r.replicas.length),
  },
  { name: 'zone redundancy', score: (r) => flag(r.zoneRedundancy, true) },
  { name: 'export disabled', score: (r) => flag(r.exportEnabled, false) },
  { name: 'dedicated data endpoints', score: (r) => flag(r.dataEndpoints, true) },
  {
    name: 'audit diagnostics',
    score: (r) => {
      if (r.diagnostics.some((d) => isCertain(d) && audits(d))) return 1;
      const unclear = r.diagnostics.some((d) => isUnknown(d.logCategories) || isUnknown(d.hasDestination));
      return unclear || listDoubt(r, 'diagnostics') ? UNKNOWN : 0;
    },
  },
  {
    name: 'delete lock',
    score: (r) => {
      if (r.locks.some((l) => isCertain(l) && (l.level === 'CanNotDelete' || l.level === 'ReadOnly')))
        return 1;
      return r.locks.some((l) => isUnknown(l.level)) || listDoubt(r, 'locks') ? UNKNOWN : 0;
    },
  },
  { name: 'destroy protection', score: (r) => flag(r.preventDestroy, true) },
  {
    name: 'token password expiry',
    // Every password of the registry, those of tokens declared elsewhere (password-only items) too.
    score: (r) => {
      if (r.tokens.some((t) => t.passwords.some((p) => p.expires === false))) return 0;
      const unclear = r.tokens.some((t) => t.passwords.some((p) => isUnknown(p.expires)));
      return unclear || listDoubt(r, 'tokens') ? UNKNOWN : 1;
    },
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
      let unknowns = 0;
      for (const control of HARDENING_CONTROLS) {
        const a = weakest(before, control);
        const b = weakest(after, control);
        if (isUnknown(a) || isUnknown(b)) {
          unknowns += 1;
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
      if (failures === 0 && unknowns === 0) {
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
