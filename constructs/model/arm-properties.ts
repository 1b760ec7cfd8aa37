/**
 * Registry properties the pinned azurerm provider (4.55) lacks, set through ARM. Source:
 * ../shared/FACTS.md section 10; the ARM specs of `Microsoft.ContainerRegistry/registries` as embedded in
 * the azapi provider: 2025-11-01 (GA) has `policies.azureADAuthenticationAsArmPolicy`,
 * `networkRuleBypassAllowedForTasks` and `roleAssignmentMode`; `policies.softDeletePolicy` exists only in
 * the previews (2025-06-01-preview has all four). Microsoft Learn "Recover deleted artifacts with soft
 * delete policy (Preview)": 1-90 days (default 7), every tier, not with geo-replication, not together with
 * the retention policy.
 */
import type { ResolvedRegistry } from './resolve';

/** The Terraform provider that applies them (Microsoft-maintained), pinned. azapi 2.8.0+ embeds both API versions. */
export const AZAPI_PROVIDER = { source: 'Azure/azapi', version: '2.10.0' } as const;

/** GA API version used when soft delete is not declared. */
export const ARM_REGISTRY_API_VERSION = '2025-11-01';

/** Preview API version used when soft delete is declared (the only versions that have it). */
export const ARM_REGISTRY_SOFT_DELETE_API_VERSION = '2025-06-01-preview';

import { DEFAULT_ROLE_ASSIGNMENT_MODE } from './role-directory';
import type { RoleAssignmentMode } from './role-directory';

/** The ARM resource type of a registry. */
export const ARM_REGISTRY_TYPE = 'Microsoft.ContainerRegistry/registries';

/** Soft delete retention range in days. */
export const SOFT_DELETE_DAYS = { min: 1, max: 90 } as const;

export { ROLE_ASSIGNMENT_MODES } from './role-directory';
export type { RoleAssignmentMode } from './role-directory';

/**
 * What Azure does when a property is not set (ARM defaults of a new registry): ARM-audience tokens
 * enabled, no soft delete, no task bypass, legacy registry permissions.
 */
export const REGISTRY_ARM_DEFAULTS = {
  armAudienceTokens: true,
  softDeleteDays: 0,
  taskNetworkBypass: false,
  roleAssignmentMode: DEFAULT_ROLE_ASSIGNMENT_MODE,
} as const;

/** The ARM PATCH that sets these properties: its API version and body (`properties` only). */
export interface RegistryArmPatch {
  readonly apiVersion: string;
  readonly body: {
    readonly properties: {
      readonly policies: {
        readonly azureADAuthenticationAsArmPolicy: { readonly status: 'enabled' | 'disabled' };
        readonly softDeletePolicy?: { readonly status: 'enabled'; readonly retentionDays: number };
      };
      readonly networkRuleBypassAllowedForTasks: boolean;
      readonly roleAssignmentMode: RoleAssignmentMode;
    };
  };
}

/**
 * The PATCH of one registry. Every property is written out (so the output says what is deployed);
 * soft delete only when declared, because only a preview API version knows it.
 */
export function registryArmPatch(r: ResolvedRegistry): RegistryArmPatch {
  const softDelete = r.softDeleteDays > 0;
  return {
    apiVersion: softDelete ? ARM_REGISTRY_SOFT_DELETE_API_VERSION : ARM_REGISTRY_API_VERSION,
    body: {
      properties: {
        policies: {
          azureADAuthenticationAsArmPolicy: { status: r.armAudienceTokens ? 'enabled' : 'disabled' },
          ...(softDelete && { softDeletePolicy: { status: 'enabled', retentionDays: r.softDeleteDays } }),
        },
        networkRuleBypassAllowedForTasks: r.taskNetworkBypass,
        roleAssignmentMode: r.roleAssignmentMode,
      },
    },
  };
}

/** The declaration paths of the properties `@pulumi/azure-native` 3.28 cannot set (see `azureNativeGaps`). */
export const AZURE_NATIVE_GAPS = ['roleAssignmentMode', 'taskNetworkBypass'] as const;

/** A registry property azure-native 3.28 cannot set. */
export type ArmPropertyGap = (typeof AZURE_NATIVE_GAPS)[number];

/**
 * The properties `@pulumi/azure-native` 3.28 cannot set: its `containerregistry.Registry` speaks API
 * 2023-01-01-preview, which has the two policies but neither `networkRuleBypassAllowedForTasks` nor
 * `roleAssignmentMode` (FACTS.md section 10). Empty when the registry keeps their ARM defaults.
 */
export function azureNativeGaps(
  r: ResolvedRegistry,
): { readonly property: string; readonly path: ArmPropertyGap }[] {
  const gaps: { property: string; path: ArmPropertyGap }[] = [];
  if (r.taskNetworkBypass !== REGISTRY_ARM_DEFAULTS.taskNetworkBypass)
    gaps.push({ property: 'networkRuleBypassAllowedForTasks', path: 'taskNetworkBypass' });
  if (r.roleAssignmentMode !== REGISTRY_ARM_DEFAULTS.roleAssignmentMode)
    gaps.push({ property: 'roleAssignmentMode', path: 'roleAssignmentMode' });
  return gaps;
}
