/**
 * Diagnostic settings by category group. Source: ../shared/FACTS.md section 10 and the Azure Policy
 * built-ins for resource logs (187242f4 "Resource logs should be enabled for Audit", 56288eb2 "Enable
 * logging by category group ... to Log Analytics"), which look for `categoryGroup` `audit` or `allLogs`.
 * For a registry both groups hold ContainerRegistryLoginEvents and ContainerRegistryRepositoryEvents.
 */

/** Category groups of a registry's resource logs. */
export const DIAGNOSTIC_CATEGORY_GROUPS = ['audit', 'allLogs'] as const;

/** A category group. */
export type DiagnosticCategoryGroup = (typeof DIAGNOSTIC_CATEGORY_GROUPS)[number];

/** Name of the diagnostic setting the stacks create (kept from the first release: a new name replaces it). */
export const DIAGNOSTIC_SETTING_NAME = 'audit-to-log-analytics';
