/**
 * What `attachments.ts` could not attach, decided: an attachment whose registry the input names by a
 * variable without a value, a module output, or a registry it does not declare is kept as unattached
 * (undecided, with the reason, or another registry's); role assignments on other registries stay
 * external. Also the uncertainty the configuration leaves: items of `count`/`for_each` resources may
 * not exist, and `dynamic` blocks over unknown collections hide nested blocks (what module calls
 * leave open is module-calls.ts's).
 */
import type { UnattachedItem, UnattachedTarget, UndecidedAttachment } from '../input-notes';
import { passwordsOfOutsideToken } from '../input-notes';
import type {
  AttachmentKind,
  Attachments,
  DnsZoneRef,
  ExternalIngest,
  ExternalTask,
  ExternalToken,
  Located,
  RoleAssignment,
  Setting,
  Unknown,
} from '../types';
import { ATTACHMENT_KINDS, UNKNOWN, isUnknown, partialText, unknownBecause, unknownReason } from '../types';
import type { RegistryTarget, ResourceIndex } from './links';
import type { RawModuleCall, RawResource } from './raw';
import { firstBlock, parseReference } from './raw';
import { REGISTRY_IN_ID_PATTERN } from '../../../constructs/model/azure-ids';
import { RUN_NOW_TERRAFORM_TYPE } from '../../../constructs/model/task-runs';

/** An attachment `attachAll` did not attach to a managed registry, with what its registry value gave. */
export type Detached = {
  [K in AttachmentKind]: {
    readonly kind: K;
    readonly item: Attachments[K][number];
    readonly target: RegistryTarget | undefined;
  };
}[AttachmentKind];

/** The attribute of each attachment type that names its registry, and whether it always names one. */
const REGISTRY_ATTRIBUTE: Readonly<
  Record<AttachmentKind, { readonly name: string; readonly always: boolean }>
> = {
  privateEndpoints: { name: 'private_service_connection.private_connection_resource_id', always: false },
  roleAssignments: { name: 'scope', always: false },
  scopeMaps: { name: 'container_registry_name', always: true },
  tokens: { name: 'container_registry_name', always: true },
  webhooks: { name: 'registry_name', always: true },
  tasks: { name: 'container_registry_id', always: true },
  diagnostics: { name: 'target_resource_id', always: false },
  locks: { name: 'scope', always: false },
  agentPools: { name: 'container_registry_name', always: true },
  credentialSets: { name: 'container_registry_id', always: true },
  cacheRules: { name: 'container_registry_id', always: true },
  // An azapi import pipeline or pipeline run (ingests.ts); an image import is an action (resource_id).
  ingests: { name: 'parent_id', always: true },
};

/**
 * What names the registry of a password-only item (`Token.passwordOnly`, made from a token password
 * resource): the ID of its token, which the input does not declare.
 */
const TOKEN_ID_ATTRIBUTE = { name: 'container_registry_token_id', always: true } as const;

const TOKEN_PASSWORD = 'azurerm_container_registry_token_password';

/** What names the registry of a run of a task the input does not declare (task-runs.ts): the task's ID. */
const TASK_ID_ATTRIBUTE = { name: 'container_registry_task_id', always: true } as const;

/** What names the registry of a run an `azapi_resource_action` schedules (azapi-views.ts). */
const ACTION_TARGET_ATTRIBUTE = { name: 'resource_id', always: true } as const;

/**
 * Attachments of these kinds on another registry are the access adapters' to list (external tokens,
 * tasks, imports), except password-only items: those are listed here, so the password rule judges them.
 */
const EXTERNAL_LISTED_ELSEWHERE: ReadonlySet<AttachmentKind> = new Set(['tokens', 'tasks', 'ingests']);

const REGISTRY_TYPE = 'azurerm_container_registry';
/** The registry part of a registry's or its child's ID. */
const REGISTRY_ID = REGISTRY_IN_ID_PATTERN;

/** The attribute of `resource` (an attachment of `kind`) that names its registry. */
function attributeOf(
  kind: AttachmentKind,
  resource: RawResource | undefined,
): { readonly name: string; readonly always: boolean } {
  if (resource?.type === TOKEN_PASSWORD) return TOKEN_ID_ATTRIBUTE;
  if (resource?.type === 'azapi_resource_action') return ACTION_TARGET_ATTRIBUTE;
  return resource?.type === RUN_NOW_TERRAFORM_TYPE ? TASK_ID_ATTRIBUTE : REGISTRY_ATTRIBUTE[kind];
}

function registryValue(kind: AttachmentKind, resource: RawResource): unknown {
  if (kind === 'privateEndpoints')
    return firstBlock(resource.values.private_service_connection)?.private_connection_resource_id;
  return resource.values[attributeOf(kind, resource).name];
}

/** True when a detached item is listed elsewhere once decided to be another registry's. */
function listedElsewhere(entry: Detached): boolean {
  if (entry.kind === 'roleAssignments') return true;
  if (entry.kind === 'tokens' && entry.item.passwordOnly) return false;
  return EXTERNAL_LISTED_ELSEWHERE.has(entry.kind);
}

function shownValue(value: unknown): string {
  if (typeof value === 'string') return `\`${value.length > 80 ? `${value.slice(0, 77)}...` : value}\``;
  return 'not set';
}

/** Inputs to deciding a detached attachment. */
interface Decide {
  readonly index: ResourceIndex;
  readonly moduleCalls: readonly RawModuleCall[];
}

/**
 * Where a detached item points: undecided (with the reason), another registry, or `undefined` when
 * its value points at something that is not a registry (a role assignment on a storage account).
 */
function decide(d: Decide, entry: Detached, resource: RawResource | undefined): UnattachedTarget | undefined {
  const { kind, target } = entry;
  // A command that names no registry: its own reason says what it runs (commands.ts).
  if (
    entry.kind === 'ingests' &&
    entry.item.kind === 'command' &&
    target === undefined &&
    isUnknown(entry.item.imports)
  )
    return { decided: false, reason: entry.item.imports };
  const attribute = attributeOf(kind, resource);
  // What the attribute names: a password's token ID names the token, not the registry.
  const named =
    attribute === TOKEN_ID_ATTRIBUTE ? 'a token' : attribute === TASK_ID_ATTRIBUTE ? 'a task' : 'a registry';
  const managedHere = d.index.registries.length > 0;
  const modules = d.moduleCalls.map((m) => m.address);
  if (target?.kind === 'external') {
    const name = target.name;
    if (typeof name === 'string' && !name.includes('${')) {
      if (modules.length === 0 || kind === 'roleAssignments') return { decided: true, name };
      return {
        decided: false,
        reason: unknownBecause(
          `it names registry ${name}, which the input does not declare; ${modules.join(', ')} may create it (check the plan)`,
        ),
      };
    }
    if (!managedHere && modules.length === 0) return { decided: true, name: UNKNOWN };
    const reason = unknownReason(name);
    return {
      decided: false,
      reason: unknownBecause(
        reason
          ? `its registry's name is unknown: ${reason}`
          : `its registry's name is known only after apply (check the plan)`,
      ),
    };
  }
  const value = resource ? registryValue(kind, resource) : undefined;
  const dynamicConnection =
    kind === 'privateEndpoints' ? resource?.unknownBlocks?.private_service_connection : undefined;
  if (dynamicConnection) return { decided: false, reason: dynamicConnection };
  if (isUnknown(value)) {
    const partial = partialText(value);
    const match = partial === undefined ? null : REGISTRY_ID.exec(partial);
    if (match && !match[1].includes('${')) return undefined; // named, and not among the input's registries: see above
    if (!attribute.always && partial !== undefined && !/ContainerRegistry/i.test(partial)) return undefined;
    return {
      decided: false,
      reason: unknownBecause(
        `${attribute.name} ${unknownReason(value) ? `is unknown: ${unknownReason(value)}` : 'is known only after apply'}`,
      ),
    };
  }
  if (typeof value !== 'string')
    return attribute.always
      ? { decided: false, reason: unknownBecause(`${attribute.name} is not set`) }
      : undefined;
  const ref = parseReference(value);
  if (ref) {
    // A module's output, or a resource of a module the input does not read (a plan, and local
    // modules read as children, hold their resources).
    if (ref.type === 'module' || (ref.address.startsWith('module.') && !d.index.lookup(ref))) {
      return {
        decided: false,
        reason: unknownBecause(
          `${attribute.name} = ${shownValue(value)} comes from a module, whose resources are not read here (check the plan)`,
        ),
      };
    }
    const pointsAtRegistry = ref.type === REGISTRY_TYPE;
    if (!pointsAtRegistry && !attribute.always) return undefined; // e.g. a lock on a storage account
    return {
      decided: false,
      reason: unknownBecause(
        `${attribute.name} = ${shownValue(value)} does not resolve to ${named} of the input`,
      ),
    };
  }
  if (value.includes('${')) {
    const match = REGISTRY_ID.exec(value);
    if (!match && !attribute.always) return undefined;
    return {
      decided: false,
      reason: unknownBecause(
        `${attribute.name} = ${shownValue(value)} is known only after apply (check the plan)`,
      ),
    };
  }
  // A token ID that names no registry (`tokens.ts` read every one that does): azurerm rejects it at plan.
  if (attribute === TOKEN_ID_ATTRIBUTE)
    return {
      decided: false,
      reason: unknownBecause(`${attribute.name} = ${shownValue(value)} is not a token ID`),
    };
  return undefined; // a literal that is not a registry (another resource type, a scope without registries)
}

/** A copy of `item` with `presence`, when its resource may not exist. */
function withPresence<T extends Located>(item: T, resource: RawResource | undefined): T {
  return resource?.presence && !item.presence ? { ...item, presence: resource.presence } : item;
}

/** Unknown nested blocks of an attachment's resource, applied to its item. */
function withUnknownBlocks(kind: AttachmentKind, item: Located, resource: RawResource | undefined): Located {
  const unknown = resource?.unknownBlocks;
  if (!unknown) return item;
  if (kind === 'privateEndpoints') {
    const endpoint = item as Attachments['privateEndpoints'][number];
    const group = unknown.private_dns_zone_group;
    const connection = unknown.private_service_connection;
    const zone: DnsZoneRef | undefined = group
      ? { id: group, name: group, managedHere: false, vnetLinks: [] }
      : undefined;
    return {
      ...endpoint,
      ...(zone ? { dnsZones: [...endpoint.dnsZones, zone] } : {}),
      ...(connection ? { subresources: connection, manualConnection: connection } : {}),
    };
  }
  if (kind === 'diagnostics') {
    const logs = unknown.enabled_log ?? unknown.log;
    const diagnostic = item as Attachments['diagnostics'][number];
    // The hidden log blocks may name categories or category groups: both are unknown.
    return logs ? ({ ...diagnostic, logCategories: logs, categoryGroups: logs } as Located) : item;
  }
  return item;
}

function patched<T extends Located>(kind: AttachmentKind, item: T, index: ResourceIndex): T {
  const resource = index.resourceAt(item.source.address);
  if (!resource?.presence && !resource?.unknownBlocks) return item;
  return withPresence(withUnknownBlocks(kind, item, resource) as T, resource);
}

/** True for a grant scoped at one registry (by name or ID), rather than above registries or at an unresolved scope. */
function atRegistry(grant: RoleAssignment): boolean {
  return grant.scopeKind === 'registry';
}

/**
 * Items on registries outside the input (external grants, tokens, tasks) with the `presence` of
 * their resources: one of a `count`/`for_each` resource may not exist. `uncertain`: some resource of
 * the input has such a presence (else the items are returned as they are).
 */
export function withPresences<T extends Located>(
  items: readonly T[],
  index: ResourceIndex,
  uncertain: boolean,
): T[] {
  return uncertain
    ? items.map((item) => withPresence(item, index.resourceAt(item.source.address)))
    : [...items];
}

/** What `linkDetached` decided. */
export interface LinkResult {
  readonly unattached: UnattachedItem[];
  /** Role assignments that were external but whose registry the input does not decide (removed from the external list). */
  readonly undecidedGrants: ReadonlySet<RoleAssignment>;
}

/**
 * Applies presence and unknown blocks to attached items (in place), and decides the detached ones.
 */
export function linkDetached(
  index: ResourceIndex,
  attached: ReadonlyMap<string, Attachments>,
  detachedItems: readonly Detached[],
  externalGrants: readonly RoleAssignment[],
  moduleCalls: readonly RawModuleCall[],
  uncertain: boolean,
): LinkResult {
  // External grants on a registry are decided too: one whose name is unknown may be on the input's own.
  // A grant above registries (a resource group, subscription or management group) is decided by its
  // scope and reaches other stacks' registries; one at a scope that cannot be resolved is detached
  // already (a copy), its external entry kept for the push gate.
  const detached: Detached[] = [
    ...detachedItems,
    ...externalGrants.filter(atRegistry).map((item): Detached => ({
      kind: 'roleAssignments',
      item,
      target: { kind: 'external', name: item.registryName },
    })),
  ];
  // Only when some resource has an undecided count/for_each or dynamic block (rare): a lookup per item otherwise.
  for (const lists of uncertain ? attached.values() : []) {
    for (const kind of ATTACHMENT_KINDS) {
      const list = lists[kind] as Located[];
      for (let i = 0; i < list.length; i += 1) list[i] = patched(kind, list[i], index);
    }
  }
  const unattached: UnattachedItem[] = [];
  const undecidedGrants = new Set<RoleAssignment>();
  for (const entry of detached) {
    const resource = index.resourceAt(entry.item.source.address);
    const registry = decide({ index, moduleCalls }, entry, resource);
    if (!registry) continue;
    if (registry.decided && listedElsewhere(entry)) {
      const passwords = entry.kind === 'tokens' ? passwordsOfOutsideToken(entry.item) : undefined;
      if (passwords) unattached.push({ kind: 'tokens', item: passwords, registry });
      continue;
    }
    if (!registry.decided && entry.kind === 'roleAssignments' && entry.target?.kind === 'external')
      undecidedGrants.add(entry.item as RoleAssignment);
    const item = patched(entry.kind, entry.item as Located, index);
    unattached.push({ kind: entry.kind, item, registry } as UnattachedItem);
  }
  return { unattached, undecidedGrants };
}

/**
 * Grants and locks at a resource group's scope (a literal group ID, or a reference to an
 * `azurerm_resource_group`'s `id`), as attachments that may be a registry's whose resource group the
 * input does not decide (`groupReason`, why not): the registry may be in that group, and what is
 * granted or locked at a resource group reaches the resources in it ("Lower levels inherit role
 * permissions from higher levels", Microsoft Learn, "Understand scope for Azure RBAC"; "When you
 * apply a lock at a parent scope, all child resources inherit the same lock", Microsoft Learn,
 * ManagementLocks, learn.microsoft.com/javascript/api/@azure/arm-locks/managementlocks). A grant at
 * a group no registry of the input is known to be in is external and such a lock is dropped by
 * `decide`; one at a known registry's group is attached to it: all are found here. Empty when there
 * is none.
 */
export function groupScopedInDoubt(
  index: ResourceIndex,
  items: GrantsAndLocks,
  groupReason: Unknown,
): UndecidedAttachment[] {
  const why = unknownReason(groupReason) ?? 'it is known only after apply';
  return scopedInDoubt(index, items, (scope) => {
    // The group's literal name, or the group resource's address when its name is not decided either.
    const group = index.resourceGroupOfScope(scope);
    return group === undefined
      ? undefined
      : `at resource group ${group} may reach it, whose resource group is not decided: ${why}`;
  });
}

/** The grants and locks of an input, wherever attaching them put them. */
export interface GrantsAndLocks {
  readonly attached: ReadonlyMap<string, Attachments>;
  readonly external: readonly RoleAssignment[];
  readonly detached: readonly Detached[];
}

/**
 * The grants and locks whose scope `doubt` has a reason for (the text after the item's address), as
 * undecided attachments, each once, with the presence of its resource.
 */
function scopedInDoubt(
  index: ResourceIndex,
  items: GrantsAndLocks,
  doubt: (scope: unknown) => string | undefined,
): UndecidedAttachment[] {
  const out: UndecidedAttachment[] = [];
  const seen = new Set<string>();
  const add = (kind: 'roleAssignments' | 'locks', item: Located): void => {
    if (seen.has(item.source.address)) return;
    const resource = index.resourceAt(item.source.address);
    const why = doubt(resource?.values.scope);
    if (why === undefined) return;
    seen.add(item.source.address);
    const reason = unknownBecause(`${item.source.address} ${why}`);
    out.push({ kind, item: withPresence(item, resource), reason } as UndecidedAttachment);
  };
  for (const lists of items.attached.values()) {
    for (const grant of lists.roleAssignments) add('roleAssignments', grant);
    for (const lock of lists.locks) add('locks', lock);
  }
  for (const grant of items.external) add('roleAssignments', grant);
  for (const entry of items.detached) if (entry.kind === 'locks') add('locks', entry.item);
  return out;
}

/**
 * Grants and locks at a resource group whose name the input does not decide
 * (`azurerm_resource_group.team` with name = var.team), as attachments that may be any registry's:
 * the group may be the one a registry is in, and a grant or lock at a resource group reaches the
 * resources in it (Microsoft Learn, "Understand scope for Azure RBAC"; ManagementLocks). Registries
 * whose own group is that group resource have them attached already. Empty when no resource group's
 * name is undecided (the usual case, found without looking at the grants).
 */
export function undecidedGroupsInDoubt(index: ResourceIndex, items: GrantsAndLocks): UndecidedAttachment[] {
  if (!index.hasUndecidedGroup()) return [];
  return scopedInDoubt(index, items, (scope) => {
    const group = index.undecidedGroupOfScope(scope);
    if (!group) return undefined;
    const why = unknownReason(group.name) ?? 'it is known only after apply';
    return `at resource group ${group.address} may reach it, whose name is not decided: ${why}`;
  });
}

/**
 * False when the registry's name value (`acr${random_string.x.result}`, evaluated as far as the
 * input goes) cannot be `name`: the literal text before its first and after its last interpolation
 * must begin and end it (registry names compare case-insensitively). True for a value with no
 * literal part.
 */
function couldBeNamed(value: unknown, name: string): boolean {
  // A template with an unknown part keeps its literal parts (`acr${...}`) as `partial`.
  const partial = partialText(value);
  if (partial !== undefined) return couldBeNamed(partial, name);
  if (typeof value !== 'string') return true;
  const start = value.indexOf('${');
  const end = value.lastIndexOf('}');
  if (start < 0 || end < start) return value.toLowerCase() === name.toLowerCase();
  const lower = name.toLowerCase();
  const prefix = value.slice(0, start).toLowerCase();
  const suffix = value.slice(end + 1).toLowerCase();
  return lower.length >= prefix.length + suffix.length && lower.startsWith(prefix) && lower.endsWith(suffix);
}

/** Items the input aims at other registries, by name: decided unattached items and external lists. */
export interface AimedElsewhere {
  readonly unattached: readonly UnattachedItem[];
  readonly grants: readonly RoleAssignment[];
  readonly tokens: readonly ExternalToken[];
  readonly tasks: readonly ExternalTask[];
  readonly ingests: readonly ExternalIngest[];
}

/**
 * The items the input aims at a registry by a literal name or ID that no registry of the input has
 * as its literal name, as attachments that may be a registry's whose name the input does not decide
 * (`nameReason`, why not): the registry may turn out to have that name, and a registry name names
 * one registry only ("The name must contain only alphanumeric characters, be globally unique",
 * Microsoft Learn, Registries - Check Name Availability). Empty when there is none.
 */
export function namedInDoubt(
  elsewhere: AimedElsewhere,
  nameReason: Unknown,
  nameValue: unknown,
): UndecidedAttachment[] {
  const out: UndecidedAttachment[] = [];
  const why = unknownReason(nameReason) ?? 'it is known only after apply';
  const add = (kind: AttachmentKind, item: Located, name: Setting<string>): void => {
    if (typeof name !== 'string' || !couldBeNamed(nameValue, name)) return;
    const reason = unknownBecause(
      `${item.source.address} names registry ${name}, which may be it, whose name is not decided: ${why}`,
    );
    out.push({ kind, item, reason } as UndecidedAttachment);
  };
  for (const u of elsewhere.unattached) if (u.registry.decided) add(u.kind, u.item, u.registry.name);
  for (const g of elsewhere.grants) if (atRegistry(g)) add('roleAssignments', g, g.registryName);
  for (const t of elsewhere.tokens) add('tokens', t, t.registryName);
  for (const t of elsewhere.tasks) add('tasks', t, t.registryName);
  for (const i of elsewhere.ingests) add('ingests', i, i.registryName);
  return out;
}
