/**
 * Which registry a Terraform value points at: a reference to a registry resource or data source, a
 * registry resource ID, a registry name, or a resource group / subscription that contains registries.
 */
import { nameFromId, resourceGroupFromId } from '../../../constructs/model/azure-ids';
import type { RawResource } from './raw';
import { parseReference } from './raw';
import type { Setting } from '../types';
import { UNKNOWN } from '../types';

const REGISTRY = 'azurerm_container_registry';
const REGISTRY_ID = /\/providers\/Microsoft\.ContainerRegistry\/registries\/([^/]+)/i;

/** Appends `value` to the list at `key`. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** What a value points at. */
export type RegistryTarget =
  | { readonly kind: 'managed'; readonly addresses: readonly string[] }
  | { readonly kind: 'external'; readonly name: Setting<string> };

/** Lookup tables over the resources of one input. */
export class ResourceIndex {
  readonly byAddress: Map<string, RawResource>;
  /** Managed registries by lowercased literal name. */
  private readonly registryByName = new Map<string, string>();
  /** Managed registries by lowercased literal resource group name. */
  private readonly registriesByGroup = new Map<string, string[]>();
  readonly registries: RawResource[] = [];
  /** Managed resources by type. */
  private readonly byType = new Map<string, RawResource[]>();
  /** The target of each managed registry, built once: thousands of attachments point at a few registries. */
  private readonly managedTargets = new Map<string, RegistryTarget>();
  /** Indexed instances (`x.y[0]`) by their address without the index. */
  private readonly byBaseAddress = new Map<string, RawResource[]>();

  /**
   * @param resources the resources of one input
   * @param byAddress `resources` by address, when the caller has built that map already (it is
   *   adopted rather than built a second time)
   */
  constructor(resources: readonly RawResource[], byAddress?: Map<string, RawResource>) {
    this.byAddress = byAddress ?? new Map();
    for (const resource of resources) {
      if (!byAddress) this.byAddress.set(resource.address, resource);
      if (resource.address.endsWith(']')) {
        const base = resource.address.replace(/\[[^\]]*\]$/, '');
        pushTo(this.byBaseAddress, base, resource);
      }
      if (resource.mode === 'managed') pushTo(this.byType, resource.type, resource);
      if (resource.mode !== 'managed' || resource.type !== REGISTRY) continue;
      this.registries.push(resource);
      const name = resource.values.name;
      if (typeof name === 'string' && !name.includes('${'))
        this.registryByName.set(name.toLowerCase(), resource.address);
      const group = this.literalGroupName(resource.values.resource_group_name);
      if (group) pushTo(this.registriesByGroup, group, resource.address);
    }
  }

  /** Every managed registry of the input, as one target (`undefined` when there is none). */
  allRegistries(): RegistryTarget | undefined {
    return this.registries.length > 0
      ? { kind: 'managed', addresses: this.registries.map((r) => r.address) }
      : undefined;
  }

  /** Resources of a type (managed only). */
  ofType(type: string): RawResource[] {
    return this.byType.get(type) ?? [];
  }

  /** The resource at `address`; a reference without a count/for_each index finds a single indexed instance. */
  lookup(address: string): RawResource | undefined {
    const exact = this.byAddress.get(address);
    if (exact) return exact;
    const indexed = this.byBaseAddress.get(address);
    return indexed?.length === 1 ? indexed[0] : undefined;
  }

  /** The resource a reference value points at. */
  referenced(value: unknown): RawResource | undefined {
    const ref = parseReference(value);
    return ref ? this.lookup(ref.address) : undefined;
  }

  private literalGroupName(value: unknown): string | undefined {
    if (typeof value === 'string' && !value.includes('${')) return value.toLowerCase();
    const group = this.referenced(value);
    const name = group?.type === 'azurerm_resource_group' ? group.values.name : undefined;
    return typeof name === 'string' && !name.includes('${') ? name.toLowerCase() : undefined;
  }

  private byName(name: Setting<string>): RegistryTarget {
    if (typeof name !== 'string') return { kind: 'external', name };
    const address = this.registryByName.get(name.toLowerCase());
    return address ? this.managed(address) : { kind: 'external', name };
  }

  private managed(address: string): RegistryTarget {
    let target = this.managedTargets.get(address);
    if (!target) {
      target = { kind: 'managed', addresses: [address] };
      this.managedTargets.set(address, target);
    }
    return target;
  }

  /** The registry a registry ID value (reference or literal ID) points at. */
  registryFromId(value: unknown): RegistryTarget | undefined {
    const ref = parseReference(value);
    if (ref) {
      const target = this.lookup(ref.address);
      if (ref.type !== REGISTRY || !target) return undefined;
      if (target.mode === 'managed') return this.managed(target.address);
      const name = target.values.name;
      return this.byName(typeof name === 'string' && !name.includes('${') ? name : UNKNOWN);
    }
    if (typeof value !== 'string') return undefined;
    const match = REGISTRY_ID.exec(value);
    return match ? this.byName(match[1]) : undefined;
  }

  /** The registry a registry name value points at (`registry_name`, `container_registry_name`). */
  registryFromName(value: unknown): RegistryTarget | undefined {
    const ref = parseReference(value);
    if (ref) {
      const target = this.lookup(ref.address);
      if (ref.type !== REGISTRY || !target) return undefined;
      return this.registryFromId(`\${${ref.address}.id}`);
    }
    return typeof value === 'string' && !value.includes('${') ? this.byName(value) : undefined;
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
      const target = this.lookup(ref.address);
      if (target?.type === 'azurerm_resource_group' && ref.attribute === 'id')
        return this.inGroup(this.groupNameOf(target));
      return undefined;
    }
    if (typeof value !== 'string') return undefined;
    if (/^\/subscriptions\/[^/]+\/?$/i.test(value))
      return { kind: 'managed', addresses: this.registries.map((r) => r.address) };
    if (/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/?$/i.test(value))
      return this.inGroup(resourceGroupFromId(value)?.toLowerCase());
    return undefined;
  }

  private groupNameOf(group: RawResource): string | undefined {
    const name = group.values.name;
    return typeof name === 'string' && !name.includes('${') ? name.toLowerCase() : undefined;
  }

  private inGroup(group: string | undefined): RegistryTarget | undefined {
    const addresses = group ? this.registriesByGroup.get(group) : undefined;
    return addresses && addresses.length > 0 ? { kind: 'managed', addresses } : undefined;
  }
}

/** The name of a private DNS zone from its ID. */
export function zoneNameFromId(id: string): string {
  return nameFromId(id);
}
