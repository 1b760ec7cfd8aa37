/**
 * A registry managed elsewhere (another stack, another repository), looked up by name, so it can be
 * granted to and imported from like one this stack creates.
 */
import type * as pulumi from '@pulumi/pulumi';
import { getRegistryOutput } from '@pulumi/azure-native/containerregistry/getRegistry';
import { loginServer } from '../model/names';
import type { RoleAssignmentMode } from '../model/role-directory';
import { DEFAULT_ROLE_ASSIGNMENT_MODE } from '../model/role-directory';
import type { RegistryAccessSettings } from '../model/roles';
import { RegistryBase } from './access';

/** Where to find an existing registry. */
export interface RegistryReferenceArgs {
  /** Registry name. */
  readonly name: string;
  /** Resource group of the registry. */
  readonly resourceGroupName: string;
  /** Subscription of role definitions granted on it. */
  readonly subscriptionId: pulumi.Input<string>;
  /** The registry's role assignment permissions mode; grants follow it. @default 'LegacyRegistryPermissions' */
  readonly roleAssignmentMode?: RoleAssignmentMode;
  /** True when the registry has Docker Content Trust on (grantSign then assigns AcrImageSigner). @default false */
  readonly trustPolicy?: boolean;
}

/** An existing registry, read with `containerregistry.getRegistry`. */
export class RegistryReference extends RegistryBase {
  readonly registryId: pulumi.Output<string>;
  readonly registryName: string;
  readonly resourceGroupName: string;
  readonly loginServer: string;
  protected readonly subscriptionId: pulumi.Input<string>;
  readonly access: RegistryAccessSettings;

  constructor(name: string, args: RegistryReferenceArgs, opts?: pulumi.ComponentResourceOptions) {
    super('acr-iac:index:RegistryReference', name, {}, opts);
    this.subscriptionId = args.subscriptionId;
    this.registryName = args.name;
    this.resourceGroupName = args.resourceGroupName;
    this.loginServer = loginServer(args.name);
    this.access = {
      mode: args.roleAssignmentMode ?? DEFAULT_ROLE_ASSIGNMENT_MODE,
      trustPolicy: args.trustPolicy ?? false,
    };
    this.registryId = getRegistryOutput(
      { registryName: args.name, resourceGroupName: args.resourceGroupName },
      { parent: this },
    ).apply((registry) => registry.id);
    this.registerOutputs({ registryId: this.registryId, loginServer: this.loginServer });
  }
}
