/**
 * Audit diagnostics and the delete lock of a registry.
 */
import { Construct } from 'constructs';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { DIAGNOSTIC_SETTING_NAME } from '../model/diagnostics';
import type { ResolvedDiagnostics } from '../model/resolve';
import type { IRegistry } from './registry-base';

/** Properties of AuditDiagnostics. */
export interface AuditDiagnosticsProps {
  readonly registry: IRegistry;
  /** Category group and destinations. */
  readonly diagnostics: ResolvedDiagnostics;
}

/**
 * Sends the registry's resource logs by category group (`audit` or `allLogs`) and its metrics to Log
 * Analytics, storage and/or Event Hub.
 */
export class AuditDiagnostics extends Construct {
  constructor(scope: Construct, id: string, props: AuditDiagnosticsProps) {
    super(scope, id);
    const d = props.diagnostics;
    new MonitorDiagnosticSetting(this, 'setting', {
      name: DIAGNOSTIC_SETTING_NAME,
      targetResourceId: props.registry.registryId,
      ...(d.logAnalyticsWorkspaceId !== undefined && { logAnalyticsWorkspaceId: d.logAnalyticsWorkspaceId }),
      ...(d.storageAccountId !== undefined && { storageAccountId: d.storageAccountId }),
      ...(d.eventHubAuthorizationRuleId !== undefined && {
        eventhubAuthorizationRuleId: d.eventHubAuthorizationRuleId,
      }),
      ...(d.eventHubName !== undefined && { eventhubName: d.eventHubName }),
      enabledLog: [{ categoryGroup: d.categoryGroup }],
      enabledMetric: [{ category: 'AllMetrics' }],
    });
  }
}

/** Properties of DeleteLock. */
export interface DeleteLockProps {
  readonly registry: IRegistry;
}

/** A CanNotDelete lock: the registry (and its images) cannot be deleted until the lock is removed. */
export class DeleteLock extends Construct {
  constructor(scope: Construct, id: string, props: DeleteLockProps) {
    super(scope, id);
    new ManagementLock(this, 'lock', {
      name: `lock-${props.registry.registryName}`,
      scope: props.registry.registryId,
      lockLevel: 'CanNotDelete',
      notes: 'Managed by acr-iac: protected environment. Remove deliberately before deleting the registry.',
    });
  }
}
