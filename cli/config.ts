/**
 * The acr-iac configuration of a repository, typed for `acr-iac.config.ts`:
 *
 * ```ts
 * import { defineConfig } from 'acr-iac';
 * export default defineConfig({ estate: './estate.ts' });
 * ```
 *
 * The same can be declared as the `"acr-iac"` key of package.json: `{ "estate": "estate.ts" }`.
 */
import type { EstateDeclaration } from '../constructs/model/declaration';

/** What a repository declares to acr-iac. */
export interface AcrIacConfig {
  /**
   * The estate: the path of a module exporting `ESTATE` (an EstateDeclaration), relative to the file
   * that declares it, or (in a config module) the declaration itself.
   */
  readonly estate: string | EstateDeclaration;
}

/** Types a config module's default export; returns it unchanged. */
export function defineConfig(config: AcrIacConfig): AcrIacConfig {
  return config;
}
