/**
 * The closed sets of values declaration properties accept, each from the provider that receives it.
 * `declaration.ts` spells the same sets as union types; the assertions at the end keep both equal.
 */
import type {
  DockerStepDeclaration,
  Enforcement,
  FileStepDeclaration,
  NetworkRulesDeclaration,
  SourceTriggerDeclaration,
  TaskDeclaration,
} from './declaration';

/** How policy findings gate an environment (this project's own setting). */
export const ENFORCEMENTS = ['advisory', 'mandatory'] as const;

/**
 * Operating systems of an ACR Task run. Source: azurerm `azurerm_container_registry_task`
 * (`platform.os`: `Windows`, `Linux`, case-sensitive) and the ARM `OS` enum.
 */
export const TASK_OS = ['Linux', 'Windows'] as const;

/**
 * Source control systems of a task's source trigger. Source: azurerm `azurerm_container_registry_task`
 * (`source_trigger.source_type`: `Github`, `VisualStudioTeamService`).
 */
export const SOURCE_CONTROL_TYPES = ['Github', 'VisualStudioTeamService'] as const;

/**
 * Events of a task's source trigger. Source: azurerm `azurerm_container_registry_task`
 * (`source_trigger.events`: `commit`, `pullrequest`).
 */
export const SOURCE_TRIGGER_EVENTS = ['commit', 'pullrequest'] as const;

/** Kinds of task step the declaration knows. */
export const TASK_STEP_TYPES = ['docker', 'file'] as const;

/**
 * What happens to traffic no IP rule matches. Source: azurerm `network_rule_set.default_action` and
 * ARM `DefaultAction` (`Allow`, `Deny`).
 */
export const NETWORK_DEFAULT_ACTIONS = ['Allow', 'Deny'] as const;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type Member<T extends readonly unknown[]> = T[number];

/** Compile-time proof that every list above is exactly the union declaration.ts spells. */
export type EnumsMatchDeclaration = [
  Assert<Same<Member<typeof ENFORCEMENTS>, Enforcement>>,
  Assert<Same<Member<typeof TASK_OS>, NonNullable<TaskDeclaration['os']>>>,
  Assert<Same<Member<typeof SOURCE_CONTROL_TYPES>, NonNullable<SourceTriggerDeclaration['sourceType']>>>,
  Assert<Same<Member<typeof SOURCE_TRIGGER_EVENTS>, NonNullable<SourceTriggerDeclaration['events']>[number]>>,
  Assert<Same<Member<typeof TASK_STEP_TYPES>, DockerStepDeclaration['type'] | FileStepDeclaration['type']>>,
  Assert<Same<Member<typeof NETWORK_DEFAULT_ACTIONS>, NonNullable<NetworkRulesDeclaration['defaultAction']>>>,
];
