/**
 * What a plan's action list and `action_reason` mean, in the engine-neutral words the inventory and
 * the preview share (Terraform's internal/command/jsonplan: `Change.Actions`, `ActionReason`).
 */
import type { PlanAction } from './types';

/** An action as both readers name it (a replacement in either order is one `replace`). */
export type NeutralAction =
  'create' | 'update' | 'replace' | 'delete' | 'no-op' | 'read' | 'import' | 'forget';

/** The order of a replacement. */
export type ReplaceOrder = 'create-before-destroy' | 'delete-before-create';

/** Plain-words reasons for Terraform's `action_reason` values. */
export const ACTION_REASONS: Readonly<Record<string, string>> = {
  replace_because_tainted: 'the object is tainted',
  replace_because_cannot_update: 'cannot be updated in place',
  replace_by_request: 'replacement requested (-replace)',
  replace_by_triggers: 'replace_triggered_by',
  delete_because_no_resource_config: 'no longer in the configuration',
  delete_because_no_module: 'its module is no longer in the configuration',
  delete_because_wrong_repetition: 'count/for_each changed',
  delete_because_count_index: 'count index out of range',
  delete_because_each_key: 'for_each key removed',
  delete_because_no_move_target: 'moved to an address that does not exist',
  read_because_config_unknown: 'configuration known only after apply',
  read_because_dependency_pending: 'depends on a pending change',
  read_because_check_nested: 'read by a check block',
};

/** The reasons of a change in plain words (an unknown reason is shown with its underscores as spaces). */
export function reasonsOf(actionReason: string | undefined): string[] {
  if (actionReason === undefined || actionReason === '') return [];
  return [
    Object.prototype.hasOwnProperty.call(ACTION_REASONS, actionReason)
      ? ACTION_REASONS[actionReason]
      : actionReason.replace(/_/g, ' '),
  ];
}

/** The neutral action of a plan action; `importing` turns a no-op into an import. */
export function neutralAction(
  action: PlanAction,
  importing: boolean,
): {
  readonly action: NeutralAction;
  readonly replaceOrder?: ReplaceOrder;
  readonly reasons: readonly string[];
} {
  switch (action) {
    case 'delete-create':
      return { action: 'replace', replaceOrder: 'delete-before-create', reasons: [] };
    case 'create-delete':
      return { action: 'replace', replaceOrder: 'create-before-destroy', reasons: [] };
    case 'create-forget':
      // jsonplan: a replacement whose old object is forgotten (it stays in Azure, unmanaged).
      return { action: 'create', reasons: ['the previous object is forgotten, not destroyed'] };
    case 'no-op':
      return { action: importing ? 'import' : 'no-op', reasons: [] };
    default:
      return { action, reasons: [] };
  }
}
