/**
 * Resources of the classic Pulumi Azure provider (`@pulumi/azure`) read as their azure-native twins,
 * so that what the adapter knows of azure-native resources (literal names and IDs, property
 * dependencies, unknowns) holds for them too: the Pulumi counterpart of azapi-views.ts. The
 * classic provider is a bridge of azurerm: its inputs are azurerm's attributes in camelCase
 * (`@pulumi/azure` 6.40 `*Args`), and an input left out means azurerm's default (FACTS.md section 5,
 * `REGISTRY_DEFAULTS`), which every view writes out rather than leave azure-native's in its place.
 * The token table is constructs/model/pulumi-classic-types.ts.
 *
 * Each view keeps its resource's URN, name, parent, protect and dependencies; its property
 * dependencies are keyed by the azure-native inputs each classic input became. Two inline blocks of
 * the classic provider are azure-native resources of their own and become records of them, located
 * at their resource (`viewOf.partOf`): a registry's `georeplications` (`Replication`) and an
 * endpoint's `privateDnsZoneGroup` (`PrivateDnsZoneGroup`).
 *
 * A classic task, task run (`RegistryTaskScheduleRunNow`), agent pool, cache rule, credential set or
 * connected registry is read by classic-deploy-views.ts (the twins of azapi-views.ts taskValues, taskRunValues,
 * agentPoolValues, cacheRuleValues and credentialSetValues).
 */
import {
  AZURE_NATIVE_TYPE_BY_CLASSIC_TYPE,
  currentClassicType,
} from '../../../constructs/model/pulumi-classic-types';
import { REGISTRY_DEFAULTS } from '../../../constructs/model/provider-defaults';
import { isUnknown, unknownBecause, unknownReason } from '../types';
import type { PulumiResourceRecord } from './build';
import { DEPLOY_TYPES } from './deploy-attachments';
import { PULUMI_TYPES as T, listOf, plain, recordOf } from './values';
import { POLICY_STATUS, mapValue, orDefault, part, same, statusOf, view } from './classic-view';
import {
  agentPoolView,
  cacheRuleView,
  connectedRegistryView,
  credentialSetView,
  runNowView,
  taskView,
} from './classic-deploy-views';

/** The retention policy azurerm sets: on with the days when `retentionPolicyInDays` is above 0. */
function retentionPolicy(days: unknown): unknown {
  const v = plain(orDefault(days, REGISTRY_DEFAULTS.retention_policy_in_days));
  if (isUnknown(v)) return v;
  return typeof v === 'number' && v > 0 ? { status: 'enabled', days: v } : { status: 'disabled' };
}

/** `encryption { keyVaultKeyId, identityClientId }` as azure-native's (customer-managed key on). */
function encryptionOf(value: unknown): unknown {
  return mapValue(value, (v) => {
    const e = recordOf(v);
    if (!e) return v;
    return {
      status: 'enabled',
      keyVaultProperties: { keyIdentifier: e.keyVaultKeyId, identity: e.identityClientId },
    };
  });
}

/** `networkRuleSet { defaultAction, ipRules[{ action, ipRange }] }` as azure-native's. */
function networkRuleSetOf(value: unknown): unknown {
  return mapValue(value, (v) => {
    const set = recordOf(v);
    if (!set) return v;
    const rules = plain(set.ipRules);
    return {
      defaultAction: orDefault(set.defaultAction, REGISTRY_DEFAULTS.network_rule_set_default_action),
      ipRules: isUnknown(rules)
        ? rules
        : (listOf(rules) ?? []).map((rule) =>
            mapValue(rule, (x) => ({ action: recordOf(x)?.action, iPAddressOrRange: recordOf(x)?.ipRange })),
          ),
    };
  });
}

function registryView(r: PulumiResourceRecord): PulumiResourceRecord {
  const v = r.inputs;
  const d = REGISTRY_DEFAULTS;
  const arm = v.azureadAuthenticationAsArmPolicyEnabled;
  const policies = {
    quarantinePolicy: {
      status: statusOf(v.quarantinePolicyEnabled, d.quarantine_policy_enabled, POLICY_STATUS),
    },
    trustPolicy: { status: statusOf(v.trustPolicyEnabled, d.trust_policy_enabled, POLICY_STATUS) },
    exportPolicy: { status: statusOf(v.exportPolicyEnabled, d.export_policy_enabled, POLICY_STATUS) },
    retentionPolicy: retentionPolicy(v.retentionPolicyInDays),
    // Absent: Azure's default (on), which azurerm's is too ("Defaults to `true`").
    ...(plain(arm) === undefined
      ? {}
      : { azureADAuthenticationAsArmPolicy: { status: statusOf(arm, true, POLICY_STATUS) } }),
  };
  const replicas = plain(v.georeplications);
  const incomplete = isUnknown(replicas)
    ? {
        replicas: unknownBecause(
          `the georeplications of ${r.urn} are known only after apply${unknownReason(replicas) ? `: ${unknownReason(replicas)}` : ''}`,
        ),
      }
    : undefined;
  return view(
    r,
    T.registry,
    {
      registryName: { value: v.name, from: ['name'] },
      location: same(v, 'location'),
      resourceGroupName: same(v, 'resourceGroupName'),
      sku: { value: mapValue(v.sku, (s) => ({ name: s })), from: ['sku'] },
      adminUserEnabled: { value: orDefault(v.adminEnabled, d.admin_enabled), from: ['adminEnabled'] },
      anonymousPullEnabled: {
        value: orDefault(v.anonymousPullEnabled, d.anonymous_pull_enabled),
        from: ['anonymousPullEnabled'],
      },
      publicNetworkAccess: {
        value: statusOf(v.publicNetworkAccessEnabled, d.public_network_access_enabled),
        from: ['publicNetworkAccessEnabled'],
      },
      networkRuleSet: { value: networkRuleSetOf(v.networkRuleSet), from: ['networkRuleSet'] },
      networkRuleBypassOptions: {
        value: orDefault(v.networkRuleBypassOption, d.network_rule_bypass_option),
        from: ['networkRuleBypassOption'],
      },
      zoneRedundancy: {
        value: statusOf(v.zoneRedundancyEnabled, d.zone_redundancy_enabled),
        from: ['zoneRedundancyEnabled'],
      },
      dataEndpointEnabled: {
        value: orDefault(v.dataEndpointEnabled, d.data_endpoint_enabled),
        from: ['dataEndpointEnabled'],
      },
      policies: {
        value: policies,
        from: [
          'quarantinePolicyEnabled',
          'trustPolicyEnabled',
          'exportPolicyEnabled',
          'retentionPolicyInDays',
          'azureadAuthenticationAsArmPolicyEnabled',
        ],
      },
      encryption: { value: encryptionOf(v.encryption), from: ['encryption'] },
      networkRuleBypassAllowedForTasks: {
        value: v.networkRuleBypassForTasksEnabled,
        from: ['networkRuleBypassForTasksEnabled'],
      },
      roleAssignmentMode: same(v, 'roleAssignmentMode'),
      identity: same(v, 'identity'),
    },
    incomplete,
  );
}

/** A registry's `georeplications` as azure-native replications of it (azurerm's defaults written out). */
function replicationParts(r: PulumiResourceRecord): PulumiResourceRecord[] {
  const list = listOf(r.inputs.georeplications) ?? [];
  const registryDeps = [r.urn, ...(r.propertyDependencies.name ?? [])];
  const locationDeps = r.propertyDependencies.georeplications ?? [];
  return list.map((entry, i) => {
    const g = plain(entry);
    const at = (key: string): unknown => (isUnknown(g) ? g : recordOf(g)?.[key]);
    return part(
      r,
      `georeplications[${i}]`,
      T.replication,
      {
        registryName: r.inputs.name,
        resourceGroupName: r.inputs.resourceGroupName,
        location: at('location'),
        zoneRedundancy: statusOf(
          at('zoneRedundancyEnabled'),
          REGISTRY_DEFAULTS.georeplication_zone_redundancy_enabled,
        ),
        regionEndpointEnabled: orDefault(
          at('regionalEndpointEnabled'),
          REGISTRY_DEFAULTS.georeplication_regional_endpoint_enabled,
        ),
      },
      { registryName: registryDeps, location: locationDeps },
    );
  });
}

function roleAssignmentView(r: PulumiResourceRecord): PulumiResourceRecord {
  const v = r.inputs;
  return view(r, T.roleAssignment, {
    roleAssignmentName: { value: v.name, from: ['name'] },
    scope: same(v, 'scope'),
    roleDefinitionId: same(v, 'roleDefinitionId'),
    // Not an azure-native input: read by pulumiRoleOf as azurerm reads `role_definition_name`.
    roleDefinitionName: same(v, 'roleDefinitionName'),
    principalId: same(v, 'principalId'),
    principalType: same(v, 'principalType'),
    condition: same(v, 'condition'),
    conditionVersion: same(v, 'conditionVersion'),
    description: same(v, 'description'),
  });
}

function roleDefinitionView(r: PulumiResourceRecord): PulumiResourceRecord {
  const v = r.inputs;
  return view(r, T.roleDefinition, {
    roleName: { value: v.name, from: ['name'] },
    roleDefinitionId: same(v, 'roleDefinitionId'),
    scope: same(v, 'scope'),
    description: same(v, 'description'),
    // Same names inside (actions, notActions, dataActions, notDataActions).
    permissions: same(v, 'permissions'),
    assignableScopes: same(v, 'assignableScopes'),
  });
}

function lockView(r: PulumiResourceRecord): PulumiResourceRecord {
  const v = r.inputs;
  return view(r, T.lockByScope, {
    lockName: { value: v.name, from: ['name'] },
    scope: same(v, 'scope'),
    // `CanNotDelete` or `ReadOnly`, as azure-native spells them.
    level: { value: v.lockLevel, from: ['lockLevel'] },
    notes: same(v, 'notes'),
  });
}

/** `enabledLogs[{ category, categoryGroup }]` as azure-native `logs` (each enabled: listed means collected). */
function logsOf(value: unknown): unknown {
  return mapValue(value, (v) =>
    Array.isArray(v)
      ? v.map((entry) =>
          mapValue(entry, (e) => {
            const log = recordOf(e);
            return log ? { category: log.category, categoryGroup: log.categoryGroup, enabled: true } : e;
          }),
        )
      : v,
  );
}

function diagnosticView(r: PulumiResourceRecord): PulumiResourceRecord {
  const v = r.inputs;
  return view(r, T.diagnosticSetting, {
    name: same(v, 'name'),
    resourceUri: { value: v.targetResourceId, from: ['targetResourceId'] },
    workspaceId: { value: v.logAnalyticsWorkspaceId, from: ['logAnalyticsWorkspaceId'] },
    storageAccountId: same(v, 'storageAccountId'),
    eventHubAuthorizationRuleId: {
      value: v.eventhubAuthorizationRuleId,
      from: ['eventhubAuthorizationRuleId'],
    },
    eventHubName: { value: v.eventhubName, from: ['eventhubName'] },
    marketplacePartnerId: { value: v.partnerSolutionId, from: ['partnerSolutionId'] },
    logs: { value: logsOf(v.enabledLogs), from: ['enabledLogs'] },
  });
}

/**
 * `privateServiceConnection` as azure-native's connection lists: a manual connection
 * (`isManualConnection: true`) among the manual ones, which wait for approval; when that flag is
 * not known, the automatic list is unknown and the connection manual (so whether it is is unknown).
 */
function connectionsOf(r: PulumiResourceRecord): { automatic: unknown; manual: unknown } {
  const given = plain(r.inputs.privateServiceConnection);
  if (given === undefined || given === null) return { automatic: undefined, manual: undefined };
  if (isUnknown(given)) return { automatic: given, manual: undefined };
  const c = recordOf(given);
  if (!c) return { automatic: given, manual: undefined };
  const connection = {
    name: c.name,
    privateLinkServiceId: c.privateConnectionResourceId,
    groupIds: c.subresourceNames,
    requestMessage: c.requestMessage,
  };
  const manual = plain(c.isManualConnection);
  if (isUnknown(manual))
    return {
      automatic: unknownBecause(
        `whether the connection of ${r.urn} is manual is known only after apply: ${unknownReason(manual) ?? 'its isManualConnection is unknown'}`,
      ),
      manual: [connection],
    };
  return manual === true ? { automatic: [], manual: [connection] } : { automatic: [connection], manual: [] };
}

function endpointView(r: PulumiResourceRecord): PulumiResourceRecord {
  const v = r.inputs;
  const { automatic, manual } = connectionsOf(r);
  return view(r, T.privateEndpoint, {
    privateEndpointName: { value: v.name, from: ['name'] },
    location: same(v, 'location'),
    resourceGroupName: same(v, 'resourceGroupName'),
    subnet: { value: mapValue(v.subnetId, (id) => ({ id })), from: ['subnetId'] },
    privateLinkServiceConnections: { value: automatic, from: ['privateServiceConnection'] },
    manualPrivateLinkServiceConnections: { value: manual, from: ['privateServiceConnection'] },
  });
}

/** An endpoint's `privateDnsZoneGroup { name, privateDnsZoneIds }` as a zone group of it. */
function zoneGroupParts(r: PulumiResourceRecord): PulumiResourceRecord[] {
  const given = plain(r.inputs.privateDnsZoneGroup);
  if (given === undefined || given === null) return [];
  const group = recordOf(given);
  const ids = isUnknown(given) ? given : plain(group?.privateDnsZoneIds);
  const configs = isUnknown(ids) ? ids : (listOf(ids) ?? []).map((id) => ({ privateDnsZoneId: id }));
  return [
    part(
      r,
      'privateDnsZoneGroup',
      T.privateDnsZoneGroup,
      {
        privateEndpointName: r.inputs.name,
        resourceGroupName: r.inputs.resourceGroupName,
        privateDnsZoneGroupName: group?.name,
        privateDnsZoneConfigs: configs,
      },
      {
        privateEndpointName: [r.urn],
        resourceGroupName: r.propertyDependencies.resourceGroupName ?? [],
        privateDnsZoneConfigs: r.propertyDependencies.privateDnsZoneGroup ?? [],
      },
    ),
  ];
}

function zoneView(r: PulumiResourceRecord): PulumiResourceRecord {
  return view(r, T.privateZone, {
    privateZoneName: { value: r.inputs.name, from: ['name'] },
    resourceGroupName: same(r.inputs, 'resourceGroupName'),
  });
}

function vnetLinkView(r: PulumiResourceRecord): PulumiResourceRecord {
  const v = r.inputs;
  return view(r, T.vnetLink, {
    virtualNetworkLinkName: { value: v.name, from: ['name'] },
    privateZoneName: { value: v.privateDnsZoneName, from: ['privateDnsZoneName'] },
    resourceGroupName: same(v, 'resourceGroupName'),
    virtualNetwork: { value: mapValue(v.virtualNetworkId, (id) => ({ id })), from: ['virtualNetworkId'] },
    registrationEnabled: same(v, 'registrationEnabled'),
  });
}

function webhookView(r: PulumiResourceRecord): PulumiResourceRecord {
  const v = r.inputs;
  return view(r, T.webhook, {
    webhookName: { value: v.name, from: ['name'] },
    registryName: same(v, 'registryName'),
    resourceGroupName: same(v, 'resourceGroupName'),
    location: same(v, 'location'),
    serviceUri: same(v, 'serviceUri'),
    actions: same(v, 'actions'),
    // azurerm: "Defaults to `\"\"`" (every repository) and status `enabled`.
    scope: { value: orDefault(v.scope, ''), from: ['scope'] },
    status: { value: orDefault(v.status, 'enabled'), from: ['status'] },
    customHeaders: same(v, 'customHeaders'),
  });
}

function tokenView(r: PulumiResourceRecord): PulumiResourceRecord {
  const v = r.inputs;
  return view(r, T.token, {
    tokenName: { value: v.name, from: ['name'] },
    registryName: { value: v.containerRegistryName, from: ['containerRegistryName'] },
    resourceGroupName: same(v, 'resourceGroupName'),
    scopeMapId: same(v, 'scopeMapId'),
    // azurerm: `enabled` "Defaults to `true`".
    status: { value: statusOf(v.enabled, true, POLICY_STATUS), from: ['enabled'] },
  });
}

function scopeMapView(r: PulumiResourceRecord): PulumiResourceRecord {
  const v = r.inputs;
  return view(r, T.scopeMap, {
    scopeMapName: { value: v.name, from: ['name'] },
    registryName: { value: v.containerRegistryName, from: ['containerRegistryName'] },
    resourceGroupName: same(v, 'resourceGroupName'),
    actions: same(v, 'actions'),
    description: same(v, 'description'),
  });
}

function resourceGroupView(r: PulumiResourceRecord): PulumiResourceRecord {
  return view(r, 'azure-native:resources:ResourceGroup', {
    resourceGroupName: { value: r.inputs.name, from: ['name'] },
    location: same(r.inputs, 'location'),
  });
}

/** The views of one classic resource (itself, then the parts it holds inline); undefined when not read. */
function viewsOf(r: PulumiResourceRecord): PulumiResourceRecord[] | undefined {
  const type = currentClassicType(r.type);
  if (!Object.hasOwn(AZURE_NATIVE_TYPE_BY_CLASSIC_TYPE, type)) return undefined;
  const as = { ...r, type };
  switch (AZURE_NATIVE_TYPE_BY_CLASSIC_TYPE[type]) {
    case T.registry:
      return [registryView(as), ...replicationParts(as)];
    case T.roleAssignment:
      return [roleAssignmentView(as)];
    case T.roleDefinition:
      return [roleDefinitionView(as)];
    case T.lockByScope:
      return [lockView(as)];
    case T.diagnosticSetting:
      return [diagnosticView(as)];
    case T.privateEndpoint:
      return [endpointView(as), ...zoneGroupParts(as)];
    case T.privateZone:
      return [zoneView(as)];
    case T.vnetLink:
      return [vnetLinkView(as)];
    case T.webhook:
      return [webhookView(as)];
    case T.token:
      return [tokenView(as)];
    case T.scopeMap:
      return [scopeMapView(as)];
    case T.task:
      return [taskView(as)];
    case T.taskRun:
      return [runNowView(as)];
    case DEPLOY_TYPES.agentPool:
      return [agentPoolView(as)];
    case DEPLOY_TYPES.credentialSet:
      return [credentialSetView(as)];
    case DEPLOY_TYPES.cacheRule:
      return [cacheRuleView(as)];
    case T.connectedRegistry:
      return [connectedRegistryView(as)];
    case T.identity:
      return [
        view(as, T.identity, {
          resourceName: { value: as.inputs.name, from: ['name'] },
          resourceGroupName: same(as.inputs, 'resourceGroupName'),
          location: same(as.inputs, 'location'),
        }),
      ];
    default:
      return [resourceGroupView(as)];
  }
}

/**
 * The records of a stack with each classic resource of a type read here replaced by its azure-native
 * view (and the parts it holds inline); the records as they are when there is none.
 */
export function withClassicViews(records: readonly PulumiResourceRecord[]): readonly PulumiResourceRecord[] {
  if (!records.some((r) => r.type.startsWith('azure:'))) return records;
  return records.flatMap((r) => (r.type.startsWith('azure:') ? (viewsOf(r) ?? [r]) : [r]));
}
