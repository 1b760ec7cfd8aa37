/**
 * Keeping images available and in place: geo-replicas, allowed regions, zone redundancy, the delete
 * lock and destroy protection.
 */
import { isCertain, listDoubt } from '../inventory/input-notes';
import type { Replica, Setting, SourceLocation } from '../inventory/types';
import { isUnknown, unknownReason } from '../inventory/types';
import { BoundedCache } from '../inventory/bounded-cache';
import { locationKey } from '../../constructs/model/regions';
import { becauseOf, expectSetting, registryLabel, reportGap, unknownText } from './outcomes';
import type { Outcomes, RegistryRuleDefinition } from './types';

/** ` has <count> geo-replica(s)`, once per count. */
const GEO_REPLICAS = new BoundedCache<number, string>(1_000);

function geoReplicas(count: number): string {
  return ` has ${count} geo-replica(s)`;
}

/** ACR-008: the registry has geo-replicas. */
export const geoReplicasPresent: RegistryRuleDefinition = {
  id: 'ACR-008',
  title: 'The registry is geo-replicated',
  severity: 'medium',
  posture: 'production',
  rationale:
    'A regional outage makes a single-region registry, and every deployment that pulls from it, unavailable.',
  remediation:
    'Add `georeplications` in other allowed regions, including every required replica region (declaration: `replicas`); requires Premium.',
  references: { checkov: ['CKV_AZURE_165'] },
  judge: (out, registry, context) => {
    const name = registryLabel(registry);
    const doubt = listDoubt(registry, 'replicas');
    // A replica in the registry's own region is no geo-replica: "a geo-replica location must differ
    // from the registry location" (FACTS.md section 5), and azurerm rejects it ("the `georeplications`
    // list cannot contain the location where the Container Registry exists").
    const home = isUnknown(registry.location) ? undefined : locationKey(registry.location);
    const elsewhere = (r: Replica): boolean => isUnknown(r.location) || locationKey(r.location) !== home;
    let count = 0;
    let atHome: Replica | undefined;
    for (const replica of registry.replicas) {
      if (!isCertain(replica)) continue;
      if (elsewhere(replica)) count += 1;
      else atHome ??= replica;
    }
    if (count === 0)
      return doubt
        ? out.unknown(`the geo-replicas of ${name} are not known${becauseOf(doubt)}`)
        : atHome
          ? out.fail(
              `${name} has no geo-replica outside its own region: its replica in ${String(atHome.location)} is where the registry is (azurerm rejects it), and adds no region`,
              atHome.source,
            )
          : out.fail(`${name} has no geo-replica`);
    // Without required replica regions, any certain replica will do (no region set to build).
    if (context.replicaRegions.length === 0) return out.pass(name + GEO_REPLICAS.get(count, geoReplicas));
    const certain = registry.replicas.filter((r) => isCertain(r) && elsewhere(r));
    const present = new Set(certain.map((r) => (isUnknown(r.location) ? '' : locationKey(r.location))));
    const missing = context.replicaRegions.filter((region) => !present.has(locationKey(region)));
    if (missing.length > 0 && (present.has('') || doubt)) {
      const cause = registry.replicas.find((r) => isUnknown(r.location))?.location ?? doubt;
      return out.unknown(`the replica regions of ${name} are not all known${becauseOf(cause)}`);
    }
    for (const region of missing) out.fail(`${name} has no replica in ${region}, a required replica region`);
    if (missing.length === 0) out.pass(name + GEO_REPLICAS.get(count, geoReplicas));
  },
};

/** Allowed regions normalised (lowercase, no spaces), by the configured list they come from. */
const ALLOWED = new WeakMap<readonly string[], { regions: string[]; set: ReadonlySet<string> }>();

/**
 * The normalised set of `regions`, built once per configured list rather than once per registry (the
 * cached copy of the list guards against a caller changing the array between two evaluations).
 */
function allowedSet(regions: readonly string[]): ReadonlySet<string> {
  const cached = ALLOWED.get(regions);
  if (cached && cached.regions.length === regions.length && cached.regions.every((r, i) => r === regions[i]))
    return cached.set;
  const set = new Set(regions.map(locationKey));
  ALLOWED.set(regions, { regions: [...regions], set });
  return set;
}

/** A location as ACR-009 reads it (normalised) and words it after the place's name. */
interface PlaceTexts {
  readonly region: string;
  /** ` is in <location>` */
  readonly isIn: string;
  /** ` is in <location>, not an allowed region` */
  readonly notAllowed: string;
}

/** The texts of each location, once per location text (the same few on thousands of places). */
const PLACES = new BoundedCache<string, PlaceTexts>(10_000);

function placeTexts(location: string): PlaceTexts {
  return {
    region: locationKey(location),
    isIn: ` is in ${location}`,
    notAllowed: ` is in ${location}, not an allowed region`,
  };
}

/** ACR-009 on one place (`what`: the registry or a replica of it): it is in an allowed region. */
function placeOutcome(
  out: Outcomes,
  allowed: ReadonlySet<string>,
  what: string,
  location: Setting<string>,
  source: SourceLocation,
): void {
  if (isUnknown(location)) return out.unknown(`the region of ${what} ${unknownText(location)}`, source);
  const place = PLACES.get(location, placeTexts);
  if (allowed.has(place.region)) out.pass(what + place.isIn, source);
  else out.fail(what + place.notAllowed, source);
}

/** ACR-009: the registry and its replicas live only in allowed regions. */
export const allowedRegions: RegistryRuleDefinition = {
  id: 'ACR-009',
  title: 'The registry and its replicas are in allowed regions',
  severity: 'high',
  posture: 'baseline',
  rationale:
    'Data residency: images (and what they contain) must stay in the regions the organisation allows.',
  remediation:
    'Move the registry or replica to an allowed region, or extend the allowed regions deliberately.',
  references: {},
  judge: (out, registry, context) => {
    const name = registryLabel(registry);
    if (context.allowedRegions.length === 0) return out.notApplicable('no allowed regions are configured');
    const allowed = allowedSet(context.allowedRegions);
    placeOutcome(out, allowed, name, registry.location, registry.source);
    if (registry.replicas.length > 0) {
      const what = `a replica of ${name}`;
      for (const r of registry.replicas) placeOutcome(out, allowed, what, r.location, r.source);
    }
    reportGap(out, registry, 'replicas');
  },
};

/** What ACR-010 calls the zone redundancy of a replica, once per region text (the same few everywhere). */
const REPLICA_ZONE_REDUNDANCY = new BoundedCache<string, string>(10_000);

function replicaZoneRedundancy(region: string): string {
  return `Zone redundancy of the replica in ${region}`;
}

/** ACR-010: the registry and every replica are zone redundant. */
export const zoneRedundant: RegistryRuleDefinition = {
  id: 'ACR-010',
  title: 'The registry and every replica are zone redundant',
  severity: 'medium',
  posture: 'production',
  rationale:
    'Zone redundancy keeps the registry serving when one availability zone fails. Changing it later replaces the registry.',
  remediation:
    'Set `zone_redundancy_enabled = true` on the registry and on each `georeplications` block (declaration: `zoneRedundancy`).',
  references: { checkov: ['CKV_AZURE_233'], azurePolicy: ['9d2b0a20-57d6-474c-9d12-44a4a20999c6'] },
  judge: (out, registry) => {
    expectSetting(out, registry, registry.zoneRedundancy, true, 'Zone redundancy');
    for (const replica of registry.replicas) {
      const region = isUnknown(replica.location) ? '(unknown region)' : replica.location;
      const what = REPLICA_ZONE_REDUNDANCY.get(region, replicaZoneRedundancy);
      expectSetting(out, registry, replica.zoneRedundancy, true, what, replica.source);
    }
    reportGap(out, registry, 'replicas');
  },
};

/** True for a lock level that stops deletion. */
function deletes(level: Setting<string>): boolean {
  return level === 'CanNotDelete' || level === 'ReadOnly';
}

/** ACR-018: a delete lock protects the registry. */
export const deleteLock: RegistryRuleDefinition = {
  id: 'ACR-018',
  title: 'A delete lock protects the registry',
  severity: 'medium',
  posture: 'production',
  rationale:
    'A CanNotDelete lock stops a portal click, script or pipeline from deleting the registry and every image in it.',
  remediation:
    'Add an `azurerm_management_lock` with `lock_level = "CanNotDelete"` on the registry (declaration: `lock: true`).',
  references: {},
  judge: (out, registry) => {
    const name = registryLabel(registry);
    if (registry.locks.some((l) => isCertain(l) && deletes(l.level)))
      return out.pass(`${name} has a delete lock`);
    const level = registry.locks.find((l) => isUnknown(l.level))?.level;
    if (level) return out.unknown(`the lock level on ${name} ${unknownText(level)}`);
    const doubt = listDoubt(registry, 'locks', (l) => isUnknown(l.level) || deletes(l.level));
    if (doubt) return out.unknown(`whether a lock protects ${name} is not known${becauseOf(doubt)}`);
    out.fail(`${name} has no CanNotDelete lock`);
  },
};

/** ACR-019: destroying the registry is refused by the deployment tool. */
export const destroyProtection: RegistryRuleDefinition = {
  id: 'ACR-019',
  title: 'Destroying the registry is refused',
  severity: 'medium',
  posture: 'production',
  rationale:
    'A rename, a moved construct or `destroy` would delete the registry with all images; protection makes the tool refuse.',
  remediation:
    'Set `lifecycle { prevent_destroy = true }` (Pulumi: `protect: true`; declaration: `preventDestroy: true`).',
  references: {},
  judge: (out, registry) => {
    const name = registryLabel(registry);
    if (isUnknown(registry.preventDestroy))
      return out.unknown(
        unknownReason(registry.preventDestroy)
          ? `destroy protection of ${name} ${unknownText(registry.preventDestroy)}`
          : `destroy protection of ${name} is not visible in this input (plan JSON omits lifecycle)`,
      );
    if (registry.preventDestroy) out.pass(`${name} is protected from destroy`);
    else out.fail(`${name} can be destroyed`);
  },
};

/** Rules of this file. */
export const RESILIENCE_RULES: readonly RegistryRuleDefinition[] = [
  geoReplicasPresent,
  allowedRegions,
  zoneRedundant,
  deleteLock,
  destroyProtection,
];
