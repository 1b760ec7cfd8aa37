/**
 * A registry managed elsewhere (another stack, another repository), looked up by name.
 */
import type { Construct } from 'constructs';
import { DataAzurermContainerRegistry } from '@cdktf/provider-azurerm/lib/data-azurerm-container-registry';
import { loginServer } from '../model/names';
import { RegistryBase } from './registry-base';

/** Where to find an existing registry. */
export interface RegistryReferenceProps {
  /** Registry name. */
  readonly name: string;
  /** Resource group of the registry. */
  readonly resourceGroupName: string;
}

/** An existing registry, read through the `azurerm_container_registry` data source. */
export class RegistryReference extends RegistryBase {
  readonly registryId: string;
  readonly registryName: string;
  readonly resourceGroupName: string;
  readonly loginServer: string;

  constructor(scope: Construct, id: string, props: RegistryReferenceProps) {
    super(scope, id);
    const data = new DataAzurermContainerRegistry(this, 'registry', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
    });
    this.registryId = data.id;
    this.registryName = props.name;
    this.resourceGroupName = props.resourceGroupName;
    this.loginServer = loginServer(props.name);
  }
}
