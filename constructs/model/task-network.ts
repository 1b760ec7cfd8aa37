/**
 * How ACR Tasks reach their registry. Source: ../shared/FACTS.md section 10 and Microsoft Learn "Manage
 * network bypass policy for tasks" (since 2025-06-01 a task on the shared pool that authenticates with
 * its system-assigned identity is denied, 403, by a network-restricted registry unless the registry
 * sets `networkRuleBypassAllowedForTasks`) and "Run an ACR task on a dedicated agent pool" (Premium;
 * tiers S1, S2, S3, I6; agents run in a VNet subnet and reach the registry over its private endpoint).
 */

/** Dedicated agent pool tiers (agent sizes). */
export const AGENT_POOL_TIERS = ['S1', 'S2', 'S3', 'I6'] as const;

/** An agent pool tier. */
export type AgentPoolTier = (typeof AGENT_POOL_TIERS)[number];

/** Agent pool names (ARM `agentPools` name: 3-20, `^[a-zA-Z0-9-]*$`). */
export const AGENT_POOL_NAME = {
  pattern: /^[a-zA-Z0-9-]{3,20}$/,
  description: '3-20 letters, digits or hyphens',
} as const;

/** How a task gets to its registry. */
export type TaskRoute =
  /** The registry's network is open: the shared pool reaches it. */
  | 'open'
  /** The task runs on a dedicated agent pool inside the VNet. */
  | 'agent-pool'
  /** The registry lets tasks bypass its network rules and the task signs in with its identity. */
  | 'bypass'
  /** None of these: every run is denied (403). */
  | 'blocked';

/** What decides a task's route. */
export interface TaskNetworkFacts {
  /** True when public access is off, or on with the network default action `Deny`. */
  readonly restricted: boolean;
  /** True when the task names a dedicated agent pool. */
  readonly agentPool: boolean;
  /** `networkRuleBypassAllowedForTasks` of the registry. */
  readonly bypassAllowed: boolean;
  /** True when the task has a system-assigned identity (the identity the bypass admits). */
  readonly systemIdentity: boolean;
}

/** The route a task takes to its registry; `blocked` means it never runs. */
export function taskRoute(facts: TaskNetworkFacts): TaskRoute {
  if (!facts.restricted) return 'open';
  if (facts.agentPool) return 'agent-pool';
  return facts.bypassAllowed && facts.systemIdentity ? 'bypass' : 'blocked';
}

/** True when the registry's network keeps the shared task pool out. */
export function isNetworkRestricted(
  publicNetworkAccess: boolean,
  defaultAction: string | undefined,
): boolean {
  return !publicNetworkAccess || defaultAction === 'Deny';
}

/** How to fix a blocked task, in one sentence (validation, rules and the preview say the same). */
export const BLOCKED_TASK_FIX =
  'run it on a dedicated agent pool in the VNet (declaration: agentPool) or allow the task network bypass (taskNetworkBypass: true, the task then signs in with its system-assigned identity)';
