/**
 * The changes that could lose data or access, for the danger block at the top of the comment. Each rule
 * reads normalized changes only, so Terraform plans, Pulumi previews and synth diffs share it.
 */
import { skuRank } from '../constructs/model/tiers';
import type { ChangeSet, ResourceChange } from './changes';
import { ownRemovalKind, removalDangers } from './removals';
import type { ResourceKind } from './resource-kinds';
import { blockedTasks } from './task-reachability';
import { replicasWithoutRecords, unreachableRegistries } from './private-reachability';
import { lockedDeletions } from './lock-blocks';
import type { RegressionOptions, RegressionSeverity } from './regressions';
import { findRegressions, REGRESSION_SEVERITIES } from './regressions';
import {
  assignedPrincipal,
  assignedRole,
  inlineReplicaLocations,
  inlineReplicaZoneRedundancy,
  inlineZoneGroups,
  kindOf,
  replicaOf,
  sideCustomerManagedKey,
  sideSku,
  UNREADABLE,
} from './resource-kinds';

/** Categories of danger, in the order the comment lists them. */
export const DANGER_KINDS = [
  'registry-lost',
  'registry-unreachable',
  'apply-blocked',
  'exposure-increased',
  'promotion-weakened',
  'replica-removed',
  'sku-downgrade',
  'private-access-removed',
  'dns-record-missing',
  'pull-grant-removed',
  'protection-removed',
  'task-unreachable',
  'quarantine-weakened',
  'retention-weakened',
  'may-be-removed',
] as const;

/** A category of danger. */
export type DangerKind = (typeof DANGER_KINDS)[number];

/** Headings of the danger categories. */
export const DANGER_TITLES: Readonly<Record<DangerKind, string>> = {
  'registry-lost': 'Registry replaced or deleted: every image in it is lost',
  'registry-unreachable':
    'Registry unreachable: public network access turned off with no private endpoint to it',
  'apply-blocked': 'Fails at apply: a management lock or Azure itself refuses these changes',
  'replica-removed': 'Geo-replica removed',
  'sku-downgrade': 'SKU downgrade',
  'private-access-removed': 'Private endpoint or private DNS removed',
  'dns-record-missing': 'Private DNS incomplete: a new replica has no record for the existing endpoints',
  'pull-grant-removed': 'Pull grant removed',
  'protection-removed': 'Lock or destroy protection removed',
  'task-unreachable': 'Task cannot reach its network-restricted registry',
  'exposure-increased': 'Registry exposed: public access, admin user, anonymous pull or export turned on',
  'promotion-weakened': 'Promotion bypassed: push into a promotion target, or a hop removed',
  'quarantine-weakened': 'Quarantine weakened',
  'retention-weakened': 'Retention or purge deletes more',
  'may-be-removed': 'May be replaced or deleted (the change cannot be fully predicted)',
};

/** One change that could lose data or access. */
export interface Danger {
  readonly stack: string;
  readonly address: string;
  readonly kind: DangerKind;
  /** What happens, in plain words (no Markdown). */
  readonly message: string;
  /** How severe, for protection regressions (`regressions.ts`); their old and new value and why. */
  readonly severity?: RegressionSeverity;
  readonly before?: string;
  readonly after?: string;
  readonly why?: string;
}

const PRIVATE_LABELS: Partial<Record<ResourceKind, string>> = {
  'private-endpoint': 'private endpoint',
  'dns-zone': 'private DNS zone',
  'dns-record': 'private DNS record',
  'dns-vnet-link': 'private DNS zone VNet link',
  'dns-zone-group': 'private DNS zone group',
};

/** Options of `findDangers`. */
export type DangerOptions = RegressionOptions;

/**
 * All dangers of the change sets, grouped by stack (input order), category, severity, then address.
 * Protection regressions (`regressions.ts`) are read from each change's before and after values.
 */
export function findDangers(changeSets: readonly ChangeSet[], options: DangerOptions = {}): Danger[] {
  return changeSets.flatMap((set) => {
    const regressions = findRegressions(set, options);
    return [
      ...set.resources.flatMap((resource) =>
        [...dangersOf(resource), ...(regressions.get(resource.address) ?? [])].map((d): Danger => ({
          stack: set.stack,
          address: resource.address,
          ...d,
        })),
      ),
      ...blockedTasks(set).map((b): Danger => ({ stack: set.stack, kind: 'task-unreachable', ...b })),
      ...unreachableRegistries(set).map((u): Danger => ({
        stack: set.stack,
        kind: 'registry-unreachable',
        ...u,
      })),
      ...lockedDeletions(set).map((l): Danger => ({ stack: set.stack, kind: 'apply-blocked', ...l })),
      ...replicasWithoutRecords(set).map((r): Danger => ({
        stack: set.stack,
        kind: 'dns-record-missing',
        ...r,
      })),
      // Removals seen across resources (a group with its registries, azapi, what a diff cannot predict).
      ...removalDangers(set).map((d): Danger => ({ stack: set.stack, ...d })),
    ].sort(
      (a, b) =>
        DANGER_KINDS.indexOf(a.kind) - DANGER_KINDS.indexOf(b.kind) ||
        severityIndex(a.severity) - severityIndex(b.severity),
    );
  });
}

function severityIndex(severity: RegressionSeverity | undefined): number {
  return severity ? REGRESSION_SEVERITIES.indexOf(severity) : 0;
}

type Finding = { readonly kind: DangerKind; readonly message: string };

function dangersOf(resource: ResourceChange): Finding[] {
  // An azapi_resource is what its ARM type says (a private endpoint, a role assignment).
  const kind = kindOf(resource.type, resource.before ?? resource.after);
  return [
    ...registryDangers(resource, kind),
    ...replicaDangers(resource, kind),
    ...privateAccessDangers(resource, kind),
    ...pullGrantDangers(resource, kind),
    ...protectionDangers(resource, kind),
  ];
}

function registryDangers(resource: ResourceChange, kind: ResourceKind): Finding[] {
  if (kind !== 'registry') return [];
  const out: Finding[] = [];
  // A twin's deletion is removals.ts's, which names the registry.
  const own = ownRemovalKind(resource.type, resource) === 'registry';
  if (own && resource.action === 'replace') {
    out.push({
      kind: 'registry-lost',
      message: `registry replaced${because(resource)}: every image in it is lost`,
    });
  } else if (own && resource.action === 'delete') {
    out.push({ kind: 'registry-lost', message: 'registry deleted: every image in it is lost' });
  }
  if (resource.action === 'update' || resource.action === 'replace') {
    const before = sideSku(resource, 'before');
    const after = sideSku(resource, 'after');
    if (before !== UNREADABLE && after !== UNREADABLE && skuRank(after) < skuRank(before)) {
      out.push({
        kind: 'sku-downgrade',
        message: `SKU downgrade ${before} -> ${after}: features of ${before} are lost`,
      });
    } else if (before !== UNREADABLE && after === UNREADABLE && skuRank(before) > 0) {
      out.push({
        kind: 'sku-downgrade',
        message: `SKU may be downgraded from ${before}: the new SKU cannot be read (known only after apply, or not a literal), and features of ${before} would be lost`,
      });
    } else if (before === UNREADABLE && after !== UNREADABLE && skuRank(after) < skuRank('Premium')) {
      out.push({
        kind: 'sku-downgrade',
        message: `SKU may be downgraded to ${after}: the old SKU cannot be read, and features of a higher tier would be lost`,
      });
    }
    // Learn, "Encrypt a registry by using a customer-managed key": "You can currently enable a
    // customer-managed key only when you create a registry."
    const keyBefore = resource.action === 'update' ? sideCustomerManagedKey(resource, 'before') : undefined;
    const keyAfter = resource.action === 'update' ? sideCustomerManagedKey(resource, 'after') : undefined;
    if (keyBefore === false && keyAfter === true)
      out.push({
        kind: 'apply-blocked',
        message:
          'customer-managed key added to an existing registry: Azure enables one only when the registry is created, so the apply fails. Create a new registry with the key and import the images into it',
      });
    else if (
      (keyBefore === false && keyAfter === UNREADABLE) ||
      (keyBefore === UNREADABLE && keyAfter === true)
    )
      out.push({
        kind: 'apply-blocked',
        message:
          'customer-managed key may be added to an existing registry (its encryption before or after cannot be read): Azure enables one only when the registry is created, so the apply may fail. If it adds one, create a new registry with the key and import the images into it',
      });
    const kept = new Set(inlineReplicaLocations(resource.after));
    for (const location of inlineReplicaLocations(resource.before).filter((l) => !kept.has(l))) {
      out.push({ kind: 'replica-removed', message: `geo-replica in ${location} removed` });
    }
    const zonesBefore = inlineReplicaZoneRedundancy(resource.before);
    for (const [location, zones] of inlineReplicaZoneRedundancy(resource.after)) {
      const was = zonesBefore.get(location);
      if (was !== undefined && was !== zones)
        out.push({
          kind: 'replica-removed',
          message: `geo-replica in ${location} replaced (zone redundancy turned ${zones ? 'on' : 'off'}): removed, then re-synced`,
        });
    }
  }
  return out;
}

function replicaDangers(resource: ResourceChange, kind: ResourceKind): Finding[] {
  if (kind !== 'replica') return [];
  const { registry, location } = replicaOf(resource.before, resource.type);
  const what = `geo-replica${location ? ` in ${location}` : ''}${registry ? ` of ${registry}` : ''}`;
  if (resource.action === 'delete') return [{ kind: 'replica-removed', message: `${what} removed` }];
  if (resource.action === 'replace') {
    return [
      { kind: 'replica-removed', message: `${what} replaced${because(resource)}: removed, then re-synced` },
    ];
  }
  return [];
}

function privateAccessDangers(resource: ResourceChange, kind: ResourceKind): Finding[] {
  const label = PRIVATE_LABELS[kind];
  if (!label) return [];
  if (resource.action === 'delete') {
    return [{ kind: 'private-access-removed', message: `${label} removed: private clients may lose access` }];
  }
  if (resource.action === 'replace') {
    const message = `${label} replaced${because(resource)}: private access is interrupted meanwhile`;
    return [{ kind: 'private-access-removed', message }];
  }
  if (kind === 'private-endpoint' && resource.action === 'update') {
    const kept = new Set(inlineZoneGroups(resource.after));
    return inlineZoneGroups(resource.before)
      .filter((group) => !kept.has(group))
      .map((group) => ({
        kind: 'private-access-removed' as const,
        message: `private DNS zone group ${group} removed: DNS records stop following the endpoint`,
      }));
  }
  return [];
}

function pullGrantDangers(resource: ResourceChange, kind: ResourceKind): Finding[] {
  if (kind !== 'role-assignment' || (resource.action !== 'delete' && resource.action !== 'replace'))
    return [];
  const role = assignedRole(resource.type, resource.before);
  if (role !== 'unknown' && !role?.pull) return [];
  const principal = assignedPrincipal(resource.type, resource.before);
  // A synthesized principal is a reference (`${azurerm_user_assigned_identity.x.principal_id}`): name it plainly.
  const who = principal ? ` for principal ${principal.replace(/^\$\{(.+)\}$/, '$1')}` : '';
  const verb = resource.action === 'delete' ? 'removed' : `replaced${because(resource)}`;
  // An azapi body that cannot be read hides the role: it may have granted pull, or may not.
  const message =
    role === 'unknown'
      ? `role assignment${who} ${verb}: its role cannot be read, so the workload may no longer pull`
      : `${role.role}${who} ${verb}: the workload can no longer pull`;
  return [{ kind: 'pull-grant-removed', message }];
}

function protectionDangers(resource: ResourceChange, kind: ResourceKind): Finding[] {
  const out: Finding[] = [];
  // A twin's lock removal is removals.ts's.
  const lock = kind === 'lock' && ownRemovalKind(resource.type, resource) === 'lock';
  if (lock && resource.action === 'delete') {
    out.push({ kind: 'protection-removed', message: 'management lock removed' });
  } else if (lock && resource.action === 'replace') {
    out.push({
      kind: 'protection-removed',
      message: `management lock replaced${because(resource)}: briefly absent`,
    });
  }
  if (resource.protectedBefore === true && resource.protectedAfter !== true) {
    const how = resource.action === 'delete' ? 'removed together with the resource' : 'removed';
    out.push({
      kind: 'protection-removed',
      message: `destroy protection (prevent_destroy / protect) ${how}`,
    });
  }
  return out;
}

function because(resource: ResourceChange): string {
  if (resource.replacePaths.length > 0) return ` (forced by ${resource.replacePaths.join(', ')})`;
  return resource.reasons.length > 0 ? ` (${resource.reasons.join(', ')})` : '';
}
