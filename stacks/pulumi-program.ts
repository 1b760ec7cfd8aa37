/**
 * The Pulumi program (`pulumi up -s <env>`, see Pulumi.yaml): the environment named by the stack, from
 * stacks/environments.ts. The exports are the stack outputs.
 */
import { definePulumiProgram } from './pulumi-stack';

const outputs = definePulumiProgram();

/** Login server of the registry, e.g. `contosoacrprod.azurecr.io`. */
export const loginServer = outputs.loginServer;
/** ARM resource ID of the registry. */
export const registryId = outputs.registryId;
