/**
 * Audit diagnostics and the delete lock of a registry.
 */
import * as pulumi from '@pulumi/pulumi';
import { DiagnosticSetting } from '@pulumi/azure-native/monitor/diagnosticSetting';
import { ManagementLockAtResourceLevel } from '@pulumi/azure-native/authorization/managementLockAtResourceLevel';
import { DIAGNOSTIC_SETTING_NAME } from '../model/diagnostics';
import type { ResolvedDiagnostics } from '../model/resolve';
import type { IRegistry } from './access';
import { childOf } from './access';

/** ARM API version of `Microsoft.ContainerRegistry/registries` the lock addresses (FACTS.md s6). */
const REGISTRY_API_VERSION = '2023-01-01-preview';

/** Arguments of AuditDiagnostics. */
export interface AuditDiagnosticsArgs {
  readonly registry: IRegistry;
  /** Category group and destinations. */
  readonly diagnostics: ResolvedDiagnostics;
}

/**
 * Sends resource logs by category group (and metrics) to Log Analytics, storage and/or Event Hub (type
 * `acr-iac:index:AuditDiagnostics`).
 */
export class AuditDiagnostics extends pulumi.ComponentResource {
  constructor(name: string, args: AuditDiagnosticsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('acr-iac:index:AuditDiagnostics', name, {}, opts);
    const d = args.diagnostics;
    new DiagnosticSetting(
      `${name}-setting`,
      {
        name: DIAGNOSTIC_SETTING_NAME,
        resourceUri: args.registry.registryId,
        workspaceId: d.logAnalyticsWorkspaceId,
        storageAccountId: d.storageAccountId,
        eventHubAuthorizationRuleId: d.eventHubAuthorizationRuleId,
        eventHubName: d.eventHubName,
        logs: [{ categoryGroup: d.categoryGroup, enabled: true }],
        metrics: [{ category: 'AllMetrics', enabled: true }],
      },
      childOf(this, args.registry),
    );
    this.registerOutputs({});
  }
}

/** Arguments of DeleteLock. */
export interface DeleteLockArgs {
  readonly registry: IRegistry;
}

/** A CanNotDelete lock on the registry (type `acr-iac:index:DeleteLock`). */
export class DeleteLock extends pulumi.ComponentResource {
  constructor(name: string, args: DeleteLockArgs, opts?: pulumi.ComponentResourceOptions) {
    super('acr-iac:index:DeleteLock', name, {}, opts);
    new ManagementLockAtResourceLevel(
      `${name}-lock`,
      {
        lockName: `lock-${args.registry.registryName}`,
        level: 'CanNotDelete',
        notes: 'Managed by acr-iac: protected environment. Remove deliberately before deleting the registry.',
        resourceGroupName: args.registry.resourceGroupName,
        resourceProviderNamespace: 'Microsoft.ContainerRegistry',
        parentResourcePath: '',
        resourceType: 'registries',
        resourceName: args.registry.registryName,
        apiVersion: REGISTRY_API_VERSION,
      },
      childOf(this, args.registry),
    );
    this.registerOutputs({});
  }
}
