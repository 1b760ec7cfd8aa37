/**
 * A Pulumi program for an estate: reads the stack config once (at this edge), picks the environment
 * named by the stack, applies the validated `acr-iac:` overrides, refuses token passwords whose
 * lifetime is already over, and renders it with the components of this folder. Your program (`index.ts` of a Pulumi project) is one line:
 *
 * ```ts
 * export const { loginServer, registryId } = definePulumiProgram(ESTATE);
 * ```
 */
import * as pulumi from '@pulumi/pulumi';
import type { EstateDeclaration } from '../model/declaration';
import { defineEstate } from '../model/estate';
import type { Problem } from '../model/problems';
import { DeclarationError } from '../model/problems';
import type { ResolvedEnvironment } from '../model/resolve';
import { expiredTokenPasswords } from '../model/token-expiry';
import { Environment } from './environment';
import type { RegistrySecrets } from './secrets';
import { CONFIG_NAMESPACE, applyStackConfig, readStackConfig } from './stack-config';

/** Options of the program, for tests. */
export interface ProgramOptions {
  /** Today, for the token expiry check. @default the current date (read here, at the edge) */
  readonly today?: Date | undefined;
}

/** The outputs of the program (become stack outputs). */
export interface ProgramOutputs {
  readonly loginServer: string;
  readonly registryId: pulumi.Output<string>;
}

/**
 * Secret inputs of an environment, read from secret config under their declared names. With
 * `requireTriggerTokens` (an update, not a preview), a task with a source trigger whose Git token is
 * not configured is refused: ACR registers the repository webhook with that token (`az acr task
 * create` refuses a source trigger without one), as the cdktf variable of the same name is required.
 */
export function readSecrets(
  config: pulumi.Config,
  env: ResolvedEnvironment,
  requireTriggerTokens = false,
  stack = env.name,
): RegistrySecrets {
  // Keyed by input names from the declaration: no prototype, so no name finds an inherited entry.
  const gitTokens: Record<string, pulumi.Output<string>> = Object.create(null);
  const missing: Problem[] = [];
  env.registry.tasks.forEach((task, i) => {
    const value = task.gitTokenInput ? config.getSecret(task.gitTokenInput) : undefined;
    if (task.gitTokenInput && value) gitTokens[task.gitTokenInput] = value;
    else if (requireTriggerTokens && task.sourceTrigger && task.gitTokenInput)
      missing.push({
        path: `${env.name}.registry.tasks[${i}].sourceTrigger`,
        message: `task ${task.name} has a source trigger, and Pulumi.${stack}.yaml has no ${CONFIG_NAMESPACE}:${task.gitTokenInput}: ACR registers the repository webhook with that Git token`,
        fix: `pulumi config set --secret ${CONFIG_NAMESPACE}:${task.gitTokenInput} <token>`,
      });
  });
  if (missing.length > 0) throw new DeclarationError(missing);
  const webhookHeaders: Record<string, pulumi.Output<Record<string, string>>> = Object.create(null);
  for (const webhook of env.registry.webhooks) {
    const value = webhook.headersInput
      ? config.getSecretObject<Record<string, string>>(webhook.headersInput)
      : undefined;
    if (webhook.headersInput && value) webhookHeaders[webhook.headersInput] = value;
  }
  return { gitTokens, webhookHeaders };
}

/**
 * Renders the environment of `estate` named by the current stack. Throws DeclarationError when the
 * declaration (with the stack's overrides) is invalid, no environment has the stack's name, or a token
 * password counted from `acr-iac:tokenPasswordsIssuedOn` has expired.
 */
export function definePulumiProgram(estate: EstateDeclaration, options: ProgramOptions = {}): ProgramOutputs {
  const stack = pulumi.getStack();
  const config = new pulumi.Config(CONFIG_NAMESPACE);
  const stackConfig = readStackConfig((key) => config.get(key), stack);
  const resolved = defineEstate(applyStackConfig(estate, stack, stackConfig));
  const env = resolved.environments.find((e) => e.name === stack);
  if (!env) {
    throw new DeclarationError([
      {
        path: `stack ${stack}`,
        message: `no environment is named "${stack}"`,
        fix: `use one of: ${resolved.order.join(', ')} (pulumi stack select <name>)`,
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
    // Refused at an update only: a preview (and acr-iac check under mocks) still shows the stack.
    secrets: readSecrets(config, env, !pulumi.runtime.isDryRun(), stack),
    tokenPasswordsIssuedOn: stackConfig.tokenPasswordsIssuedOn,
    subscriptionId: stackConfig.subscriptionId,
    propertiesSetOutside: stackConfig.propertiesSetOutside,
  });
  return { loginServer: environment.loginServer, registryId: environment.registry.registryId };
}
