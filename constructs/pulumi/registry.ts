/**
 * A container registry this stack creates, with everything the declaration attaches to it: replicas,
 * private network, grants, tokens, tasks, retention, webhooks, diagnostics and protection.
 */
import * as pulumi from '@pulumi/pulumi';
import { Registry as AcrRegistry } from '@pulumi/azure-native/containerregistry/registry';
import type { RegistryArgs as AcrRegistryArgs } from '@pulumi/azure-native/containerregistry/registry';
import { Replication } from '@pulumi/azure-native/containerregistry/replication';
import { Provider as AzureClassicProvider } from '@pulumi/azure/provider';
import type * as inputs from '@pulumi/azure-native/types/input';
import type { ResolvedRegistry } from '../model/resolve';
import { loginServer } from '../model/names';
import { registryIdentity } from '../model/identity';
import { ownValue } from '../model/lookup';
import type { RegistryAccessSettings } from '../model/roles';
import { RegistryBase } from './access';
import { SigningIdentity } from './signing';
import { PrivateNetwork } from './private-network';
import { RegistryToken } from './tokens';
import { BuildTask, PurgeTask } from './tasks';
import { RegistryWebhook } from './webhooks';
import { AuditDiagnostics, DeleteLock } from './protection';
import type { RegistrySecrets } from './secrets';
import { TaskAgentPool } from './agent-pool';
import { ArtifactCache } from './artifact-cache';
import { EncryptionIdentity } from './encryption';
import type { ArmPropertyGap } from '../model/arm-properties';
import { azureNativeGaps } from '../model/arm-properties';
import { DeclarationError } from '../model/problems';

/** Arguments of a Registry. */
export interface RegistryArgs {
  /** The registry, validated and with its defaults applied (see `defineEstate`). */
  readonly registry: ResolvedRegistry;
  /** Subscription of the built-in role definitions. */
  readonly subscriptionId: pulumi.Input<string>;
  /** Sensitive inputs (Git tokens, webhook headers) read from secret config. @default none */
  readonly secrets?: RegistrySecrets | undefined;
  /**
   * Issue date (`YYYY-MM-DD`) the first rotation of token passwords counts from.
   * @default undefined: the time each password is created
   */
  readonly tokenPasswordsIssuedOn?: string | undefined;
  /**
   * The classic `azure` provider (`@pulumi/azure`) that issues token passwords: azure-native cannot
   * (see tokens.ts). @default one created when a token has a password lifetime, on `subscriptionId`,
   * registering no resource providers (the registry's is registered already); credentials from the
   * `ARM_*` environment or the Azure CLI, as azurerm reads them
   */
  readonly tokenPasswordProvider?: pulumi.ProviderResource | undefined;
  /** The resource group the registry lives in, when this program creates it. @default undefined */
  readonly resourceGroup?: pulumi.Resource;
  /**
   * Registry properties azure-native 3.28 cannot set (`roleAssignmentMode`, `taskNetworkBypass`) that
   * you set once outside Pulumi (`az acr update`, the portal): the component trusts they hold instead of
   * refusing the declaration. The check cannot see them either. @default []
   */
  readonly propertiesSetOutside?: readonly ArmPropertyGap[] | undefined;
}

export type { ArmPropertyGap } from '../model/arm-properties';

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
  readonly access: RegistryAccessSettings;
  /** The Notation signing identity, when the declaration has one. */
  readonly signing?: SigningIdentity;

  constructor(name: string, args: RegistryArgs, opts?: pulumi.ComponentResourceOptions) {
    super('acr-iac:index:Registry', name, {}, opts);
    const r = args.registry;
    refuseAzureNativeGaps(r, args.propertiesSetOutside ?? []);
    this.subscriptionId = args.subscriptionId;
    this.registryName = r.name;
    this.resourceGroupName = r.resourceGroupName;
    this.loginServer = loginServer(r.name);
    const group = args.resourceGroup ? [args.resourceGroup] : [];
    const cmk =
      r.encryption &&
      new EncryptionIdentity(
        `${r.name}-encryption`,
        {
          encryption: r.encryption,
          registryName: r.name,
          resourceGroupName: r.resourceGroupName,
          location: r.location,
          tags: r.tags,
          subscriptionId: args.subscriptionId,
          dependsOn: group,
        },
        { parent: this },
      );
    this.access = { mode: r.roleAssignmentMode, trustPolicy: r.trustPolicy };
    this.resource = new AcrRegistry(r.name, registryArgs(r, cmk), {
      parent: this,
      protect: r.preventDestroy,
      dependsOn: [...group, ...(cmk ? [cmk.keyReader] : [])],
    });
    this.registryId = this.resource.id;
    this.anchor = this.resource;
    const child = { parent: this, dependsOn: [this.resource] };

    const replications = new Map<string, Replication>();
    for (const replica of r.replicas) {
      const replication = new Replication(
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
      replications.set(replica.location, replication);
    }
    if (r.privateDns)
      new PrivateNetwork(
        `${r.name}-private-network`,
        { registry: this, settings: r, replicas: [...replications.values()] },
        child,
      );
    for (const ra of r.roleAssignments)
      this.grantRole(ra.role, ra, ra.repositories === undefined ? {} : { repositories: ra.repositories });
    if (r.signing)
      this.signing = new SigningIdentity(
        `${r.name}-signing`,
        {
          registry: this,
          signing: r.signing,
          location: r.location,
          resourceGroupName: r.resourceGroupName,
          tags: r.tags,
          subscriptionId: args.subscriptionId,
        },
        child,
      );
    const passwordProvider = r.tokens.some((t) => t.passwordLifetimeDays !== undefined)
      ? (args.tokenPasswordProvider ??
        new AzureClassicProvider(
          `${r.name}-token-passwords`,
          { subscriptionId: args.subscriptionId, resourceProviderRegistrations: 'none' },
          { parent: this },
        ))
      : undefined;
    this.tokens = new Map(
      r.tokens.map((token) => [
        token.name,
        new RegistryToken(
          `${r.name}-token-${token.name}`,
          { registry: this, token, issuedOn: args.tokenPasswordsIssuedOn, passwordProvider },
          child,
        ),
      ]),
    );
    const pool =
      r.agentPool &&
      new TaskAgentPool(
        `${r.name}-agent-pool`,
        { registry: this, pool: r.agentPool, location: r.location, tags: r.tags },
        child,
      );
    const route = { network: r.taskNetwork, agentPool: pool?.resource };
    for (const task of r.tasks) {
      const gitToken = task.gitTokenInput ? ownValue(args.secrets?.gitTokens, task.gitTokenInput) : undefined;
      new BuildTask(
        `${r.name}-task-${task.name}`,
        { registry: this, task, location: r.location, tags: r.tags, gitToken, route },
        child,
      );
    }
    for (const purge of r.purges) {
      new PurgeTask(
        `${r.name}-purge-${purge.name}`,
        { registry: this, purge, location: r.location, tags: r.tags, route },
        child,
      );
    }
    for (const webhook of r.webhooks) {
      const headers = webhook.headersInput
        ? ownValue(args.secrets?.webhookHeaders, webhook.headersInput)
        : undefined;
      // One webhook per location (a webhook hears only its region's replica); the home one keeps its URN.
      for (const at of webhook.deployments) {
        const suffix = at.location === r.location ? '' : `-${at.location}`;
        new RegistryWebhook(
          `${r.name}-webhook-${webhook.name}${suffix}`,
          {
            registry: this,
            webhook: { ...webhook, name: at.name },
            location: at.location,
            replica: replications.get(at.location),
            tags: r.tags,
            customHeaders: headers,
          },
          child,
        );
      }
    }
    if (r.credentialSets.length > 0 || r.cacheRules.length > 0) {
      new ArtifactCache(
        `${r.name}-artifact-cache`,
        {
          registry: this,
          credentialSets: r.credentialSets,
          cacheRules: r.cacheRules,
          subscriptionId: args.subscriptionId,
        },
        child,
      );
    }
    if (r.diagnostics) {
      new AuditDiagnostics(`${r.name}-diagnostics`, { registry: this, diagnostics: r.diagnostics }, child);
    }
    if (r.lock) new DeleteLock(`${r.name}-lock`, { registry: this }, child);
    this.registerOutputs({ registryId: this.registryId, loginServer: this.loginServer });
  }
}

function enabled(on: boolean): 'enabled' | 'disabled' {
  return on ? 'enabled' : 'disabled';
}

/**
 * Refuses what azure-native 3.28 cannot deploy (FACTS.md s10), before anything is registered: the
 * declaration error names the ARM property and the way out.
 */
function refuseAzureNativeGaps(r: ResolvedRegistry, setOutside: readonly ArmPropertyGap[]): void {
  const gaps = azureNativeGaps(r).filter((gap) => !setOutside.includes(gap.path));
  if (gaps.length === 0) return;
  throw new DeclarationError(
    gaps.map((gap) => ({
      path: `${r.name}.${gap.path}`,
      message: `@pulumi/azure-native 3.28 cannot set ${gap.property} (its Registry speaks API 2023-01-01-preview, which lacks it)`,
      fix:
        gap.path === 'taskNetworkBypass'
          ? 'run tasks on a dedicated agent pool (agentPool) instead, or deploy this environment with cdktf (azapi)'
          : 'deploy this environment with cdktf (azapi sets it), or set it once with `az acr update --role-assignment-mode` and keep the default here',
    })),
  );
}

/** The azure-native arguments of the registry resource: a mapping, no decisions (resolve.ts made them). */
export function registryArgs(r: ResolvedRegistry, cmk?: EncryptionIdentity): AcrRegistryArgs {
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
          ...armPolicies(r),
        }
      : { exportPolicy: { status: enabled(r.exportEnabled) }, ...armPolicies(r) },
    networkRuleSet: r.networkRules && {
      defaultAction: r.networkRules.defaultAction,
      ipRules: r.networkRules.ipRanges.map((range) => ({ action: 'Allow', iPAddressOrRange: range })),
    },
    identity: cmk ? pulumi.output(cmk.identityId).apply((id) => identityArgs(r, id)) : identityArgs(r),
    encryption: r.encryption &&
      cmk && {
        status: 'enabled',
        keyVaultProperties: { keyIdentifier: r.encryption.keyVaultKeyId, identity: cmk.clientId },
      },
    tags: { ...r.tags },
  };
}

/** The two ARM policies azure-native 3.28 has (FACTS.md s10); soft delete only when declared. */
function armPolicies(r: ResolvedRegistry): {
  azureADAuthenticationAsArmPolicy: { status: string };
  softDeletePolicy?: { status: string; retentionDays: number };
} {
  return {
    azureADAuthenticationAsArmPolicy: { status: enabled(r.armAudienceTokens) },
    ...(r.softDeleteDays > 0 && { softDeletePolicy: { status: 'enabled', retentionDays: r.softDeleteDays } }),
  };
}

type IdentityPropertiesArgs = inputs.containerregistry.IdentityPropertiesArgs;

function identityArgs(r: ResolvedRegistry, keyIdentityId?: string): IdentityPropertiesArgs | undefined {
  const identity = registryIdentity(r, keyIdentityId);
  if (!identity) return undefined;
  const ids = identity.userAssignedIdentityIds;
  return {
    type: identity.type,
    userAssignedIdentities: ids.length > 0 ? Object.fromEntries(ids.map((id) => [id, {}])) : undefined,
  };
}
