/**
 * A registry managed elsewhere (another stack, another repository), looked up by name, so it can be
 * granted to and imported from like one this stack creates.
 */
import type * as pulumi from '@pulumi/pulumi';
import { getRegistryOutput } from '@pulumi/azure-native/containerregistry/getRegistry';
import { loginServer } from '../model/names';
import { RegistryBase } from './access';

/** Where to find an existing registry. */
export interface RegistryReferenceArgs {
  /** Registry name. */
  readonly name: string;
  /** Resource group of the registry. */
  readonly resourceGroupName: string;
  /** Subscription of role definitions granted on it. */
  readonly subscriptionId: pulumi.Input<string>;
}

/** An existing registry, read with `containerregistry.getRegistry`. */
export class RegistryReference extends RegistryBase {
  readonly registryId: pulumi.Output<string>;
  readonly registryName: string;
  readonly resourceGroupName: string;
  readonly loginServer: string;
  protected readonly subscriptionId: pulumi.Input<string>;

  constructor(name: string, args: RegistryReferenceArgs, opts?: pulumi.ComponentResourceOptions) {
    super('acr-iac:index:RegistryReference', name, {}, opts);
    this.subscriptionId = args.subscriptionId;
    this.registryName = args.name;
    this.resourceGroupName = args.resourceGroupName;
    this.loginServer = loginServer(args.name);
    this.registryId = getRegistryOutput(
      { registryName: args.name, resourceGroupName: args.resourceGroupName },
      { parent: this },
    ).apply((registry) => registry.id);
    this.registerOutputs({ registryId: this.registryId, loginServer: this.loginServer });
  }
}
