/**
 * Danger entries for removals that the per-resource checks of danger.ts cannot see: a resource group
 * deleted or replaced with the registries in it, a registry or lock read as a twin (a generic ARM
 * resource, azapi_resource, or a classic Pulumi resource: `twinType`), and what a synth diff could not predict for sure (`possibleRemoval`).
 * The removals are found by the function the deletion gate (ACR-115) uses, over the same change set.
 */
import { removalKindOf } from '../constructs/model/removal-kinds';
import { findRemovals } from '../policies/inventory/removals';
import type { ChangeSet, ResourceChange } from './changes';
import type { DangerKind } from './danger';
import type { ResourceKind } from './resource-kinds';
import { kindOf, twinType } from './resource-kinds';

/** A danger of one resource of a change set (danger.ts adds the stack). */
export interface RemovalDanger {
  readonly address: string;
  readonly kind: DangerKind;
  readonly message: string;
}

function verb(action: 'delete' | 'replace'): string {
  return action === 'delete' ? 'deleted' : 'replaced';
}

function because(reasons: readonly string[]): string {
  return reasons.length > 0 ? ` (${reasons.join(', ')})` : '';
}

/** Why a resource goes, as danger.ts says it: the forcing attributes, else the engine's reasons. */
function reasonOf(resource: ResourceChange | undefined): string {
  if (!resource) return '';
  if (resource.replacePaths.length > 0) return ` (forced by ${resource.replacePaths.join(', ')})`;
  return because(resource.reasons);
}

/** The removal dangers of a change set, in its order. */
export function removalDangers(set: ChangeSet): RemovalDanger[] {
  const out: RemovalDanger[] = [];
  const byAddress = new Map(set.resources.map((r) => [r.address, r]));
  for (const removal of findRemovals(set.resources)) {
    const what = `${verb(removal.action)}${reasonOf(byAddress.get(removal.address))}`;
    // Registries and locks of their own kind are danger.ts's; twins read as them (a generic ARM
    // resource, a classic Pulumi resource) are named here.
    const ownKind = ownRemovalKind(removal.type, byAddress.get(removal.address));
    if (removal.kind === 'registry' && ownKind !== 'registry') {
      const lost =
        removal.action === 'delete' ? 'every image in it is lost' : 'the new registry starts empty';
      const name = removal.name ? ` ${removal.name}` : '';
      out.push({
        address: removal.address,
        kind: 'registry-lost',
        message: `registry${name} ${what}: ${lost}`,
      });
    } else if (removal.kind === 'lock' && ownKind !== 'lock') {
      out.push({ address: removal.address, kind: 'protection-removed', message: `management lock ${what}` });
    } else if (removal.kind === 'resource-group') {
      const name = removal.name ? ` ${removal.name}` : '';
      const held = removal.registries ?? [];
      if (held.length > 0) {
        const several = held.length > 1;
        out.push({
          address: removal.address,
          kind: 'registry-lost',
          message: `resource group${name} ${what}: ${several ? 'registries' : 'registry'} ${held.join(', ')} in it ${several ? 'are' : 'is'} deleted too, and every image in ${several ? 'them' : 'it'} is lost`,
        });
      } else {
        out.push({
          address: removal.address,
          kind: 'may-be-removed',
          message: `resource group${name} ${what}: everything in it is deleted with it (no registry of this change is known to be in it)`,
        });
      }
    }
  }
  for (const resource of set.resources) out.push(...possibleDangers(resource));
  return out;
}

/**
 * The kind danger.ts reports a removal of by itself: that of an azurerm or azure-native type; a twin
 * (`twinType`) is reported here, by its name.
 */
export function ownRemovalKind(type: string, resource: ResourceChange | undefined): ResourceKind {
  const values = resource?.before ?? resource?.after;
  return twinType(type, values) === type ? kindOf(type, values) : 'other';
}

/** What a synth diff could not rule out, for the resources the danger block is about. */
function possibleDangers(resource: ResourceChange): RemovalDanger[] {
  const possible = resource.possibleRemoval;
  if (!possible) return [];
  const values = resource.before ?? resource.after;
  const kind = removalKindOf(resource.type, values);
  const own = kindOf(resource.type, values);
  if (kind === undefined && own === 'other') return [];
  const label =
    kind === 'resource-group'
      ? 'resource group'
      : kind === 'lock'
        ? 'management lock'
        : (kind ?? own.replace(/-/g, ' '));
  const loss =
    kind === 'registry' || kind === 'resource-group' ? ': every image in the registry would be lost' : '';
  return [
    {
      address: resource.address,
      kind: 'may-be-removed',
      message: `${label} may be ${possible.action === 'delete' ? 'deleted' : 'replaced'}${because(possible.reasons)}${loss}`,
    },
  ];
}
