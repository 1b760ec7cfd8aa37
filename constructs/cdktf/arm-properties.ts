/**
 * The registry properties azurerm 4.55 cannot set (ARM-audience tokens, soft delete, task network bypass,
 * role assignment mode), applied by one `azapi_update_resource` on the registry. The model decides the
 * API version and body.
 */
import { Construct } from 'constructs';
import { ARM_REGISTRY_TYPE, registryArmPatch } from '../model/arm-properties';
import type { ResolvedRegistry } from '../model/resolve';
import type { IRegistry } from './registry-base';
import { AzapiUpdateResource } from './azapi';

/** Properties of RegistryArmProperties. */
export interface RegistryArmPropertiesProps {
  readonly registry: IRegistry;
  readonly settings: ResolvedRegistry;
}

/** Sets the ARM-only registry properties. */
export class RegistryArmProperties extends Construct {
  /** The `azapi_update_resource`. */
  readonly resource: AzapiUpdateResource;

  constructor(scope: Construct, id: string, props: RegistryArmPropertiesProps) {
    super(scope, id);
    const patch = registryArmPatch(props.settings);
    this.resource = new AzapiUpdateResource(this, 'update', {
      type: `${ARM_REGISTRY_TYPE}@${patch.apiVersion}`,
      resourceId: props.registry.registryId,
      body: patch.body,
    });
  }
}
