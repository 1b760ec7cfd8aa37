/**
 * acr-iac: declare an Azure Container Registry estate once; deploy it with cdktf or Pulumi, check what
 * will be deployed, preview plans in pull requests. This root entry is engine-free: the model
 * (declaration types, validation, defaults, facts about ACR) and `defineConfig`. The engines and tools
 * have subpaths of their own: `acr-iac/cdktf`, `acr-iac/pulumi`, `acr-iac/policies`,
 * `acr-iac/crossguard`, `acr-iac/preview` (and `acr-iac/model` for the model alone).
 */
export * from './constructs/model';
export { defineConfig } from './cli/config';
export type { AcrIacConfig } from './cli/config';
