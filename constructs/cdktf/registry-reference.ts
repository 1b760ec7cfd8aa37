/**
 * A registry managed elsewhere (another stack, another repository), looked up by name.
 */
import type { Construct } from 'constructs';
import { DataAzurermContainerRegistry } from '@cdktf/provider-azurerm/lib/data-azurerm-container-registry';
import { loginServer } from '../model/names';
import type { RoleAssignmentMode } from '../model/role-directory';
import { DEFAULT_ROLE_ASSIGNMENT_MODE } from '../model/role-directory';
import type { RegistryAccessSettings } from '../model/roles';
import { RegistryBase } from './registry-base';

/** Where to find an existing registry. */
export interface RegistryReferenceProps {
  /** Registry name. */
  readonly name: string;
  /** Resource group of the registry. */
  readonly resourceGroupName: string;
  /** The registry's role assignment permissions mode; grants follow it. @default 'LegacyRegistryPermissions' */
  readonly roleAssignmentMode?: RoleAssignmentMode;
  /** True when the registry has Docker Content Trust on (grantSign then assigns AcrImageSigner). @default false */
  readonly trustPolicy?: boolean;
}

/** An existing registry, read through the `azurerm_container_registry` data source. */
export class RegistryReference extends RegistryBase {
  readonly registryId: string;
  readonly registryName: string;
  readonly registryNameReference: string;
  readonly resourceGroupName: string;
  readonly loginServer: string;
  readonly access: RegistryAccessSettings;

  constructor(scope: Construct, id: string, props: RegistryReferenceProps) {
    super(scope, id);
    const data = new DataAzurermContainerRegistry(this, 'registry', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
    });
    this.registryId = data.id;
    this.registryName = props.name;
    this.registryNameReference = data.name;
    this.resourceGroupName = props.resourceGroupName;
    this.loginServer = loginServer(props.name);
    this.access = {
      mode: props.roleAssignmentMode ?? DEFAULT_ROLE_ASSIGNMENT_MODE,
      trustPolicy: props.trustPolicy ?? false,
    };
  }
}
