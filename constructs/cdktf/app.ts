/**
 * The cdktf app of an estate: one stack per environment, in promotion order.
 */
import { App } from 'cdktf';
import type { ResolvedEstate } from '../model/resolve';
import { EnvironmentStack } from './environment-stack';

/**
 * Builds the app for a resolved estate; call `synth()` on the result to write `outdir`
 * (default: what the cdktf CLI asks for through CDKTF_OUTDIR, else `cdktf.out`).
 */
export function buildApp(estate: ResolvedEstate, outdir?: string): { app: App; stacks: EnvironmentStack[] } {
  const app = new App({ ...(outdir !== undefined && { outdir }), hclOutput: false });
  const stacks = estate.environments.map(
    (environment) => new EnvironmentStack(app, { environment, backend: estate.backend }),
  );
  return { app, stacks };
}
