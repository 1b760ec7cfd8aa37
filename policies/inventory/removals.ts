/**
 * Which registries a change destroys or leaves unprotected: a registry deleted or replaced, the
 * resource group holding one, a management lock on one (or on its group or subscription). One
 * function over engine-neutral change records, shared by the policy adapters (the deletion gate,
 * ACR-115) and the preview's danger block, so both see the same removals. Values may be spelled the
 * azurerm, azapi or azure-native way, and may be references (`${azurerm_resource_group.rg.name}`) in a
 * synthesized configuration.
 */
import { nameFromId, resourceGroupFromId } from '../../constructs/model/azure-ids';
import type { RemovalKind } from '../../constructs/model/removal-kinds';
import { removalKindOf } from '../../constructs/model/removal-kinds';
import { parseReference } from './terraform-resources/raw';
import type { Removal } from './types';
import { UNKNOWN } from './types';

type Values = Readonly<Record<string, unknown>>;

/** One resource and what a change does to it (a subset of the preview's ResourceChange). */
export interface ChangeRecord {
  readonly address: string;
  readonly type: string;
  readonly action: 'create' | 'update' | 'replace' | 'delete' | 'no-op' | 'read' | 'import' | 'forget';
  readonly before?: Values;
  readonly after?: Values;
  /** Why the engine deletes or replaces it, in plain words. */
  readonly reasons?: readonly string[];
  /** Addresses each attribute depends on (Pulumi `propertyDependencies`), when known. */
  readonly links?: Readonly<Record<string, readonly string[]>>;
}

/** A removal of a registry, its resource group or its lock. */
export interface RemovalFact {
  readonly address: string;
  readonly type: string;
  readonly kind: RemovalKind;
  readonly action: 'delete' | 'replace';
  /** Its name (registry, group or lock), when readable. */
  readonly name?: string;
  /**
   * Registries it destroys or unprotects (names, or addresses when the name is not readable): the
   * registry itself, the registries in the group or under the lock. Empty: none of the input's
   * registries; undefined: the input does not tell.
   */
  readonly registries?: readonly string[];
  readonly reasons: readonly string[];
}

/** A registry of the input before the change. */
interface RegistryBefore {
  readonly address: string;
  readonly label: string;
  /** Lowercased literal group name, or the address of the group it refers to. */
  readonly group?: string | undefined;
}

function literal(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && !value.includes('${') ? value : undefined;
}

/** The address a short reference value points at (`${azurerm_x.y.name}` -> `azurerm_x.y`). */
export function referencedAddress(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 1024) return undefined;
  return parseReference(value)?.address;
}

function registryLabel(record: ChangeRecord, values: Values): string {
  return literal(values.registryName) ?? literal(values.name) ?? record.address;
}

/** The group a registry lives in: its name (lowercased) or the address of the group resource. */
function groupOf(record: ChangeRecord, values: Values): string | undefined {
  const direct = values.resource_group_name ?? values.resourceGroupName;
  const name = literal(direct);
  if (name) return name.toLowerCase();
  const parent = literal(values.parent_id);
  if (parent) return resourceGroupFromId(parent)?.toLowerCase();
  const linked = record.links?.resourceGroupName?.[0];
  return referencedAddress(direct) ?? referencedAddress(values.parent_id) ?? linked;
}

function groupName(values: Values): string | undefined {
  return literal(values.resourceGroupName) ?? literal(values.name);
}

function actionOf(record: ChangeRecord): 'delete' | 'replace' | undefined {
  return record.action === 'delete' || record.action === 'replace' ? record.action : undefined;
}

function registriesIn(group: RegistryBefore['group'], all: readonly RegistryBefore[]): string[] {
  return all.filter((r) => r.group !== undefined && r.group === group).map((r) => r.label);
}

/** The registries a lock's scope covers; undefined when unreadable, null when it is not a registry's. */
function lockTargets(
  record: ChangeRecord,
  values: Values,
  registries: readonly RegistryBefore[],
  groups: ReadonlyMap<string, string>,
): readonly string[] | undefined | null {
  if (record.type === 'azure-native:authorization:ManagementLockAtSubscriptionLevel')
    return registries.map((r) => r.label);
  if (record.type === 'azure-native:authorization:ManagementLockAtResourceLevel') {
    const namespace = literal(values.resourceProviderNamespace)?.toLowerCase();
    const name = literal(values.resourceName);
    if (namespace === undefined || name === undefined) return undefined;
    return namespace === 'microsoft.containerregistry' ? [name] : null;
  }
  if (record.type === 'azure-native:authorization:ManagementLockAtResourceGroupLevel') {
    const group = literal(values.resourceGroupName);
    return group === undefined ? undefined : registriesIn(group.toLowerCase(), registries);
  }
  const scope = values.scope ?? values.parent_id;
  const id = literal(scope);
  if (id !== undefined) {
    if (/\/providers\/Microsoft\.ContainerRegistry\/registries\/[^/]+\/?$/i.test(id))
      return [nameFromId(id.replace(/\/$/, ''))];
    if (/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/?$/i.test(id))
      return registriesIn(resourceGroupFromId(id)?.toLowerCase(), registries);
    if (/^\/subscriptions\/[^/]+\/?$/i.test(id)) return registries.map((r) => r.label);
    return /^\/subscriptions\//i.test(id) ? null : undefined;
  }
  const target = referencedAddress(scope) ?? record.links?.scope?.[0];
  if (target === undefined) return undefined;
  const registry = registries.find((r) => r.address === target);
  if (registry) return [registry.label];
  const group = groups.get(target);
  return group !== undefined
    ? registriesIn(target, registries).concat(registriesIn(group, registries))
    : undefined;
}

/** The registries of `records` that exist before the change, and the groups by address. */
function registriesAndGroups(records: readonly ChangeRecord[]): {
  readonly registries: RegistryBefore[];
  readonly groups: Map<string, string>;
} {
  const registries: RegistryBefore[] = [];
  const groups = new Map<string, string>(); // group address -> lowercased name
  for (const record of records) {
    const values = record.before ?? record.after;
    if (!values) continue;
    const kind = removalKindOf(record.type, values);
    if (kind === 'registry' && record.before)
      registries.push({
        address: record.address,
        label: registryLabel(record, values),
        group: groupOf(record, values),
      });
    if (kind === 'resource-group') groups.set(record.address, groupName(values)?.toLowerCase() ?? '');
  }
  return { registries, groups };
}

/** A registry of the input before the change: its address and its label (name, else address). */
export interface RegistryLabel {
  readonly address: string;
  readonly label: string;
}

/** A management lock of the input and the registries it covers (with their child resources). */
export interface LockCover {
  readonly address: string;
  readonly name?: string;
  /** Labels of the registries under it; undefined when its scope cannot be read. */
  readonly registries?: readonly string[];
  /** True when it exists before and after the change, untouched but for updates. */
  readonly stays: boolean;
}

/**
 * The registries before the change and the management locks over them: a lock on a registry, its
 * group or its subscription (a lock at a parent scope is inherited by every child resource: ARM
 * Management Locks REST reference, "When you apply a lock at a parent scope, all child resources
 * inherit the same lock").
 */
export function locksOverRegistries(records: readonly ChangeRecord[]): {
  readonly registries: readonly RegistryLabel[];
  readonly locks: readonly LockCover[];
} {
  const { registries, groups } = registriesAndGroups(records);
  const locks: LockCover[] = [];
  for (const record of records) {
    const values = record.before ?? record.after;
    if (!values || removalKindOf(record.type, values) !== 'lock') continue;
    const targets = lockTargets(record, values, registries, groups);
    if (targets === null) continue;
    const name = literal(values.lockName) ?? literal(values.name);
    const stays =
      record.before !== undefined && !['create', 'delete', 'replace', 'forget'].includes(record.action);
    locks.push({
      address: record.address,
      ...(name ? { name } : {}),
      ...(targets ? { registries: [...new Set(targets)] } : {}),
      stays,
    });
  }
  return { registries: registries.map(({ address, label }) => ({ address, label })), locks };
}

/** Every removal of a registry, its group or its lock among `records`, in input order. */
export function findRemovals(records: readonly ChangeRecord[]): RemovalFact[] {
  const { registries, groups } = registriesAndGroups(records);
  const out: RemovalFact[] = [];
  for (const record of records) {
    const action = actionOf(record);
    const values = record.before ?? record.after;
    if (!action || !values) continue;
    const kind = removalKindOf(record.type, values);
    if (!kind) continue;
    const reasons = record.reasons ?? [];
    const base = { address: record.address, type: record.type, kind, action, reasons };
    if (kind === 'registry') {
      out.push({ ...base, name: registryLabel(record, values), registries: [registryLabel(record, values)] });
    } else if (kind === 'resource-group') {
      const name = groupName(values);
      const held = [
        ...registriesIn(record.address, registries),
        ...(name ? registriesIn(name.toLowerCase(), registries) : []),
      ];
      const known = name !== undefined || held.length > 0;
      out.push({ ...base, ...(name ? { name } : {}), ...(known ? { registries: [...new Set(held)] } : {}) });
    } else {
      const targets = lockTargets(record, values, registries, groups);
      if (targets === null) continue;
      const name = literal(values.lockName) ?? literal(values.name);
      out.push({
        ...base,
        ...(name ? { name } : {}),
        ...(targets ? { registries: [...new Set(targets)] } : {}),
      });
    }
  }
  return out;
}

/** The removals of an inventory read from `file`. */
export function removalsOf(records: readonly ChangeRecord[], file: string): Removal[] {
  return findRemovals(records).map((fact) => ({
    address: fact.address,
    type: fact.type,
    kind: fact.kind,
    action: fact.action,
    ...(fact.name !== undefined ? { name: fact.name } : {}),
    registries: fact.registries ?? UNKNOWN,
    reasons: fact.reasons,
    source: { file, address: fact.address },
  }));
}
