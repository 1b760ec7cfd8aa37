/**
 * A container registry this stack creates, with everything the declaration attaches to it.
 */
import type { Construct } from 'constructs';
import { ContainerRegistry } from '@cdktf/provider-azurerm/lib/container-registry';
import type { ResolvedRegistry } from '../model/resolve';
import { loginServer } from '../model/names';
import { registryIdentity } from '../model/identity';
import type { RegistryAccessSettings } from '../model/roles';
import { RegistryBase } from './registry-base';
import { SigningIdentity } from './signing';
import { PrivateNetwork } from './private-network';
import { RegistryToken } from './tokens';
import { BuildTask, PurgeTask } from './tasks';
import { RegistryWebhook } from './webhooks';
import { AuditDiagnostics, DeleteLock } from './protection';
import { RegistryArmProperties } from './arm-properties';
import { TaskAgentPool } from './agent-pool';
import { ArtifactCache } from './artifact-cache';
import { EncryptionIdentity } from './encryption';

/** Properties of a Registry. */
export interface RegistryProps {
  /** The registry, validated and with its defaults applied (see `defineEstate`). */
  readonly registry: ResolvedRegistry;
}

/**
 * An Azure Container Registry with its replicas, private network, grants, tokens, tasks, retention,
 * webhooks, diagnostics and protection.
 */
export class Registry extends RegistryBase {
  readonly registryId: string;
  readonly registryName: string;
  readonly registryNameReference: string;
  readonly resourceGroupName: string;
  readonly loginServer: string;
  /** The underlying `azurerm_container_registry` resource (escape hatch). */
  readonly resource: ContainerRegistry;
  /** Tokens by name. */
  readonly tokens: ReadonlyMap<string, RegistryToken>;
  /** The ARM-only registry properties (`azapi_update_resource`). */
  readonly armProperties: RegistryArmProperties;
  readonly access: RegistryAccessSettings;
  /** The Notation signing identity, when the declaration has one. */
  readonly signing?: SigningIdentity;

  constructor(scope: Construct, id: string, props: RegistryProps) {
    super(scope, id);
    const r = props.registry;
    const cmk =
      r.encryption &&
      new EncryptionIdentity(this, 'encryption', {
        encryption: r.encryption,
        registryName: r.name,
        resourceGroupName: r.resourceGroupName,
        location: r.location,
        tags: r.tags,
      });
    this.resource = new ContainerRegistry(this, 'registry', {
      ...registryConfig(r, cmk),
      ...(cmk && { dependsOn: [cmk.keyReader] }),
    });
    this.registryId = this.resource.id;
    this.registryName = r.name;
    this.registryNameReference = this.resource.name;
    this.resourceGroupName = r.resourceGroupName;
    this.loginServer = loginServer(r.name);
    this.armProperties = new RegistryArmProperties(this, 'arm-properties', { registry: this, settings: r });
    this.access = { mode: r.roleAssignmentMode, trustPolicy: r.trustPolicy };

    if (r.privateDns) new PrivateNetwork(this, 'private-network', { registry: this, settings: r });
    for (const ra of r.roleAssignments)
      this.grantRole(ra.role, ra, ra.repositories === undefined ? {} : { repositories: ra.repositories });
    if (r.signing)
      this.signing = new SigningIdentity(this, 'signing', {
        registry: this,
        signing: r.signing,
        location: r.location,
        resourceGroupName: r.resourceGroupName,
        tags: r.tags,
      });
    this.tokens = new Map(
      r.tokens.map((t) => [t.name, new RegistryToken(this, `token-${t.name}`, { registry: this, token: t })]),
    );
    const pool =
      r.agentPool &&
      new TaskAgentPool(this, 'agent-pool', {
        registry: this,
        pool: r.agentPool,
        location: r.location,
        tags: r.tags,
      });
    const route = { network: r.taskNetwork, agentPool: pool?.resource };
    for (const task of r.tasks)
      new BuildTask(this, `task-${task.name}`, { registry: this, task, tags: r.tags, route });
    for (const purge of r.purges)
      new PurgeTask(this, `purge-${purge.name}`, { registry: this, purge, tags: r.tags, route });
    for (const webhook of r.webhooks) {
      // One webhook per location: a webhook only hears its own region's replica (FACTS.md s10). The home
      // one keeps its construct ID, so adding replicas never replaces it.
      for (const at of webhook.deployments) {
        const suffix = at.location === r.location ? '' : `-${at.location}`;
        new RegistryWebhook(this, `webhook-${webhook.name}${suffix}`, {
          registry: this,
          webhook: { ...webhook, name: at.name },
          location: at.location,
          tags: r.tags,
        });
      }
    }
    if (r.credentialSets.length > 0 || r.cacheRules.length > 0)
      new ArtifactCache(this, 'artifact-cache', {
        registry: this,
        credentialSets: r.credentialSets,
        cacheRules: r.cacheRules,
      });
    if (r.diagnostics)
      new AuditDiagnostics(this, 'diagnostics', { registry: this, diagnostics: r.diagnostics });
    if (r.lock) new DeleteLock(this, 'lock', { registry: this });
  }
}

function registryConfig(
  r: ResolvedRegistry,
  cmk: EncryptionIdentity | undefined,
): ConstructorParameters<typeof ContainerRegistry>[2] {
  const premium = r.sku === 'Premium';
  return {
    name: r.name,
    resourceGroupName: r.resourceGroupName,
    location: r.location,
    sku: r.sku,
    adminEnabled: r.adminEnabled,
    // Every setting is written out, so the output says what will be deployed without provider defaults.
    publicNetworkAccessEnabled: r.publicNetworkAccess,
    anonymousPullEnabled: r.anonymousPull,
    networkRuleBypassOption: r.bypassAzureServices ? 'AzureServices' : 'None',
    zoneRedundancyEnabled: r.zoneRedundancy,
    exportPolicyEnabled: r.exportEnabled,
    // Premium-only flags are omitted below Premium, where azurerm rejects them even when false.
    ...(premium && {
      dataEndpointEnabled: r.dataEndpoints,
      quarantinePolicyEnabled: r.quarantine,
      trustPolicyEnabled: r.trustPolicy,
      retentionPolicyInDays: r.retentionDays,
    }),
    ...(r.networkRules && {
      networkRuleSet: [
        {
          defaultAction: r.networkRules.defaultAction,
          ipRule: r.networkRules.ipRanges.map((ipRange) => ({ action: 'Allow', ipRange })),
        },
      ],
    }),
    georeplications: r.replicas.map((replica) => ({
      location: replica.location,
      zoneRedundancyEnabled: replica.zoneRedundancy,
      regionalEndpointEnabled: replica.regionalEndpoint,
      tags: { ...r.tags, ...replica.tags },
    })),
    ...identityConfig(r, cmk?.identityId),
    ...(r.encryption &&
      cmk && {
        encryption: [{ keyVaultKeyId: r.encryption.keyVaultKeyId, identityClientId: cmk.clientId }],
      }),
    tags: r.tags,
    ...(r.preventDestroy && { lifecycle: { preventDestroy: true } }),
  };
}

function identityConfig(
  r: ResolvedRegistry,
  keyIdentityId: string | undefined,
): { identity?: { type: string; identityIds?: string[] } } {
  const identity = registryIdentity(r, keyIdentityId);
  if (!identity) return {};
  const ids = identity.userAssignedIdentityIds;
  return { identity: { type: identity.type, ...(ids.length > 0 && { identityIds: [...ids] }) } };
}
