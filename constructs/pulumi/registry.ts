/**
 * A container registry this stack creates, with everything the declaration attaches to it: replicas,
 * private network, grants, tokens, tasks, retention, webhooks, diagnostics and protection.
 */
import type * as pulumi from '@pulumi/pulumi';
import { Registry as AcrRegistry } from '@pulumi/azure-native/containerregistry/registry';
import type { RegistryArgs as AcrRegistryArgs } from '@pulumi/azure-native/containerregistry/registry';
import { Replication } from '@pulumi/azure-native/containerregistry/replication';
import type { ResolvedRegistry } from '../model/resolve';
import { loginServer } from '../model/names';
import { RegistryBase } from './access';
import { PrivateNetwork } from './private-network';
import { RegistryToken } from './tokens';
import { BuildTask, PurgeTask } from './tasks';
import { RegistryWebhook } from './webhooks';
import { AuditDiagnostics, DeleteLock } from './protection';
import type { RegistrySecrets } from './secrets';

/** Arguments of a Registry. */
export interface RegistryArgs {
  /** The registry, validated and with its defaults applied (see `defineEstate`). */
  readonly registry: ResolvedRegistry;
  /** Subscription of the built-in role definitions. */
  readonly subscriptionId: pulumi.Input<string>;
  /** Sensitive inputs (Git tokens, webhook headers) read from secret config. @default none */
  readonly secrets?: RegistrySecrets | undefined;
  /**
   * Issue date (`YYYY-MM-DD`) the expiry of token passwords counts from, so the expiry is
   * deterministic. Required when a token declares `passwordLifetimeDays`. @default undefined
   */
  readonly tokenPasswordsIssuedOn?: string | undefined;
  /** The resource group the registry lives in, when this program creates it. @default undefined */
  readonly resourceGroup?: pulumi.Resource;
}

/** An Azure Container Registry and everything attached to it (type `acr-iac:index:Registry`). */
export class Registry extends RegistryBase {
  readonly registryId: pulumi.Output<string>;
  readonly registryName: string;
  readonly resourceGroupName: string;
  readonly loginServer: string;
  override readonly anchor: pulumi.Resource;
  protected readonly subscriptionId: pulumi.Input<string>;
  /** The underlying `containerregistry.Registry` (escape hatch). */
  readonly resource: AcrRegistry;
  /** Tokens by name. */
  readonly tokens: ReadonlyMap<string, RegistryToken>;

  constructor(name: string, args: RegistryArgs, opts?: pulumi.ComponentResourceOptions) {
    super('acr-iac:index:Registry', name, {}, opts);
    const r = args.registry;
    this.subscriptionId = args.subscriptionId;
    this.registryName = r.name;
    this.resourceGroupName = r.resourceGroupName;
    this.loginServer = loginServer(r.name);
    this.resource = new AcrRegistry(r.name, registryArgs(r), {
      parent: this,
      protect: r.preventDestroy,
      dependsOn: args.resourceGroup ? [args.resourceGroup] : [],
    });
    this.registryId = this.resource.id;
    this.anchor = this.resource;
    const child = { parent: this, dependsOn: [this.resource] };

    for (const replica of r.replicas) {
      new Replication(
        `${r.name}-${replica.location}`,
        {
          replicationName: replica.location,
          registryName: r.name,
          resourceGroupName: r.resourceGroupName,
          location: replica.location,
          zoneRedundancy: replica.zoneRedundancy ? 'Enabled' : 'Disabled',
          regionEndpointEnabled: replica.regionalEndpoint,
          tags: { ...r.tags, ...replica.tags },
        },
        child,
      );
    }
    if (r.privateDns) new PrivateNetwork(`${r.name}-private-network`, { registry: this, settings: r }, child);
    for (const ra of r.roleAssignments) this.grantRole(ra.role, ra);
    this.tokens = new Map(
      r.tokens.map((token) => [
        token.name,
        new RegistryToken(
          `${r.name}-token-${token.name}`,
          { registry: this, token, issuedOn: args.tokenPasswordsIssuedOn },
          child,
        ),
      ]),
    );
    for (const task of r.tasks) {
      const gitToken = task.gitTokenInput ? args.secrets?.gitTokens?.[task.gitTokenInput] : undefined;
      new BuildTask(
        `${r.name}-task-${task.name}`,
        { registry: this, task, location: r.location, tags: r.tags, gitToken },
        child,
      );
    }
    for (const purge of r.purges) {
      new PurgeTask(
        `${r.name}-purge-${purge.name}`,
        { registry: this, purge, location: r.location, tags: r.tags },
        child,
      );
    }
    for (const webhook of r.webhooks) {
      const headers = webhook.headersInput ? args.secrets?.webhookHeaders?.[webhook.headersInput] : undefined;
      new RegistryWebhook(
        `${r.name}-webhook-${webhook.name}`,
        { registry: this, webhook, location: r.location, tags: r.tags, customHeaders: headers },
        child,
      );
    }
    if (r.diagnostics) {
      new AuditDiagnostics(
        `${r.name}-diagnostics`,
        { registry: this, workspaceId: r.diagnostics.logAnalyticsWorkspaceId },
        child,
      );
    }
    if (r.lock) new DeleteLock(`${r.name}-lock`, { registry: this }, child);
    this.registerOutputs({ registryId: this.registryId, loginServer: this.loginServer });
  }
}

function enabled(on: boolean): 'enabled' | 'disabled' {
  return on ? 'enabled' : 'disabled';
}

/** The azure-native arguments of the registry resource: a mapping, no decisions (resolve.ts made them). */
export function registryArgs(r: ResolvedRegistry): AcrRegistryArgs {
  const premium = r.sku === 'Premium';
  return {
    registryName: r.name,
    resourceGroupName: r.resourceGroupName,
    location: r.location,
    sku: { name: r.sku },
    adminUserEnabled: r.adminEnabled,
    anonymousPullEnabled: r.anonymousPull,
    // Every setting is written out, so the graph says what will be deployed without provider defaults.
    publicNetworkAccess: r.publicNetworkAccess ? 'Enabled' : 'Disabled',
    networkRuleBypassOptions: r.bypassAzureServices ? 'AzureServices' : 'None',
    zoneRedundancy: r.zoneRedundancy ? 'Enabled' : 'Disabled',
    // Premium-only settings are omitted below Premium, where ARM rejects them (FACTS.md s1).
    ...(premium && { dataEndpointEnabled: r.dataEndpoints }),
    policies: premium
      ? {
          quarantinePolicy: { status: enabled(r.quarantine) },
          trustPolicy: { status: enabled(r.trustPolicy), type: 'Notary' },
          retentionPolicy:
            r.retentionDays > 0 ? { status: 'enabled', days: r.retentionDays } : { status: 'disabled' },
          exportPolicy: { status: enabled(r.exportEnabled) },
        }
      : { exportPolicy: { status: enabled(r.exportEnabled) } },
    networkRuleSet: r.networkRules && {
      defaultAction: r.networkRules.defaultAction,
      ipRules: r.networkRules.ipRanges.map((range) => ({ action: 'Allow', iPAddressOrRange: range })),
    },
    identity: identityArgs(r),
    encryption: r.encryption && {
      status: 'enabled',
      keyVaultProperties: {
        keyIdentifier: r.encryption.keyVaultKeyId,
        identity: r.encryption.identityClientId,
      },
    },
    tags: { ...r.tags },
  };
}

function identityArgs(r: ResolvedRegistry): AcrRegistryArgs['identity'] {
  const { systemAssigned, userAssignedIdentityIds } = r.identity;
  const user = userAssignedIdentityIds.length > 0;
  if (!systemAssigned && !user) return undefined;
  const type: 'SystemAssigned' | 'UserAssigned' | 'SystemAssigned, UserAssigned' =
    systemAssigned && user
      ? 'SystemAssigned, UserAssigned'
      : systemAssigned
        ? 'SystemAssigned'
        : 'UserAssigned';
  return {
    type,
    userAssignedIdentities: user
      ? Object.fromEntries(userAssignedIdentityIds.map((id) => [id, {}]))
      : undefined,
  };
}
