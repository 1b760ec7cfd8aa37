/**
 * Which posture and enforcement an environment is judged with, and why, in words every report
 * prints: from `--posture`, the configuration, the environment's place in the estate's chain, or the
 * default for an environment the chain does not know (with a notice). Pure: no I/O.
 */
import type { Enforcement } from '../constructs/model/declaration';
import type { PolicyConfig } from './config';
import { enforcementOf, postureOf } from './config';
import type { EnvironmentOrigin } from './inventory/input-notes';
import { ownValue } from './lookup';
import type { Posture } from './rules/types';

/** How an environment is judged, and why. */
export interface PostureStatement {
  readonly posture: Posture;
  /** Why this posture, e.g. `last environment of the chain dev -> staging -> prod`. */
  readonly postureFrom: string;
  readonly enforcement: Enforcement;
  /** Why this enforcement, e.g. `set in the estate declaration`. */
  readonly enforcementFrom: string;
  /** How the environment was decided, e.g. `--env prod`, `stacks/prod/`, `file name prod.json`. */
  readonly environmentFrom: string;
  /** True when the environment is one of the chain. */
  readonly inChain: boolean;
  /** A notice for the reader, when the environment is outside the chain or was not named. */
  readonly notice?: string;
}

function chainText(config: PolicyConfig): string {
  return config.order.join(' -> ');
}

function postureReason(config: PolicyConfig, environment: string): string {
  if (config.postureOverride) return 'set for every environment by --posture';
  if (ownValue(config.postures, environment)) return `configured for ${environment}`;
  const index = config.order.indexOf(environment);
  if (index < 0) return `the strictest, for an environment outside the chain ${chainText(config)}`;
  if (index === config.order.length - 1)
    return config.order.length === 1
      ? 'the only environment of the chain'
      : `last environment of the chain ${chainText(config)}`;
  if (index === 0) return `first environment of the chain ${chainText(config)}`;
  return `between the first and the last environment of the chain ${chainText(config)}`;
}

function enforcementReason(config: PolicyConfig, environment: string): string {
  if (ownValue(config.enforcement, environment))
    return `configured for ${environment} (the estate declaration)`;
  const index = config.order.indexOf(environment);
  if (index < 0) return 'mandatory for an environment outside the chain';
  return index === 0 && config.order.length > 1
    ? 'advisory in the first environment of the chain'
    : 'mandatory after the first environment of the chain';
}

/** The statement of how `environment` is judged; `origin` is how the input named it. */
export function postureStatement(
  config: PolicyConfig,
  environment: string,
  origin: EnvironmentOrigin | undefined,
): PostureStatement {
  const inChain = config.order.includes(environment);
  const environmentFrom = origin?.detail ?? 'the input';
  let notice: string | undefined;
  if (origin?.from === 'default')
    notice = `no environment was named, so the strictest posture applies; pass --env <name> or --posture to choose how it is judged`;
  else if (!inChain)
    notice = `environment "${environment}" (from ${environmentFrom}) is not in the estate's chain ${chainText(config)}; pass --env <name> or --posture to choose how it is judged`;
  return {
    posture: postureOf(config, environment),
    postureFrom: postureReason(config, environment),
    enforcement: enforcementOf(config, environment),
    enforcementFrom: enforcementReason(config, environment),
    environmentFrom,
    inChain,
    ...(notice ? { notice } : {}),
  };
}
