/**
 * The sample's Pulumi program as a function: the library's program over the estate of
 * stacks/environments.ts. `pulumi-program.ts` calls it for `pulumi up`; the tests call it under mocks.
 */
import type { ProgramOptions, ProgramOutputs } from '../constructs/pulumi/program';
import { definePulumiProgram as programOf } from '../constructs/pulumi/program';
import { ESTATE } from './environments';

export type { ProgramOptions, ProgramOutputs } from '../constructs/pulumi/program';

/** Renders the environment of the sample estate named by the current stack. */
export function definePulumiProgram(options: ProgramOptions = {}): ProgramOutputs {
  return programOf(ESTATE, options);
}
