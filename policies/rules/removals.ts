/**
 * The deletion gate: a plan or preview that deletes or replaces a registry, the resource group holding
 * it or its lock, in a promotion target (every environment after the first of the chain), fails. The
 * registry's images are gone with it (a replacement is a new, empty registry), and a lock removed first
 * is how an accidental deletion becomes possible. Judged on what the change does (Inventory.removals),
 * so it holds whatever resource type carries the removal and however the address came to go.
 */
import type { Inventory, Removal } from '../inventory/types';
import { isUnknown } from '../inventory/types';
import { becauseOf } from './outcomes';
import type { EstateContext, EstateOutcome, EstateRule } from './types';

const WHAT: Readonly<Record<Removal['kind'], string>> = {
  registry: 'registry',
  'resource-group': 'resource group',
  lock: 'management lock',
};

function label(removal: Removal): string {
  return removal.name !== undefined
    ? `${WHAT[removal.kind]} ${removal.name}`
    : `${WHAT[removal.kind]} ${removal.address}`;
}

function verb(removal: Removal): string {
  const why = removal.reasons.length > 0 ? ` (${removal.reasons.join(', ')})` : '';
  return `${removal.action === 'delete' ? 'deleted' : 'replaced'}${why}`;
}

function outcomeOf(environment: string, removal: Removal): EstateOutcome {
  const base = { environment, source: removal.source };
  const registries = removal.registries;
  if (removal.kind === 'registry') {
    const lost = removal.action === 'delete' ? 'every image in it is lost' : 'the new registry starts empty';
    return { ...base, result: 'fail', message: `${label(removal)} is ${verb(removal)}: ${lost}` };
  }
  if (isUnknown(registries)) {
    const whether =
      removal.kind === 'lock' ? 'whether it protects a registry' : 'whether it holds a registry';
    return {
      ...base,
      result: 'unknown',
      message: `${label(removal)} is ${verb(removal)}; ${whether} is not known from this input`,
    };
  }
  if (registries.length === 0) {
    return {
      ...base,
      result: 'unknown',
      message: `${label(removal)} is ${verb(removal)}; it ${removal.kind === 'lock' ? 'protects' : 'holds'} none of this input's registries, but may ${removal.kind === 'lock' ? 'protect' : 'hold'} one managed elsewhere`,
    };
  }
  const names = registries.join(', ');
  const several = registries.length > 1;
  const message =
    removal.kind === 'lock'
      ? `${label(removal)} on ${names} is ${verb(removal)}: ${several ? 'the registries' : 'the registry'} can then be deleted`
      : `${label(removal)} is ${verb(removal)}, and ${several ? 'registries' : 'registry'} ${names} in it with it: every image is lost`;
  return { ...base, result: 'fail', message };
}

function anchorOf(inventory: Inventory): EstateOutcome['source'] {
  return inventory.registries[0]?.source ?? { file: inventory.file, address: inventory.file };
}

/** ACR-115: no registry, resource group holding one, or lock on one is deleted or replaced in a promotion target. */
export const noRegistryRemovalInPromotionTargets: EstateRule = {
  id: 'ACR-115',
  title: 'No registry, its resource group or its lock is deleted or replaced in a promotion target',
  severity: 'critical',
  posture: 'hardened',
  rationale:
    'Deleting or replacing a registry (directly, through the resource group that holds it, or by an address that changed through count, for_each or a rename without a moved block) destroys every image in it; a replaced registry starts empty, and removing its lock is what lets it be deleted. In the environments images are promoted into, that is an outage and lost release history.',
  remediation:
    'Keep the registry at the same address (add a `moved` block for a rename, keep its count/for_each key), do not change attributes that force a new registry (name, location, resource group, zone redundancy), keep the lock; if the removal is intended, suppress ACR-115 for this environment and address with the reason.',
  references: {},
  check: (estate: EstateContext) => {
    const out: EstateOutcome[] = [];
    for (const [environment, inventory] of estate.inventories) {
      const index = estate.order.indexOf(environment);
      const anchor = anchorOf(inventory);
      if (index === 0 && estate.order.length > 1) {
        const message = `${environment} is the first environment of the chain, not a promotion target`;
        out.push({ environment, source: anchor, result: 'not-applicable', message });
        continue;
      }
      if (inventory.removals === undefined) {
        const message =
          'this input is a configuration, not a change: deletions are judged on plans and previews';
        out.push({ environment, source: anchor, result: 'not-applicable', message });
        continue;
      }
      const found = inventory.removals.map((removal) => outcomeOf(environment, removal));
      if (found.length > 0) out.push(...found);
      else if (inventory.removalsDoubt)
        out.push({
          environment,
          source: anchor,
          result: 'unknown',
          message: `no registry, resource group or lock is deleted or replaced in what the change shows, but it may not show everything${becauseOf(inventory.removalsDoubt)}`,
        });
      else
        out.push({
          environment,
          source: anchor,
          result: 'pass',
          message: 'no registry, resource group or lock is deleted or replaced',
        });
    }
    return out;
  },
};

/** Rules of this file. */
export const REMOVAL_RULES: readonly EstateRule[] = [noRegistryRemovalInPromotionTargets];
