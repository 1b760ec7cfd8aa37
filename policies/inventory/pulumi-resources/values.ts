/**
 * Reading Pulumi input values (secrets unwrapped, unknowns kept as UNKNOWN) and finding which registry
 * a resource points at: by a literal name or ID, or by the property dependencies of an unknown value.
 */
import { REGISTRY_ID_PATTERN, nameFromId, resourceGroupFromId } from '../../../constructs/model/azure-ids';
import type { PulumiResourceRecord } from './build';
import type { Setting, SourceLocation } from '../types';
import { UNKNOWN, isUnknown, unknownBecause } from '../types';
import { PULUMI_SECRET_MARKER } from '../../../constructs/model/plan-formats';

/**
 * The value of a secret nobody can read here: secret config under mocks (no Pulumi CLI to decrypt it)
 * and Pulumi's own marker for a secret in `pulumi preview --json` output.
 */
export const SECRET_PLACEHOLDER = PULUMI_SECRET_MARKER;

const REGISTRY_TYPE = 'azure-native:containerregistry:Registry';
const RESOURCE_GROUP_TYPE = 'azure-native:resources:ResourceGroup';
/** A registry's resource ID, to its end: a lock or grant at a child's ID is not the registry's. */
const REGISTRY_ID = REGISTRY_ID_PATTERN;

/** What a secret nobody can read here is: its value was not seen, so it decides nothing. */
const UNREADABLE_SECRET = unknownBecause(
  'it is a secret, shown only as [secret] (in the preview, or as secret config under mocks)',
);

/**
 * The value inside a secret wrapper (`{ secret: true, value }`), or the value itself; UNKNOWN for a
 * secret whose value is hidden (the placeholder): `[secret]` is not the setting's value.
 */
export function plain(value: unknown): unknown {
  if (
    typeof value === 'object' &&
    value !== null &&
    (value as { secret?: unknown }).secret === true &&
    'value' in value
  ) {
    return plain((value as { value: unknown }).value);
  }
  return value === SECRET_PLACEHOLDER ? UNREADABLE_SECRET : value;
}

/** A record, or undefined. */
export function recordOf(value: unknown): Readonly<Record<string, unknown>> | undefined {
  const v = plain(value);
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isUnknown(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

/**
 * The `key` input inside an object input (`policies.quarantinePolicy`): the object's own UNKNOWN when
 * the object is unknown or a hidden secret (then every key in it is), undefined when it is absent.
 */
export function member(value: unknown, key: string): unknown {
  const v = plain(value);
  if (isUnknown(v)) return v;
  return recordOf(v)?.[key];
}

/** A list, or undefined. */
export function listOf(value: unknown): readonly unknown[] | undefined {
  const v = plain(value);
  return Array.isArray(v) ? v : undefined;
}

/** A string setting: the literal, `fallback` when absent (UNKNOWN without one), UNKNOWN when unknown. */
export function stringOf(value: unknown, fallback?: string): Setting<string> {
  const v = plain(value);
  // An UNKNOWN as it came, with its reason (a hidden secret says so).
  if (isUnknown(v)) return v;
  if (v === undefined || v === null) return fallback ?? UNKNOWN;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return UNKNOWN;
}

/** A boolean setting. */
export function boolOf(value: unknown, fallback: boolean): Setting<boolean> {
  const v = plain(value);
  // An UNKNOWN as it came, with its reason (a hidden secret says so).
  if (isUnknown(v)) return v;
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  return UNKNOWN;
}

/** A number setting. */
export function numberOf(value: unknown, fallback: number): Setting<number> {
  const v = plain(value);
  // An UNKNOWN as it came, with its reason (a hidden secret says so).
  if (isUnknown(v)) return v;
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return UNKNOWN;
}

/** A list of strings; UNKNOWN when the list or an element is unknown. */
export function stringListOf(value: unknown): Setting<readonly string[]> {
  const v = plain(value);
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return UNKNOWN;
  const items = v.map(plain);
  return items.every((item): item is string => typeof item === 'string') ? items : UNKNOWN;
}

/**
 * Whether a `status` input (`enabled`/`disabled`, `Enabled`/`Disabled`) leaves the resource on: true
 * unless it is some spelling of "disabled" (azure-native types it as a string, and a disabled resource
 * does not run whether Azure reads another spelling as the value or rejects it); UNKNOWN when unknown.
 */
export function statusOn(value: unknown): Setting<boolean> {
  const v = plain(value);
  if (isUnknown(v)) return v;
  return typeof v !== 'string' || v.toLowerCase() !== 'disabled';
}

/** A literal string, or undefined. */
export function literal(value: unknown): string | undefined {
  const v = plain(value);
  return typeof v === 'string' ? v : undefined;
}

/** What a value points at: registries of this stack (by URN), or one outside it (by name). */
export type PulumiTarget =
  | { readonly kind: 'managed'; readonly urns: readonly string[] }
  | { readonly kind: 'external'; readonly name: Setting<string> };

/**
 * Where a resource's resource group is: its name (lowercased, as Azure compares resource group names)
 * when known, and the stack's resource group resources it takes the name from (`group.name`).
 */
export interface PulumiGroup {
  readonly name: string | undefined;
  readonly via: readonly PulumiResourceRecord[];
}

/** True when both take their resource group from one resource group resource of the stack. */
export function sameGroupResource(a: PulumiGroup, b: PulumiGroup): boolean {
  return a.via.some((g) => b.via.includes(g));
}

/** Lookup tables over the resources of one stack. */
export class PulumiIndex {
  readonly byUrn = new Map<string, PulumiResourceRecord>();
  readonly registries: PulumiResourceRecord[];

  constructor(readonly records: readonly PulumiResourceRecord[]) {
    for (const record of records) this.byUrn.set(record.urn, record);
    this.registries = records.filter((r) => r.type === REGISTRY_TYPE);
  }

  /** Resources of a type. */
  ofType(type: string): PulumiResourceRecord[] {
    return this.records.filter((r) => r.type === type);
  }

  /** The resources of `types` that input `key` of `record` depends on. */
  dependencies(record: PulumiResourceRecord, key: string, ...types: string[]): PulumiResourceRecord[] {
    return (record.propertyDependencies[key] ?? [])
      .map((urn) => this.byUrn.get(urn))
      .filter(
        (r): r is PulumiResourceRecord => r !== undefined && (types.length === 0 || types.includes(r.type)),
      );
  }

  /**
   * A name input of `record`: its literal value, else the `nameKey` input of the one resource of `type`
   * it depends on (a program's `zone.name`, `group.name`, unknown in a preview until apply).
   */
  nameVia(record: PulumiResourceRecord, key: string, type: string, nameKey: string): string | undefined {
    const direct = literal(record.inputs[key]);
    if (direct !== undefined) return direct;
    const [only, ...more] = this.dependencies(record, key, type);
    return only && more.length === 0 ? literal(only.inputs[nameKey]) : undefined;
  }

  /** The resource group a `key` input (`resourceGroupName`) of `record` names. */
  groupOf(record: PulumiResourceRecord, key = 'resourceGroupName'): PulumiGroup {
    return {
      name: this.nameVia(record, key, RESOURCE_GROUP_TYPE, 'resourceGroupName')?.toLowerCase(),
      via: this.dependencies(record, key, RESOURCE_GROUP_TYPE),
    };
  }

  private byName(name: string): PulumiTarget {
    const match = this.registries.find(
      (r) => literal(r.inputs.registryName)?.toLowerCase() === name.toLowerCase(),
    );
    return match ? { kind: 'managed', urns: [match.urn] } : { kind: 'external', name };
  }

  /** The managed registry whose literal `registryName` is `name` (any case); undefined when none is. */
  managedRegistryNamed(name: string): PulumiTarget | undefined {
    const target = this.byName(name);
    return target.kind === 'managed' ? target : undefined;
  }

  /** The registry a registry-ID input (`scope`, `resourceUri`, `privateLinkServiceId`) points at. */
  registryFromId(
    record: PulumiResourceRecord,
    key: string,
    value: unknown = record.inputs[key],
  ): PulumiTarget | undefined {
    const id = literal(value);
    const match = id ? REGISTRY_ID.exec(id) : null;
    if (match) return this.byName(match[1]);
    const deps = this.dependencies(record, key, REGISTRY_TYPE);
    return deps.length > 0 ? { kind: 'managed', urns: deps.map((d) => d.urn) } : undefined;
  }

  /** The registry a registry-name input (`registryName`) points at. */
  registryFromName(record: PulumiResourceRecord, key: string): PulumiTarget | undefined {
    const name = literal(record.inputs[key]);
    if (name) return this.byName(name);
    const deps = this.dependencies(record, key, REGISTRY_TYPE);
    return deps.length > 0 ? { kind: 'managed', urns: deps.map((d) => d.urn) } : undefined;
  }

  /** Resources of `type` whose `key` input names `registry`. */
  attachedByName(type: string, key: string, registry: PulumiResourceRecord): PulumiResourceRecord[] {
    return this.ofType(type).filter((r) => {
      const target = this.registryFromName(r, key);
      return target?.kind === 'managed' && target.urns.includes(registry.urn);
    });
  }

  /** The registries a role-assignment or lock scope covers: one registry, a resource group, a subscription. */
  registriesInScope(record: PulumiResourceRecord, key: string): PulumiTarget | undefined {
    const direct = this.registryFromId(record, key);
    if (direct) return direct;
    const scope = literal(record.inputs[key]);
    if (!scope) {
      // `scope: group.id`, unknown in a preview: the registries of that group resource.
      const group = this.groupOf(record, key);
      return group.via.length > 0 ? this.inGroup(group) : undefined;
    }
    if (/^\/subscriptions\/[^/]+\/?$/i.test(scope))
      return { kind: 'managed', urns: this.registries.map((r) => r.urn) };
    if (/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/?$/i.test(scope))
      return this.inGroup({ name: resourceGroupFromId(scope)?.toLowerCase(), via: [] });
    return undefined;
  }

  /**
   * Managed registries in a resource group: one named `group.name` (lowercased), or whose group, like
   * the scope's, comes from one of the resource group resources `group.via` (`group.name`, unknown in
   * a preview).
   */
  inGroup(group: PulumiGroup): PulumiTarget | undefined {
    const urns = this.registries
      .filter((r) => {
        const own = this.groupOf(r);
        return (group.name !== undefined && own.name === group.name) || sameGroupResource(own, group);
      })
      .map((r) => r.urn);
    return urns.length > 0 ? { kind: 'managed', urns } : undefined;
  }
}

/** The last segment of an ID-like literal. */
export function lastSegment(value: string): string {
  return nameFromId(value);
}

/** Type tokens the adapter reads. */
export const PULUMI_TYPES = {
  registry: 'azure-native:containerregistry:Registry',
  replication: 'azure-native:containerregistry:Replication',
  scopeMap: 'azure-native:containerregistry:ScopeMap',
  token: 'azure-native:containerregistry:Token',
  /**
   * A token password of the classic provider (azurerm's `azurerm_container_registry_token_password`):
   * azure-native has no resource for the `generateCredentials` action that issues one.
   */
  tokenPassword: 'azure:containerservice/tokenPassword:TokenPassword',
  webhook: 'azure-native:containerregistry:Webhook',
  task: 'azure-native:containerregistry:Task',
  taskRun: 'azure-native:containerregistry:TaskRun',
  importPipeline: 'azure-native:containerregistry:ImportPipeline',
  exportPipeline: 'azure-native:containerregistry:ExportPipeline',
  pipelineRun: 'azure-native:containerregistry:PipelineRun',
  connectedRegistry: 'azure-native:containerregistry:ConnectedRegistry',
  privateEndpoint: 'azure-native:network:PrivateEndpoint',
  privateDnsZoneGroup: 'azure-native:network:PrivateDnsZoneGroup',
  privateZone: 'azure-native:privatedns:PrivateZone',
  vnetLink: 'azure-native:privatedns:VirtualNetworkLink',
  roleAssignment: 'azure-native:authorization:RoleAssignment',
  roleDefinition: 'azure-native:authorization:RoleDefinition',
  lockAtResource: 'azure-native:authorization:ManagementLockAtResourceLevel',
  lockByScope: 'azure-native:authorization:ManagementLockByScope',
  lockAtGroup: 'azure-native:authorization:ManagementLockAtResourceGroupLevel',
  /** Locks the provider's subscription: taken to hold every registry, as a grant at a subscription. */
  lockAtSubscription: 'azure-native:authorization:ManagementLockAtSubscriptionLevel',
  diagnosticSetting: 'azure-native:monitor:DiagnosticSetting',
  identity: 'azure-native:managedidentity:UserAssignedIdentity',
} as const;

/** The source location of a resource: its URN and its parent chain as a construct path. */
export function pulumiSourceOf(
  index: PulumiIndex,
  record: PulumiResourceRecord,
  file: string,
): SourceLocation {
  // A part of a resource (a classic registry's georeplications) is located at that resource.
  const whole = record.viewOf?.partOf === undefined ? record : index.byUrn.get(record.viewOf.partOf);
  if (whole && whole !== record) return pulumiSourceOf(index, whole, file);
  const names: string[] = [];
  for (
    let r: PulumiResourceRecord | undefined = record;
    r && r.type !== 'pulumi:pulumi:Stack';
    r = r.parent ? index.byUrn.get(r.parent) : undefined
  ) {
    names.unshift(r.name);
  }
  return { file, address: record.urn, constructPath: names.join('/') };
}
