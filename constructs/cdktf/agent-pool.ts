/**
 * A dedicated ACR Tasks agent pool in a VNet subnet (Premium): tasks on a registry whose network keeps
 * the shared pool out run here and reach the registry over its private endpoint.
 */
import { Construct } from 'constructs';
import { ContainerRegistryAgentPool } from '@cdktf/provider-azurerm/lib/container-registry-agent-pool';
import type { ResolvedAgentPool } from '../model/resolve';
import type { IRegistry } from './registry-base';

/** Properties of TaskAgentPool. */
export interface TaskAgentPoolProps {
  readonly registry: IRegistry;
  readonly pool: ResolvedAgentPool;
  /** Region of the pool (the registry's). */
  readonly location: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** The agent pool. */
export class TaskAgentPool extends Construct {
  /** The `azurerm_container_registry_agent_pool`. */
  readonly resource: ContainerRegistryAgentPool;

  constructor(scope: Construct, id: string, props: TaskAgentPoolProps) {
    super(scope, id);
    const { registry, pool } = props;
    this.resource = new ContainerRegistryAgentPool(this, 'pool', {
      name: pool.name,
      containerRegistryName: registry.registryNameReference,
      resourceGroupName: registry.resourceGroupName,
      location: props.location,
      tier: pool.tier,
      instanceCount: pool.count,
      virtualNetworkSubnetId: pool.subnetId,
      tags: { ...props.tags },
    });
  }
}
