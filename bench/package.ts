/**
 * The compiled package, as the installed CLI runs it: `dist/`, which `npm run bench` builds first.
 * The in-process check benchmarks time it rather than the TypeScript sources under tsx, whose
 * transpiled modules reach every imported function through a getter (check of the hand-written
 * root module ran about 18% slower that way). Typed by the sources the build comes from.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type * as Policies from '../policies';

/** Where the compiled policies are. */
const COMPILED_POLICIES = path.join(__dirname, '..', 'dist', 'policies', 'index.js');

/** The compiled `acr-iac/policies`; refuses to run on sources that were never built. */
export function compiledPolicies(): typeof Policies {
  if (!existsSync(COMPILED_POLICIES))
    throw new Error(
      `${path.relative(process.cwd(), COMPILED_POLICIES)} is missing: run \`npm run build\` first`,
    );
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(COMPILED_POLICIES) as typeof Policies;
}
