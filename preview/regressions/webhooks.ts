/**
 * The scanner webhook of the quarantine pattern removed or no longer sending quarantine events, in
 * every engine's spelling: azurerm, classic and azure-native `actions` / `status`, an azapi body's
 * `properties.actions` / `properties.status` (Microsoft.ContainerRegistry/registries/webhooks). A
 * webhook whose actions or status cannot be read may have been, or may stop being, the scanner's.
 */
import type { ResourceChange } from '../changes';
import type { ReadValue } from '../resource-kinds';
import { attributeOf, changeKind, UNREADABLE } from '../resource-kinds';
import { existsBefore } from './context';
import type { Regression } from './types';

const ACTIONS = { azurerm: 'actions', arm: 'actions' } as const;
const STATUS = { azurerm: 'status', arm: 'status' } as const;

/** True when one side of a webhook sends quarantine events; UNREADABLE when it does not tell. */
function quarantineWebhook(resource: ResourceChange, side: 'before' | 'after'): boolean | typeof UNREADABLE {
  const actions = attributeOf(resource, side, ACTIONS);
  const status = attributeOf(resource, side, STATUS);
  if (!Array.isArray(actions) || status === UNREADABLE) return UNREADABLE;
  // Absent, the status is Enabled (azurerm's default, the REST spec's).
  if (status !== undefined && status !== null && typeof status !== 'string') return UNREADABLE;
  const disabled = typeof status === 'string' && /^disabled$/i.test(status);
  return actions.includes('quarantine') && !disabled;
}

const WHY = 'no scanner hears of quarantined images, so nothing scans or releases them';

export function webhookRegressions(resource: ResourceChange): Regression[] {
  if (changeKind(resource) !== 'webhook' || !existsBefore(resource)) return [];
  const before = quarantineWebhook(resource, 'before');
  if (before === false) return [];
  const may = before === UNREADABLE;
  if (resource.action === 'delete') {
    return [
      {
        kind: 'quarantine-weakened',
        severity: 'high',
        message: may
          ? 'webhook removed whose actions cannot be read: it may be the scanner webhook (quarantine action)'
          : 'scanner webhook (quarantine action) removed',
        before: may ? 'unknown actions' : 'quarantine webhook',
        after: '(removed)',
        why: WHY,
      },
    ];
  }
  const after = quarantineWebhook(resource, 'after');
  if (after === true || (may && after === UNREADABLE)) return [];
  return [
    {
      kind: 'quarantine-weakened',
      severity: 'high',
      message:
        after === UNREADABLE
          ? 'scanner webhook changes to actions or a status that cannot be read: it may no longer send quarantine events'
          : may
            ? 'webhook may have stopped sending quarantine events: what it sent before cannot be read'
            : 'scanner webhook no longer sends quarantine events',
      before: `actions ${listText(attributeOf(resource, 'before', ACTIONS))}`,
      after: `actions ${listText(attributeOf(resource, 'after', ACTIONS))}${statusText(attributeOf(resource, 'after', STATUS))}`,
      why: WHY,
    },
  ];
}

function listText(value: ReadValue): string {
  return Array.isArray(value) ? value.map(String).join(', ') || '(none)' : '(unknown)';
}

function statusText(value: ReadValue): string {
  return typeof value === 'string' ? `, ${value}` : value === UNREADABLE ? ', status unknown' : '';
}
