/**
 * Sensitive inputs of a registry's components. The program reads them from secret config once, at its
 * edge; components only pass them on, so they stay Pulumi secrets end to end.
 */
import type * as pulumi from '@pulumi/pulumi';

/** Secret values by the input names of the declaration (`gitTokenInput`, `headersInput`). */
export interface RegistrySecrets {
  /** Git access tokens by input name (e.g. `build_app_git_token`). @default {} */
  readonly gitTokens?: Readonly<Record<string, pulumi.Output<string>>>;
  /** Webhook custom headers by input name (e.g. `scanner_webhook_headers`). @default {} */
  readonly webhookHeaders?: Readonly<Record<string, pulumi.Output<Record<string, string>>>>;
}
