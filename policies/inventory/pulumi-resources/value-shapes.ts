/**
 * The JSON types of the azure-native inputs the inventory judges, by type token (the input types of
 * `@pulumi/azure-native` 3.x: `containerregistry.Registry`, `network.PrivateEndpoint`, ...; and the
 * classic provider's token password). A Pulumi
 * value has its exact type (strict), a secret is read inside its wrapper.
 */
import type { ValueShapes } from '../value-shapes';
import { PULUMI_TYPES as T } from './values';

const STATUS = { object: { status: 'string' } } as const;
const CONNECTIONS = { blocks: { privateLinkServiceId: 'string', groupIds: 'strings' } } as const;
const LOCK = { level: 'string', scope: 'string' } as const;
/** A webhook's inputs (azure-native's and the classic provider's have the same names). */
const WEBHOOK = {
  registryName: 'string',
  location: 'string',
  serviceUri: 'string',
  actions: 'strings',
  status: 'string',
  scope: 'string',
} as const;

/**
 * A command resource's inputs the inventory reads (`@pulumi/command` 1.x, `local.Command` and
 * `remote.Command`: `create`, `update`, `delete` are `Input<string>`, `environment` is
 * `Input<{[key: string]: Input<string>}>`); see commands.ts.
 */
const COMMAND = { create: 'string', update: 'string', delete: 'string', environment: 'stringMap' } as const;

/** Shapes by type token. */
export const PULUMI_VALUE_SHAPES: Readonly<Record<string, ValueShapes>> = {
  [T.registry]: {
    registryName: 'string',
    location: 'string',
    resourceGroupName: 'string',
    sku: { object: { name: 'string' } },
    adminUserEnabled: 'bool',
    anonymousPullEnabled: 'bool',
    publicNetworkAccess: 'string',
    zoneRedundancy: 'string',
    dataEndpointEnabled: 'bool',
    networkRuleSet: {
      object: { defaultAction: 'string', ipRules: { blocks: { iPAddressOrRange: 'string' } } },
    },
    policies: {
      object: {
        quarantinePolicy: STATUS,
        trustPolicy: STATUS,
        exportPolicy: STATUS,
        azureADAuthenticationAsArmPolicy: STATUS,
        retentionPolicy: { object: { status: 'string', days: 'number' } },
        softDeletePolicy: { object: { status: 'string', retentionDays: 'number' } },
      },
    },
  },
  [T.replication]: { location: 'string', registryName: 'string', zoneRedundancy: 'string' },
  [T.privateEndpoint]: {
    privateLinkServiceConnections: CONNECTIONS,
    manualPrivateLinkServiceConnections: CONNECTIONS,
  },
  [T.privateDnsZoneGroup]: {
    privateDnsZoneConfigs: { blocks: { privateDnsZoneId: 'string' } },
  },
  [T.webhook]: WEBHOOK,
  [T.diagnosticSetting]: {
    resourceUri: 'string',
    workspaceId: 'string',
    storageAccountId: 'string',
    eventHubAuthorizationRuleId: 'string',
    logs: { blocks: { category: 'string', categoryGroup: 'string', enabled: 'bool' } },
  },
  [T.roleAssignment]: {
    scope: 'string',
    roleDefinitionId: 'string',
    principalId: 'string',
    principalType: 'string',
    condition: 'string',
  },
  [T.lockAtResource]: LOCK,
  [T.lockByScope]: LOCK,
  [T.lockAtGroup]: LOCK,
  [T.lockAtSubscription]: LOCK,
  [T.scopeMap]: { registryName: 'string', actions: 'strings' },
  [T.token]: { registryName: 'string', scopeMapId: 'string', status: 'string' },
  [T.connectedRegistry]: { registryName: 'string', connectedRegistryName: 'string', mode: 'string' },
  'command:local:Command': COMMAND,
  'command:remote:Command': COMMAND,
  // The classic provider's resources read as azure-native ones (classic-resources.ts): `@pulumi/azure`
  // 6.40 `*Args` and their nested input types.
  'azure:containerservice/registry:Registry': {
    name: 'string',
    location: 'string',
    resourceGroupName: 'string',
    sku: 'string',
    adminEnabled: 'bool',
    anonymousPullEnabled: 'bool',
    publicNetworkAccessEnabled: 'bool',
    zoneRedundancyEnabled: 'bool',
    dataEndpointEnabled: 'bool',
    exportPolicyEnabled: 'bool',
    quarantinePolicyEnabled: 'bool',
    trustPolicyEnabled: 'bool',
    retentionPolicyInDays: 'number',
    networkRuleBypassOption: 'string',
    networkRuleBypassForTasksEnabled: 'bool',
    azureadAuthenticationAsArmPolicyEnabled: 'bool',
    roleAssignmentMode: 'string',
    networkRuleSet: { object: { defaultAction: 'string', ipRules: { blocks: { ipRange: 'string' } } } },
    georeplications: {
      blocks: { location: 'string', zoneRedundancyEnabled: 'bool', regionalEndpointEnabled: 'bool' },
    },
    encryption: { object: { keyVaultKeyId: 'string', identityClientId: 'string' } },
  },
  'azure:authorization/assignment:Assignment': {
    scope: 'string',
    roleDefinitionId: 'string',
    roleDefinitionName: 'string',
    principalId: 'string',
    principalType: 'string',
    condition: 'string',
  },
  'azure:management/lock:Lock': { scope: 'string', lockLevel: 'string' },
  'azure:monitoring/diagnosticSetting:DiagnosticSetting': {
    targetResourceId: 'string',
    logAnalyticsWorkspaceId: 'string',
    storageAccountId: 'string',
    eventhubAuthorizationRuleId: 'string',
    partnerSolutionId: 'string',
    enabledLogs: { blocks: { category: 'string', categoryGroup: 'string' } },
  },
  'azure:privatelink/endpoint:Endpoint': {
    name: 'string',
    subnetId: 'string',
    privateServiceConnection: {
      object: {
        privateConnectionResourceId: 'string',
        subresourceNames: 'strings',
        isManualConnection: 'bool',
      },
    },
    privateDnsZoneGroup: { object: { name: 'string', privateDnsZoneIds: 'strings' } },
  },
  // The classic webhook's inputs have azure-native's names.
  'azure:containerservice/registryWebhook:RegistryWebhook': WEBHOOK,
  'azure:containerservice/registryToken:RegistryToken': {
    containerRegistryName: 'string',
    scopeMapId: 'string',
    enabled: 'bool',
  },
  'azure:containerservice/registryScopeMap:RegistryScopeMap': {
    containerRegistryName: 'string',
    actions: 'strings',
  },
  'azure:containerservice/registryTask:RegistryTask': {
    containerRegistryId: 'string',
    agentPoolName: 'string',
    enabled: 'bool',
    isSystemTask: 'bool',
    dockerStep: {
      object: { dockerfilePath: 'string', contextPath: 'string', imageNames: 'strings', pushEnabled: 'bool' },
    },
    fileStep: { object: { taskFilePath: 'string', contextPath: 'string' } },
    encodedStep: { object: { taskContent: 'string' } },
    identity: { object: { type: 'string', identityIds: 'strings' } },
  },
  'azure:containerservice/registryTaskScheduleRunNow:RegistryTaskScheduleRunNow': {
    containerRegistryTaskId: 'string',
  },
  'azure:containerservice/registryAgentPool:RegistryAgentPool': {
    containerRegistryName: 'string',
    virtualNetworkSubnetId: 'string',
    tier: 'string',
    instanceCount: 'number',
  },
  'azure:containerservice/registryCacheRule:RegistryCacheRule': {
    containerRegistryId: 'string',
    sourceRepo: 'string',
    targetRepo: 'string',
    credentialSetId: 'string',
  },
  'azure:containerservice/connectedRegistry:ConnectedRegistry': {
    containerRegistryId: 'string',
    name: 'string',
    mode: 'string',
  },
  'azure:containerservice/registryCredentialSet:RegistryCredentialSet': {
    containerRegistryId: 'string',
    loginServer: 'string',
    authenticationCredentials: { object: { usernameSecretId: 'string', passwordSecretId: 'string' } },
  },
  // The classic provider's token password (`@pulumi/azure` 6 containerservice.TokenPassword).
  [T.tokenPassword]: {
    containerRegistryTokenId: 'string',
    password1: { object: { expiry: 'string' } },
    password2: { object: { expiry: 'string' } },
  },
};
