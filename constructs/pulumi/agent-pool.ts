/**
 * A dedicated ACR Tasks agent pool in a VNet subnet (Premium): the twin of constructs/cdktf/agent-pool.ts.
 */
import * as pulumi from '@pulumi/pulumi';
import { AgentPool } from '@pulumi/azure-native/containerregistry/agentPool';
import type { ResolvedAgentPool } from '../model/resolve';
import type { IRegistry } from './access';
import { childOf } from './access';

/** Arguments of TaskAgentPool. */
export interface TaskAgentPoolArgs {
  readonly registry: IRegistry;
  readonly pool: ResolvedAgentPool;
  /** Region of the pool (the registry's). */
  readonly location: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** The agent pool (type `acr-iac:index:TaskAgentPool`). */
export class TaskAgentPool extends pulumi.ComponentResource {
  /** The `containerregistry.AgentPool`. */
  readonly resource: AgentPool;

  constructor(name: string, args: TaskAgentPoolArgs, opts?: pulumi.ComponentResourceOptions) {
    super('acr-iac:index:TaskAgentPool', name, {}, opts);
    const { registry, pool } = args;
    this.resource = new AgentPool(
      `${name}-pool`,
      {
        agentPoolName: pool.name,
        registryName: registry.registryName,
        resourceGroupName: registry.resourceGroupName,
        location: args.location,
        tier: pool.tier,
        count: pool.count,
        os: 'Linux',
        virtualNetworkSubnetResourceId: pool.subnetId,
        tags: { ...args.tags },
      },
      childOf(this, registry),
    );
    this.registerOutputs({ agentPoolId: this.resource.id });
  }
}
