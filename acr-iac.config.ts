/**
 * This repository's own acr-iac config: the sample estate of stacks/, declared the way a consumer's
 * repository declares its own (`npx acr-iac synth` finds this file; see cli/estate.ts).
 */
import { defineConfig } from './cli/config';

export default defineConfig({ estate: './stacks/environments.ts' });
