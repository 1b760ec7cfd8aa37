/**
 * Monthly cost before and after each stack's change, from each registry's tier, replica count and
 * storage. Prices come from the model (`estimateMonthlyCost`); this file only counts registries and
 * replicas on each side of the change.
 *
 * A forgotten resource (Terraform `forget`, from a `removed { lifecycle { destroy = false } }` block:
 * "remove a resource from state without changing the underlying infrastructure",
 * developer.hashicorp.com/terraform/language/block/removed; a Pulumi delete of a `retainOnDelete`
 * resource, which "is not deleted from the cloud provider", pulumi.com/docs/iac/concepts/options/retainondelete)
 * leaves the stack but keeps running in Azure, and Azure keeps billing it: it counts on both sides, so
 * the change does not subtract it, and the after side says how many it holds.
 */
import type { MonthlyEstimate } from '../constructs/model/pricing';
import { estimateMonthlyCost, PRICE_TABLE_DATE } from '../constructs/model/pricing';
import type { Sku } from '../constructs/model/tiers';
import { TIERS } from '../constructs/model/tiers';
import type { ChangeSet, JsonObject, ResourceChange } from './changes';
import { inlineReplicaLocations, kindOf, registryName, registrySku, replicaOf } from './resource-kinds';

/** Options of the estimate. */
export interface CostOptions {
  /** Stored GiB per registry. @default each tier's included storage (so no storage charge) */
  readonly storageGiB?: number | undefined;
}

/** One side (before or after) of a stack's estimate. */
export interface CostSide {
  /** Sum over the registries whose SKU is known, USD per month. */
  readonly totalUsd: number;
  readonly registries: number;
  readonly replicas: number;
  /** Registries whose SKU is not known (e.g. known only after apply); not in the total. */
  readonly unknownSku: number;
  /** Registries forgotten by the stack that stay in Azure and keep costing (after side only; in the total). */
  readonly forgotten: number;
}

/** The estimate of one stack. */
export interface StackCost {
  readonly stack: string;
  readonly before: CostSide;
  readonly after: CostSide;
}

/** The estimate of all stacks, with what it assumed. */
export interface CostEstimate {
  readonly stacks: readonly StackCost[];
  readonly priceTableDate: string;
  /** The storage assumed per registry, or undefined for "each tier's included storage". */
  readonly storageGiB?: number | undefined;
}

/** Estimates every stack's monthly cost before and after its change. */
export function estimateCosts(changeSets: readonly ChangeSet[], options: CostOptions = {}): CostEstimate {
  return {
    stacks: changeSets.map((set) => ({
      stack: set.stack,
      before: costSide(set.resources, 'before', options),
      after: costSide(set.resources, 'after', options),
    })),
    priceTableDate: PRICE_TABLE_DATE,
    ...(options.storageGiB !== undefined ? { storageGiB: options.storageGiB } : {}),
  };
}

type Side = 'before' | 'after';

function costSide(resources: readonly ResourceChange[], side: Side, options: CostOptions): CostSide {
  const registries = resources.filter(
    (r) => kindOf(r.type, valuesOf(r, side)) === 'registry' && exists(r, side),
  );
  const replicas = separateReplicaCounts(resources, side, registries);
  let totalUsd = 0;
  let replicaTotal = 0;
  let unknownSku = 0;
  for (const registry of registries) {
    const values = valuesOf(registry, side) as JsonObject;
    const sku = registrySku(values, registry.type);
    const count = inlineReplicaLocations(values).length + (replicas.get(registry.address) ?? 0);
    replicaTotal += count;
    if (!sku) {
      unknownSku += 1;
      continue;
    }
    totalUsd += estimate(sku, count, options).totalUsd;
  }
  return {
    totalUsd: Math.round(totalUsd * 100) / 100,
    registries: registries.length,
    replicas: replicaTotal,
    unknownSku,
    forgotten: side === 'after' ? registries.filter((r) => r.action === 'forget').length : 0,
  };
}

function estimate(sku: Sku, replicas: number, options: CostOptions): MonthlyEstimate {
  return estimateMonthlyCost(sku, replicas, options.storageGiB ?? TIERS[sku].limits.includedStorageGiB);
}

/**
 * Separate replica resources (azure-native `Replication`, azapi `registries/replications`) per
 * registry address: by registry name, by the registry an azapi `parent_id` references, or the only
 * registry of the stack.
 */
function separateReplicaCounts(
  resources: readonly ResourceChange[],
  side: Side,
  registries: readonly ResourceChange[],
): Map<string, number> {
  const counts = new Map<string, number>();
  const byName = new Map(registries.map((r) => [registryName(valuesOf(r, side)), r.address]));
  const addresses = new Set(registries.map((r) => r.address));
  const replicas = resources.filter(
    (r) => kindOf(r.type, valuesOf(r, side)) === 'replica' && exists(r, side),
  );
  for (const replica of replicas) {
    const owner = replicaOf(valuesOf(replica, side), replica.type);
    const address =
      (owner.registryAddress !== undefined && addresses.has(owner.registryAddress)
        ? owner.registryAddress
        : undefined) ??
      (owner.registry !== undefined ? byName.get(owner.registry) : undefined) ??
      onlyOne(registries);
    if (address !== undefined) counts.set(address, (counts.get(address) ?? 0) + 1);
  }
  return counts;
}

function onlyOne(registries: readonly ResourceChange[]): string | undefined {
  return registries.length === 1 ? registries[0].address : undefined;
}

/** Data sources (`read`) describe registries managed elsewhere: not this stack's cost. */
function exists(resource: ResourceChange, side: Side): boolean {
  if (resource.action === 'read' || resource.address.startsWith('data.')) return false;
  if (side === 'before') return resource.before !== undefined && resource.action !== 'create';
  return valuesOf(resource, side) !== undefined && resource.action !== 'delete';
}

/** The values billed on `side`: a forgotten resource has no after values, but is billed as it was. */
function valuesOf(resource: ResourceChange, side: Side): JsonObject | undefined {
  return side === 'after' && resource.action === 'forget' ? resource.before : resource[side];
}
