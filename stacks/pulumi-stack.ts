/**
 * The Pulumi program as a function: reads config once (at this edge), picks the environment named by
 * the stack from the same definitions the cdktf app renders (stacks/environments.ts), and renders it
 * with the components of constructs/pulumi. `pulumi-program.ts` calls it for `pulumi up`;
 * `acr-iac check --pulumi` and the tests call it under mocks.
 */
import * as pulumi from '@pulumi/pulumi';
import { defineEstate } from '../constructs/model/estate';
import { DeclarationError } from '../constructs/model/problems';
import type { ResolvedEnvironment } from '../constructs/model/resolve';
import { Environment } from '../constructs/pulumi/environment';
import type { RegistrySecrets } from '../constructs/pulumi/secrets';
import { ESTATE } from './environments';
import { CONFIG_NAMESPACE, applyStackConfig, readStackConfig } from './pulumi-config';
import { expiredTokenPasswords } from '../constructs/model/token-expiry';

/** Options of the program, for tests. */
export interface ProgramOptions {
  /** Today, for the token expiry check. @default the current date (read here, at the edge) */
  readonly today?: Date;
}

/** The outputs of the program (become stack outputs). */
export interface ProgramOutputs {
  readonly loginServer: string;
  readonly registryId: pulumi.Output<string>;
}

/** Secret inputs of an environment, read from secret config under their declared names. */
export function readSecrets(config: pulumi.Config, env: ResolvedEnvironment): RegistrySecrets {
  // Keyed by input names from the declaration: no prototype, so no name finds an inherited entry.
  const gitTokens: Record<string, pulumi.Output<string>> = Object.create(null);
  for (const task of env.registry.tasks) {
    const value = task.gitTokenInput ? config.getSecret(task.gitTokenInput) : undefined;
    if (task.gitTokenInput && value) gitTokens[task.gitTokenInput] = value;
  }
  const webhookHeaders: Record<string, pulumi.Output<Record<string, string>>> = Object.create(null);
  for (const webhook of env.registry.webhooks) {
    const value = webhook.headersInput
      ? config.getSecretObject<Record<string, string>>(webhook.headersInput)
      : undefined;
    if (webhook.headersInput && value) webhookHeaders[webhook.headersInput] = value;
  }
  return { gitTokens, webhookHeaders };
}

/** Renders the environment named by the current stack. */
export function definePulumiProgram(options: ProgramOptions = {}): ProgramOutputs {
  const stack = pulumi.getStack();
  const config = new pulumi.Config(CONFIG_NAMESPACE);
  const stackConfig = readStackConfig((key) => config.get(key), stack);
  const estate = defineEstate(applyStackConfig(ESTATE, stack, stackConfig));
  const env = estate.environments.find((e) => e.name === stack);
  if (!env) {
    throw new DeclarationError([
      {
        path: `stack ${stack}`,
        message: `no environment is named "${stack}"`,
        fix: `use one of: ${estate.order.join(', ')} (pulumi stack select <name>)`,
      },
    ]);
  }
  const issuedOn = stackConfig.tokenPasswordsIssuedOn;
  if (issuedOn !== undefined) {
    const expired = expiredTokenPasswords(
      env.registry,
      issuedOn,
      options.today ?? new Date(),
      `${env.name}.registry`,
      `Pulumi.${stack}.yaml ${CONFIG_NAMESPACE}:tokenPasswordsIssuedOn`,
    );
    if (expired.length > 0) throw new DeclarationError(expired);
  }
  const environment = new Environment(stack, {
    environment: env,
    secrets: readSecrets(config, env),
    tokenPasswordsIssuedOn: stackConfig.tokenPasswordsIssuedOn,
    subscriptionId: stackConfig.subscriptionId,
  });
  return { loginServer: environment.loginServer, registryId: environment.registry.registryId };
}
