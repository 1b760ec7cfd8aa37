/**
 * Which registry a Terraform value points at: a reference to a registry resource or data source, a
 * registry resource ID, a registry name, or a resource group / subscription that contains registries.
 */
import { REGISTRY_ID_PATTERN, nameFromId, resourceGroupFromId } from '../../../constructs/model/azure-ids';
import type { RawResource, Reference } from './raw';
import { parseReference, stringSetting } from './raw';
import { pushTo } from '../map-entry';
import type { Setting, Unknown } from '../types';
import { UNKNOWN, isUnknown } from '../types';

const REGISTRY = 'azurerm_container_registry';
/** The generic ARM resource type whose registries are read through their azurerm view. */
const GENERIC_ARM_RESOURCE = 'azapi_resource';
/** A registry's resource ID, to its end (a child resource's ID is not the registry's). */
const REGISTRY_ID = REGISTRY_ID_PATTERN;

/** What `ofType` returns for a type the input does not have; frozen since it is shared. */
const NONE: readonly RawResource[] = Object.freeze([]);

/** What a value points at. */
export type RegistryTarget =
  | { readonly kind: 'managed'; readonly addresses: readonly string[] }
  | { readonly kind: 'external'; readonly name: Setting<string> };

/** The resources of one type by address, and its indexed instances (`x.y[0]`) by their address without the index. */
interface AddressesOfType {
  readonly exact: Map<string, RawResource>;
  readonly byBase: Map<string, RawResource[]>;
}

/**
 * The resources of one input by type, with maps by address built per type on first use: a large input
 * looks up few types by address (registries, DNS zones), and a map of every resource's address would
 * cost more than all the lookups. A reference names its type, so a lookup only needs that type's map.
 */
export class ResourcesByType {
  /** Managed resources by type, in input order. */
  readonly managed = new Map<string, RawResource[]>();
  /** Data sources by type, in input order. */
  private readonly data = new Map<string, RawResource[]>();
  private readonly addresses = new Map<string, AddressesOfType>();
  /** Each resource's position in its type's list, by its position in the input. */
  private readonly slots: Int32Array;
  /**
   * Azurerm views of generic resources (see `RawResource.viewOf`) by the input's own type, which
   * references name them by; undefined when there is none (the usual input).
   */
  private views: Map<string, RawResource[]> | undefined;

  constructor(private readonly input: readonly RawResource[]) {
    this.slots = new Int32Array(input.length);
    for (let i = 0; i < input.length; i += 1) {
      const resource = input[i];
      const byType = resource.mode === 'managed' ? this.managed : this.data;
      const list = byType.get(resource.type);
      if (list) {
        this.slots[i] = list.length;
        list.push(resource);
      } else {
        byType.set(resource.type, [resource]);
      }
      if (resource.viewOf !== undefined) pushTo((this.views ??= new Map()), resource.viewOf, resource);
    }
  }

  /** Data sources of a type. */
  dataOfType(type: string): readonly RawResource[] {
    return this.data.get(type) ?? NONE;
  }

  /** The resource of `type` at exactly `address` (the last one when several share it). */
  at(type: string, address: string): RawResource | undefined {
    return this.addressesOf(type).exact.get(address);
  }

  /** The resource of `type` at `address`; an address without a count/for_each index finds a single indexed instance. */
  lookup(type: string, address: string): RawResource | undefined {
    const addresses = this.addressesOf(type);
    const exact = addresses.exact.get(address);
    if (exact) return exact;
    const indexed = addresses.byBase.get(address);
    return indexed?.length === 1 ? indexed[0] : undefined;
  }

  /**
   * Puts the resources at `positions` of `resources` (copies of the input's at those positions) in place
   * of the input's.
   */
  replace(resources: readonly RawResource[], positions: readonly number[]): void {
    for (const i of positions) {
      const resource = this.input[i];
      const list = (resource.mode === 'managed' ? this.managed : this.data).get(resource.type);
      if (list) list[this.slots[i]] = resources[i];
      // Built again from the lists when next needed.
      this.addresses.delete(resource.type);
      if (resource.viewOf !== undefined) this.replaceView(resource, resources[i]);
    }
  }

  private replaceView(given: RawResource, next: RawResource): void {
    const views = this.views?.get(given.viewOf as string);
    const at = views?.indexOf(given) ?? -1;
    if (views && at >= 0) views[at] = next;
    this.addresses.delete(given.viewOf as string);
  }

  private addressesOf(type: string): AddressesOfType {
    let addresses = this.addresses.get(type);
    if (!addresses) {
      addresses = { exact: new Map(), byBase: new Map() };
      // Managed and data addresses never collide (`data.` prefix), so the order of the two lists does not matter.
      // Indexed: this runs a few times per input, unoptimized, where a for...of makes an iterator result per resource.
      const managed = this.managed.get(type) ?? NONE;
      for (let i = 0; i < managed.length; i += 1) addAddress(addresses, managed[i]);
      const data = this.data.get(type) ?? NONE;
      for (let i = 0; i < data.length; i += 1) addAddress(addresses, data[i]);
      // References to an azurerm view name the input's own type (`azapi_resource.x`).
      const views = this.views?.get(type) ?? NONE;
      for (let i = 0; i < views.length; i += 1) addAddress(addresses, views[i]);
      this.addresses.set(type, addresses);
    }
    return addresses;
  }
}

function addAddress(addresses: AddressesOfType, resource: RawResource): void {
  addresses.exact.set(resource.address, resource);
  if (resource.address.endsWith(']'))
    pushTo(addresses.byBase, resource.address.replace(/\[[^\]]*\]$/, ''), resource);
}

/** Lookup tables over the resources of one input. */
export class ResourceIndex {
  /** Managed registries by lowercased literal name. */
  private readonly registryByName = new Map<string, string>();
  /** Managed registries by lowercased literal resource group name (or group resource, see `groupKeyOf`). */
  private registriesByGroup: Map<string, string[]> | undefined;
  readonly registries: RawResource[] = [];
  /** The target of each managed registry, built once: thousands of attachments point at a few registries. */
  private readonly managedTargets = new Map<string, RegistryTarget>();
  /**
   * What each registry ID text points at (null: nothing), worked out once: the same reference names a
   * registry from each of its endpoints, grants, locks and diagnostic settings.
   */
  private readonly idTargets = new Map<string, RegistryTarget | null>();
  /** What each registry name text points at (null: nothing), worked out once, as `idTargets`. */
  private readonly nameTargets = new Map<string, RegistryTarget | null>();
  private readonly byType: ResourcesByType;
  /** Every resource by address, built on first use (only what the input leaves undecided needs it). */
  private everyAddress: Map<string, RawResource> | undefined;

  /**
   * @param resources the resources of one input
   * @param byType `resources` by type, when the caller has built that already (it is adopted rather
   *   than built a second time)
   */
  constructor(
    private readonly resources: readonly RawResource[],
    byType?: ResourcesByType,
  ) {
    this.byType = byType ?? new ResourcesByType(resources);
    const registries = this.byType.managed.get(REGISTRY) ?? NONE;
    // Indexed: it runs once per input, unoptimized, where a for...of makes an iterator result per registry.
    for (let i = 0; i < registries.length; i += 1) {
      const resource = registries[i];
      this.registries.push(resource);
      // Made up front: most references name a managed registry by its exact address.
      this.managedTargets.set(resource.address, { kind: 'managed', addresses: [resource.address] });
      const name = resource.values.name;
      if (typeof name === 'string' && !name.includes('${'))
        this.registryByName.set(name.toLowerCase(), resource.address);
    }
  }

  /** The resource at `address` (the last one when several share it). */
  resourceAt(address: string): RawResource | undefined {
    if (!this.everyAddress) {
      this.everyAddress = new Map();
      for (const resource of this.resources) this.everyAddress.set(resource.address, resource);
    }
    return this.everyAddress.get(address);
  }

  /** The managed registry at `address`. */
  registryAt(address: string): RawResource | undefined {
    return this.byType.at(REGISTRY, address);
  }

  /** Every managed registry of the input, as one target (`undefined` when there is none). */
  allRegistries(): RegistryTarget | undefined {
    return this.registries.length > 0
      ? { kind: 'managed', addresses: this.registries.map((r) => r.address) }
      : undefined;
  }

  /** Resources of a type (managed only). */
  ofType(type: string): readonly RawResource[] {
    return this.byType.managed.get(type) ?? NONE;
  }

  /** Data sources of a type. */
  dataOfType(type: string): readonly RawResource[] {
    return this.byType.dataOfType(type);
  }

  /** The resource a reference points at; one without a count/for_each index finds a single indexed instance. */
  lookup(ref: Reference): RawResource | undefined {
    return this.byType.lookup(ref.type, ref.address);
  }

  /** The resource a reference value points at. */
  referenced(value: unknown): RawResource | undefined {
    const ref = parseReference(value);
    return ref ? this.lookup(ref) : undefined;
  }

  /**
   * The key of a registry's resource group in `groups()`: its lowercased literal name, or, when it is
   * a reference to an `azurerm_resource_group` whose name is not literal, that group resource (the
   * registry is in it whatever its name turns out to be, so a grant or lock at that group's `id`
   * reaches it: "Lower levels inherit role permissions from higher levels", Microsoft Learn,
   * "Understand scope for Azure RBAC"; "all child resources inherit the same lock", ManagementLocks).
   */
  private groupKeyOf(registry: RawResource): string | undefined {
    const value = registry.values.resource_group_name;
    if (typeof value === 'string' && !value.includes('${')) return value.toLowerCase();
    // Found wherever the group is in the input, as every reference is.
    const group = this.referenced(value);
    if (group?.type !== 'azurerm_resource_group') return undefined;
    return this.groupNameOf(group) ?? groupKey(group.address);
  }

  private byName(name: Setting<string>): RegistryTarget {
    if (typeof name !== 'string') return { kind: 'external', name };
    const address = this.registryByName.get(name.toLowerCase());
    return address ? this.managed(address) : { kind: 'external', name };
  }

  private managed(address: string): RegistryTarget {
    // Written out rather than through entryOf: a closure per registry reference adds up.
    let target = this.managedTargets.get(address);
    if (target === undefined) {
      target = { kind: 'managed', addresses: [address] };
      this.managedTargets.set(address, target);
    }
    return target;
  }

  /** The managed registry whose literal name is `name` (any case); undefined when none is. */
  managedRegistryNamed(name: string): RegistryTarget | undefined {
    const address = this.registryByName.get(name.toLowerCase());
    return address === undefined ? undefined : this.managed(address);
  }

  /** The resources whose provisioners run commands (few: looked for once, when asked). */
  withCommands(): readonly RawResource[] {
    return this.resources.filter((r) => r.commands !== undefined);
  }

  /** The registry a registry ID value (reference or literal ID) points at. */
  registryFromId(value: unknown): RegistryTarget | undefined {
    return this.registryOfText(this.idTargets, value, true);
  }

  /** The registry a registry name value points at (`registry_name`, `container_registry_name`). */
  registryFromName(value: unknown): RegistryTarget | undefined {
    return this.registryOfText(this.nameTargets, value, false);
  }

  /** The registry a text names as an ID (`byId`) or a name, worked out once per text (null in `cache`: none). */
  private registryOfText(
    cache: Map<string, RegistryTarget | null>,
    value: unknown,
    byId: boolean,
  ): RegistryTarget | undefined {
    if (typeof value !== 'string') return undefined;
    // Written out rather than through entryOf: closures per call add up over thousands of attachments.
    let target = cache.get(value);
    if (target === undefined) {
      target = this.findRegistry(value, byId) ?? null;
      cache.set(value, target);
    }
    return target ?? undefined;
  }

  private findRegistry(value: string, byId: boolean): RegistryTarget | undefined {
    const ref = parseReference(value);
    // A reference names the registry resource or data source, by its `id` or its `name` alike.
    if (ref) return this.registryOfReference(ref);
    if (!byId) return !value.includes('${') ? this.byName(value) : undefined;
    const match = REGISTRY_ID.exec(value);
    return match ? this.byName(match[1]) : undefined;
  }

  /** The registry a reference to a registry resource or data source (any attribute) names. */
  private registryOfReference(ref: Reference): RegistryTarget | undefined {
    // A generic ARM resource (`azapi_resource`) is a registry when its type says so (its azurerm view).
    if (ref.type !== REGISTRY && ref.type !== GENERIC_ARM_RESOURCE) return undefined;
    // A managed registry at exactly this address (the usual reference): no lookup by type and address.
    const managed = this.managedTargets.get(ref.address);
    if (managed) return managed;
    const target = this.lookup(ref);
    if (target?.type !== REGISTRY) return undefined;
    if (target.mode === 'managed') return this.managed(target.address);
    const name = target.values.name;
    return this.byName(typeof name === 'string' && !name.includes('${') ? name : UNKNOWN);
  }

  /**
   * The registries a role-assignment or lock scope covers: a registry, or every managed registry in a
   * resource group or subscription scope.
   */
  registriesInScope(value: unknown): RegistryTarget | undefined {
    const direct = this.registryFromId(value);
    if (direct) return direct;
    const ref = parseReference(value);
    if (ref) {
      const target = this.lookup(ref);
      if (target?.type === 'azurerm_resource_group' && ref.attribute === 'id')
        return this.inGroup(this.groupNameOf(target) ?? groupKey(target.address));
      return undefined;
    }
    if (typeof value !== 'string') return undefined;
    if (/^\/subscriptions\/[^/]+\/?$/i.test(value))
      return { kind: 'managed', addresses: this.registries.map((r) => r.address) };
    if (/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/?$/i.test(value))
      return this.inGroup(resourceGroupFromId(value)?.toLowerCase());
    return undefined;
  }

  /**
   * The resource group a scope value names (a literal resource group ID, or a reference to an
   * `azurerm_resource_group`'s `id`), as its literal name or, when the name is not literal, the group
   * resource's address; undefined for any other scope.
   */
  resourceGroupOfScope(value: unknown): string | undefined {
    const ref = parseReference(value);
    if (ref) {
      const target = this.lookup(ref);
      if (target?.type !== 'azurerm_resource_group' || ref.attribute !== 'id') return undefined;
      const name = target.values.name;
      return typeof name === 'string' && !name.includes('${') ? name : target.address;
    }
    if (typeof value !== 'string' || !/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/?$/i.test(value))
      return undefined;
    return resourceGroupFromId(value);
  }

  /**
   * Why the name of the resource group a scope value references (`azurerm_resource_group.x.id`) is not
   * decided, with the group's address; undefined for a group with a literal name or any other scope.
   */
  undecidedGroupOfScope(value: unknown): { readonly address: string; readonly name: Unknown } | undefined {
    const ref = parseReference(value);
    if (!ref || ref.attribute !== 'id') return undefined;
    const target = this.lookup(ref);
    if (target?.type !== 'azurerm_resource_group') return undefined;
    const name = stringSetting(target.values.name, '');
    return isUnknown(name) ? { address: target.address, name } : undefined;
  }

  /** True when some resource group of the input has a name that is not literal (rare). */
  hasUndecidedGroup(): boolean {
    const groups = [
      ...this.ofType('azurerm_resource_group'),
      ...this.byType.dataOfType('azurerm_resource_group'),
    ];
    return groups.some((g) => this.groupNameOf(g) === undefined);
  }

  private groupNameOf(group: RawResource): string | undefined {
    const name = group.values.name;
    return typeof name === 'string' && !name.includes('${') ? name.toLowerCase() : undefined;
  }

  /**
   * The managed registries by lowercased literal resource group name (or group resource, see
   * `groupKeyOf`), built on first use (only group scopes need it).
   */
  private groups(): Map<string, string[]> {
    if (!this.registriesByGroup) {
      this.registriesByGroup = new Map();
      for (let i = 0; i < this.registries.length; i += 1) {
        const group = this.groupKeyOf(this.registries[i]);
        if (group) pushTo(this.registriesByGroup, group, this.registries[i].address);
      }
    }
    return this.registriesByGroup;
  }

  private inGroup(group: string | undefined): RegistryTarget | undefined {
    const addresses = group ? this.groups().get(group) : undefined;
    return addresses && addresses.length > 0 ? { kind: 'managed', addresses } : undefined;
  }
}

/**
 * The key of a resource group resource whose name is not literal, in `ResourceIndex`'s map of
 * registries by group: its address after a NUL, which no resource group name holds.
 */
function groupKey(address: string): string {
  return `\u0000${address}`;
}

/** The name of a private DNS zone from its ID. */
export function zoneNameFromId(id: string): string {
  return nameFromId(id);
}
