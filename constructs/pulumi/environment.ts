/**
 * One environment as one Pulumi stack: the resource group, the registry with everything attached, and
 * the promotion hop from the previous environment.
 */
import * as pulumi from '@pulumi/pulumi';
import { ResourceGroup } from '@pulumi/azure-native/resources/resourceGroup';
import { getClientConfigOutput } from '@pulumi/azure-native/authorization/getClientConfig';
import type { ResolvedEnvironment } from '../model/resolve';
import { Registry } from './registry';
import { PromotionHop } from './promotion';
import type { RegistrySecrets } from './secrets';
import type { ArmPropertyGap } from './registry';

/** Arguments of Environment. */
export interface EnvironmentArgs {
  /** The environment, validated and resolved (see `defineEstate`). */
  readonly environment: ResolvedEnvironment;
  /** Secret inputs read from config at the program's edge. @default none */
  readonly secrets?: RegistrySecrets | undefined;
  /**
   * Issue date the first token password rotation counts from (`YYYY-MM-DD`); see `RegistryArgs`.
   * @default undefined: creation time
   */
  readonly tokenPasswordsIssuedOn?: string | undefined;
  /** Subscription of the role definitions. @default the subscription of the provider's credentials */
  readonly subscriptionId?: pulumi.Input<string> | undefined;
  /** Registry properties set outside Pulumi; see `RegistryArgs.propertiesSetOutside`. @default [] */
  readonly propertiesSetOutside?: readonly ArmPropertyGap[] | undefined;
  /** The classic provider that issues token passwords; see `RegistryArgs.tokenPasswordProvider`. */
  readonly tokenPasswordProvider?: pulumi.ProviderResource | undefined;
}

/** The resources of one environment (type `acr-iac:index:Environment`). */
export class Environment extends pulumi.ComponentResource {
  /** The environment's registry. */
  readonly registry: Registry;
  /** The promotion hop into this environment, if it has a predecessor. */
  readonly promotion?: PromotionHop;
  /** Login server of the registry. */
  readonly loginServer: string;

  constructor(name: string, args: EnvironmentArgs, opts?: pulumi.ComponentResourceOptions) {
    super('acr-iac:index:Environment', name, {}, opts);
    const env = args.environment;
    const subscriptionId = args.subscriptionId ?? getClientConfigOutput({ parent: this }).subscriptionId;
    const group = new ResourceGroup(
      env.resourceGroupName,
      { resourceGroupName: env.resourceGroupName, location: env.location, tags: { ...env.registry.tags } },
      { parent: this, protect: env.protected },
    );
    this.registry = new Registry(
      `${name}-registry`,
      {
        registry: env.registry,
        subscriptionId,
        secrets: args.secrets,
        tokenPasswordsIssuedOn: args.tokenPasswordsIssuedOn,
        resourceGroup: group,
        propertiesSetOutside: args.propertiesSetOutside,
        tokenPasswordProvider: args.tokenPasswordProvider,
      },
      { parent: this },
    );
    if (env.promotion) {
      this.promotion = new PromotionHop(
        `${name}-promotion`,
        {
          target: this.registry,
          promotion: env.promotion,
          location: env.location,
          resourceGroupName: env.resourceGroupName,
          tags: env.registry.tags,
          subscriptionId,
          importerRole: env.registry.importerRole,
        },
        { parent: this, dependsOn: [group] },
      );
    }
    this.loginServer = this.registry.loginServer;
    this.registerOutputs({ loginServer: this.loginServer, registryId: this.registry.registryId });
  }
}
