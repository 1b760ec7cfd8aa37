/**
 * A container registry this stack creates, with everything the declaration attaches to it.
 */
import type { Construct } from 'constructs';
import { ContainerRegistry } from '@cdktf/provider-azurerm/lib/container-registry';
import type { ResolvedRegistry } from '../model/resolve';
import { loginServer } from '../model/names';
import { RegistryBase } from './registry-base';
import { PrivateNetwork } from './private-network';
import { RegistryToken } from './tokens';
import { BuildTask, PurgeTask } from './tasks';
import { RegistryWebhook } from './webhooks';
import { AuditDiagnostics, DeleteLock } from './protection';

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
  readonly resourceGroupName: string;
  readonly loginServer: string;
  /** The underlying `azurerm_container_registry` resource (escape hatch). */
  readonly resource: ContainerRegistry;
  /** Tokens by name. */
  readonly tokens: ReadonlyMap<string, RegistryToken>;

  constructor(scope: Construct, id: string, props: RegistryProps) {
    super(scope, id);
    const r = props.registry;
    this.resource = new ContainerRegistry(this, 'registry', registryConfig(r));
    this.registryId = this.resource.id;
    this.registryName = r.name;
    this.resourceGroupName = r.resourceGroupName;
    this.loginServer = loginServer(r.name);

    if (r.privateDns) new PrivateNetwork(this, 'private-network', { registry: this, settings: r });
    for (const ra of r.roleAssignments) this.grantRole(ra.role, ra);
    this.tokens = new Map(
      r.tokens.map((t) => [t.name, new RegistryToken(this, `token-${t.name}`, { registry: this, token: t })]),
    );
    for (const task of r.tasks)
      new BuildTask(this, `task-${task.name}`, { registry: this, task, tags: r.tags });
    for (const purge of r.purges)
      new PurgeTask(this, `purge-${purge.name}`, { registry: this, purge, tags: r.tags });
    for (const webhook of r.webhooks) {
      new RegistryWebhook(this, `webhook-${webhook.name}`, {
        registry: this,
        webhook,
        location: r.location,
        tags: r.tags,
      });
    }
    if (r.diagnostics)
      new AuditDiagnostics(this, 'diagnostics', {
        registry: this,
        workspaceId: r.diagnostics.logAnalyticsWorkspaceId,
      });
    if (r.lock) new DeleteLock(this, 'lock', { registry: this });
  }
}

function registryConfig(r: ResolvedRegistry): ConstructorParameters<typeof ContainerRegistry>[2] {
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
    ...identityConfig(r),
    ...(r.encryption && {
      encryption: [
        { keyVaultKeyId: r.encryption.keyVaultKeyId, identityClientId: r.encryption.identityClientId },
      ],
    }),
    tags: r.tags,
    ...(r.preventDestroy && { lifecycle: { preventDestroy: true } }),
  };
}

function identityConfig(r: ResolvedRegistry): { identity?: { type: string; identityIds?: string[] } } {
  const { systemAssigned, userAssignedIdentityIds } = r.identity;
  const user = userAssignedIdentityIds.length > 0;
  if (!systemAssigned && !user) return {};
  const type =
    systemAssigned && user
      ? 'SystemAssigned, UserAssigned'
      : systemAssigned
        ? 'SystemAssigned'
        : 'UserAssigned';
  return { identity: { type, ...(user && { identityIds: [...userAssignedIdentityIds] }) } };
}
