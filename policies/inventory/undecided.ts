/**
 * Attachments that may be a registry's although the input does not attach them, shared by the
 * Terraform and the Pulumi builders (they know no engine: they read inventory items only).
 */
import type { UnattachedItem, UndecidedAttachment } from './input-notes';
import type { Attachments, RoleAssignment, Unknown } from './types';
import { unknownBecause, unknownReason } from './types';

/**
 * The unattached items whose registry the input does not decide, as attachments that may be any of
 * its registries' (the reason names the item).
 */
export function undecidedAttachments(unattached: readonly UnattachedItem[]): UndecidedAttachment[] {
  const out: UndecidedAttachment[] = [];
  for (const u of unattached) {
    if (u.registry.decided) continue;
    const why = unknownReason(u.registry.reason) ?? 'its registry is known only after apply';
    const reason = unknownBecause(`${u.item.source.address} may be attached to it: ${why}`);
    out.push({ kind: u.kind, item: u.item, reason } as UndecidedAttachment);
  }
  return out;
}

/**
 * Grants at a resource group's scope whose group is known (`scopeKind`, `scopeResourceGroup`), as
 * attachments that may be a registry's whose resource group the input does not decide (`groupReason`,
 * why not): the registry may be in that group, and a grant at a resource group reaches the resources
 * in it (Microsoft Learn, "Understand scope for Azure RBAC"). Each grant once. The Terraform builder
 * finds these through its resources (`groupScopedInDoubt`, locks too); this reads the items alone.
 */
export function groupGrantsInDoubt(
  attached: ReadonlyMap<string, Attachments>,
  external: readonly RoleAssignment[],
  groupReason: Unknown,
): UndecidedAttachment[] {
  const out: UndecidedAttachment[] = [];
  const seen = new Set<string>();
  const why = unknownReason(groupReason) ?? 'it is known only after apply';
  const add = (grant: RoleAssignment): void => {
    const group = grant.scopeResourceGroup;
    if (grant.scopeKind !== 'resourceGroup' || typeof group !== 'string') return;
    if (seen.has(grant.source.address)) return;
    seen.add(grant.source.address);
    const reason = unknownBecause(
      `${grant.source.address} at resource group ${group} may reach it, whose resource group is not decided: ${why}`,
    );
    out.push({ kind: 'roleAssignments', item: grant, reason });
  };
  for (const lists of attached.values()) lists.roleAssignments.forEach(add);
  external.forEach(add);
  return out;
}
