/** The scanner webhook of the quarantine pattern removed or no longer sending quarantine events. */
import type { JsonObject, JsonValue, ResourceChange } from '../changes';
import { kindOf } from '../resource-kinds';
import { existsBefore } from './context';
import type { Regression } from './types';

function quarantineWebhook(values: JsonObject | undefined): boolean | undefined {
  if (!values) return undefined;
  const actions = values.actions;
  if (!Array.isArray(actions)) return undefined;
  const status = values.status;
  const disabled = typeof status === 'string' && /^disabled$/i.test(status);
  return actions.includes('quarantine') && !disabled;
}

export function webhookRegressions(resource: ResourceChange): Regression[] {
  if (kindOf(resource.type) !== 'webhook' || !existsBefore(resource)) return [];
  if (quarantineWebhook(resource.before) !== true) return [];
  const why = 'no scanner hears of quarantined images, so nothing scans or releases them';
  if (resource.action === 'delete') {
    return [
      {
        kind: 'quarantine-weakened',
        severity: 'high',
        message: 'scanner webhook (quarantine action) removed',
        before: 'quarantine webhook',
        after: '(removed)',
        why,
      },
    ];
  }
  const after = quarantineWebhook(resource.after);
  if (after !== false) return [];
  const status = resource.after?.status;
  return [
    {
      kind: 'quarantine-weakened',
      severity: 'high',
      message: 'scanner webhook no longer sends quarantine events',
      before: `actions ${listText(resource.before?.actions)}`,
      after: `actions ${listText(resource.after?.actions)}${typeof status === 'string' ? `, ${status}` : ''}`,
      why,
    },
  ];
}

function listText(value: JsonValue | undefined): string {
  return Array.isArray(value) ? value.map(String).join(', ') || '(none)' : '(unknown)';
}
