/**
 * Audit diagnostics and the delete lock of a registry.
 */
import { Construct } from 'constructs';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { DIAGNOSTIC_LOG_CATEGORIES } from '../model/provider-defaults';
import type { IRegistry } from './registry-base';

/** Properties of AuditDiagnostics. */
export interface AuditDiagnosticsProps {
  readonly registry: IRegistry;
  /** Log Analytics workspace resource ID. */
  readonly workspaceId: string;
}

/** Sends repository and login events (and metrics) to Log Analytics. */
export class AuditDiagnostics extends Construct {
  constructor(scope: Construct, id: string, props: AuditDiagnosticsProps) {
    super(scope, id);
    new MonitorDiagnosticSetting(this, 'setting', {
      name: 'audit-to-log-analytics',
      targetResourceId: props.registry.registryId,
      logAnalyticsWorkspaceId: props.workspaceId,
      enabledLog: DIAGNOSTIC_LOG_CATEGORIES.map((category) => ({ category })),
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
