/**
 * Deletions a management lock will refuse: the apply fails part-way. A lock on a registry, its resource
 * group or its subscription covers the registry and every child resource of it (ARM Management Locks
 * REST reference: "When you apply a lock at a parent scope, all child resources inherit the same
 * lock"), and either lock level forbids deleting what it covers (CanNotDelete: "authorized users can
 * read and modify a resource, but they can't delete it"; ReadOnly forbids more: Learn, "Lock your
 * resources to protect your infrastructure"); Azure answers `ScopeLocked`. A replacement deletes the
 * old object, so it is refused too; so is removing an inline geo-replica (azurerm deletes the
 * replication, a child of the registry).
 *
 * A diagnostic setting of the registry is refused too: Learn's own example of a lock's reach is a
 * diagnostic setting of a locked resource that cannot be deleted ("Lock your resources to protect your
 * infrastructure").
 *
 * The classic Pulumi provider's resources and azapi_resource are read as their twins (`twinType`): a
 * classic registry, child or diagnostic setting, an azapi registry, child (`Microsoft.ContainerRegistry/
 * registries/...`) or `Microsoft.Insights/diagnosticSettings`; their locks are found by the shared
 * lock finder (policies/inventory/removals.ts).
 *
 * Not here: a token password (azurerm and the classic Pulumi provider remove one with a PATCH of the
 * token, which a CanNotDelete lock allows), and role assignments on the registry (whether a lock on
 * their scope refuses their deletion is not checked offline).
 */
import { REGISTRY_ID_PATTERN } from '../constructs/model/azure-ids';
import type { LockCover, RegistryLabel } from '../policies/inventory/removals';
import { locksOverRegistries, referencedAddress } from '../policies/inventory/removals';
import type { ChangeSet, JsonObject, ResourceChange } from './changes';
import { classicInputOf } from '../constructs/model/pulumi-classic-types';
import { inlineReplicaLocations, inlineReplicaZoneRedundancy, kindOf, twinType } from './resource-kinds';

/** One deletion a lock refuses, or may refuse. */
export interface LockedDeletion {
  readonly address: string;
  readonly message: string;
}

/** Child resources of a registry whose deletion is a DELETE of an ARM child resource. */
const CHILD_TYPE =
  /^(azurerm_container_registry_(?!token_password$)[a-z_]+|azure-native:containerregistry:(?!Registry$)[A-Za-z]+|azure:containerservice\/registry[A-Za-z]+:[A-Za-z]+)$/;

/**
 * Diagnostic settings (extension resources of the registry they are set on); their twins (an azapi
 * `Microsoft.Insights/diagnosticSettings`, the classic provider's) are read as them (`twinType`).
 */
const DIAGNOSTIC_TYPES: ReadonlySet<string> = new Set([
  'azurerm_monitor_diagnostic_setting',
  'azure-native:monitor:DiagnosticSetting',
]);

/**
 * The attributes that name a child's registry: by name, or by ID; azurerm's, azure-native's, and the
 * classic provider's (azurerm's in camelCase: `containerRegistryName`, `targetResourceId`, ...).
 */
const withClassic = (keys: readonly string[]): readonly string[] => [
  ...new Set(keys.flatMap((key) => [key, classicInputOf(key)])),
];
const NAME_KEYS = withClassic(['container_registry_name', 'registry_name', 'registryName']);
const ID_KEYS = withClassic([
  'container_registry_id',
  'registry_id',
  'parent_id',
  'target_resource_id',
  'resourceUri',
]);

/** The registry (label) a value names: a literal name or ID, or a reference to a registry of the set. */
function registryNamed(
  value: unknown,
  byId: boolean,
  registries: readonly RegistryLabel[],
): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  if (value.includes('${')) {
    const address = referencedAddress(value);
    return registries.find((r) => r.address === address)?.label;
  }
  if (!byId) return value;
  return REGISTRY_ID_PATTERN.exec(value)?.[1];
}

/** The registry a child resource belongs to, from its values before the change. */
function parentRegistry(values: JsonObject, registries: readonly RegistryLabel[]): string | undefined {
  for (const key of NAME_KEYS) {
    const name = registryNamed(values[key], false, registries);
    if (name) return name;
  }
  for (const key of ID_KEYS) {
    const name = registryNamed(values[key], true, registries);
    if (name) return name;
  }
  return undefined;
}

/**
 * What a change deletes under a registry: the label of that registry, what it deletes in words, and
 * whether it is the registry itself (a lock on the registry depends on it and goes first when both are
 * deleted, so only a lock that stays refuses it).
 */
function deletionOf(
  resource: ResourceChange,
  registries: readonly RegistryLabel[],
): { readonly registry: string; readonly what: string; readonly itself?: true } | undefined {
  const values = resource.before;
  if (!values || resource.possibleRemoval) return undefined;
  const removes = resource.action === 'delete' || resource.action === 'replace';
  if (kindOf(resource.type, values) === 'registry') {
    const registry = registries.find((r) => r.address === resource.address)?.label;
    if (!registry) return undefined;
    if (removes)
      return { registry, what: resource.action === 'delete' ? 'deleting it' : 'replacing it', itself: true };
    if (resource.action !== 'update') return undefined;
    const after = new Set(inlineReplicaLocations(resource.after));
    const gone = inlineReplicaLocations(values).filter((l) => !after.has(l));
    if (gone.length > 0) return { registry, what: `removing its geo-replica ${gone.join(', ')}` };
    // azurerm deletes and recreates a replica whose zone redundancy changes (no in-place update).
    const zonesBefore = inlineReplicaZoneRedundancy(values);
    const recreated = [...inlineReplicaZoneRedundancy(resource.after)]
      .filter(([location, zones]) => zonesBefore.has(location) && zonesBefore.get(location) !== zones)
      .map(([location]) => location);
    return recreated.length > 0
      ? { registry, what: `recreating its geo-replica ${recreated.join(', ')} (zone redundancy changed)` }
      : undefined;
  }
  if (!removes) return undefined;
  const child =
    CHILD_TYPE.test(resource.type) ||
    DIAGNOSTIC_TYPES.has(twinType(resource.type, values)) ||
    (resource.type === 'azapi_resource' && isArmChild(values.type));
  if (!child) return undefined;
  const registry = parentRegistry(values, registries);
  if (!registry) return undefined;
  return {
    registry,
    what: resource.action === 'delete' ? 'deleting it' : 'replacing it (the old one is deleted)',
  };
}

/** True for the ARM type of a registry's child resource (`Microsoft.ContainerRegistry/registries/webhooks@...`). */
function isArmChild(type: unknown): boolean {
  return typeof type === 'string' && /^Microsoft\.ContainerRegistry\/registries\/[^@]+/i.test(type);
}

function lockLabel(lock: LockCover): string {
  return lock.name ? `management lock ${lock.name}` : `management lock ${lock.address}`;
}

/** The deletions of a change set that a management lock refuses (or, when the lock itself changes, may). */
export function lockedDeletions(set: ChangeSet): LockedDeletion[] {
  const { registries, locks } = locksOverRegistries(set.resources);
  if (locks.length === 0) return [];
  const out: LockedDeletion[] = [];
  for (const resource of set.resources) {
    const deletion = deletionOf(resource, registries);
    if (!deletion) continue;
    const covering = locks.filter((l) =>
      l.registries?.some((r) => r.toLowerCase() === deletion.registry.toLowerCase()),
    );
    const staying = covering.find((l) => l.stays);
    if (staying) {
      out.push({
        address: resource.address,
        message: `${deletion.what} fails at apply: ${lockLabel(staying)} on registry ${deletion.registry} forbids deleting the registry and its child resources (ScopeLocked), and the apply stops part-way. Remove the lock in an earlier apply, or keep the resource`,
      });
      continue;
    }
    const changing = covering[0];
    if (changing && !deletion.itself)
      out.push({
        address: resource.address,
        message: `${deletion.what} may fail at apply: ${lockLabel(changing)} on registry ${deletion.registry} is created, replaced or removed in the same apply, and nothing orders it after this deletion (ScopeLocked if the lock is there first). Change the lock in an apply of its own`,
      });
  }
  return out;
}
