/**
 * Webhooks that weaken protection, in every engine's spelling: azurerm, classic and azure-native
 * `actions` / `status` / `service_uri` (`serviceUri`), an azapi body's `properties.actions`,
 * `properties.status`, `properties.serviceUri` (Microsoft.ContainerRegistry/registries/webhooks).
 * The scanner webhook of the quarantine pattern removed or no longer sending quarantine events (a
 * webhook whose actions or status cannot be read may have been, or may stop being, the scanner's);
 * a webhook of a promotion target moved from https to another scheme (ACR-020). The redaction keeps a
 * URI's scheme only (`preview/redact.ts`).
 */
import type { ResourceChange } from '../changes';
import { URI_SCHEME } from '../redact';
import type { ReadValue } from '../resource-kinds';
import { attributeOf, changeKind, UNREADABLE } from '../resource-kinds';
import type { Context } from './context';
import { existsAfter, existsBefore } from './context';
import type { Regression } from './types';

const ACTIONS = { azurerm: 'actions', arm: 'actions' } as const;
const STATUS = { azurerm: 'status', arm: 'status' } as const;
const SERVICE_URI = { azurerm: 'service_uri', arm: 'serviceUri' } as const;
const SCOPE = { azurerm: 'scope', arm: 'scope' } as const;

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

export function webhookRegressions(resource: ResourceChange, context: Context): Regression[] {
  if (changeKind(resource) !== 'webhook' || !existsBefore(resource)) return [];
  return [...quarantineRegressions(resource), ...(context.target ? schemeRegressions(resource) : [])];
}

function quarantineRegressions(resource: ResourceChange): Regression[] {
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
  if (after === true) return before === true ? scopeRegressions(resource) : [];
  if (may && after === UNREADABLE) return [];
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

/**
 * The scope one side of a webhook listens to, `''` for every repository (absent: azurerm's default,
 * the REST spec's "Empty means all events"); a repository without a tag is its `latest` tag ("`foo` is
 * equivalent to `foo:latest`", azurerm `scope` and the REST spec's WebhookProperties.scope).
 */
function scopeOf(resource: ResourceChange, side: 'before' | 'after'): string | typeof UNREADABLE {
  const scope = attributeOf(resource, side, SCOPE);
  if (scope === undefined || scope === null) return '';
  if (typeof scope !== 'string') return UNREADABLE;
  const trimmed = scope.trim();
  return trimmed === '' || trimmed.includes(':') ? trimmed : `${trimmed}:latest`;
}

/**
 * Whether scope `wider` hears every event scope `narrower` hears: the empty scope hears all, `repo:*`
 * every tag of `repo`; `'unknown'` for a wildcard the documentation does not describe (in the
 * repository, or inside a tag).
 */
function covers(wider: string, narrower: string): boolean | 'unknown' {
  if (wider === '' || wider === narrower) return true;
  const undocumented = (scope: string): boolean => {
    const [repository, tag] = scope.split(/:(.*)/s, 2);
    return repository.includes('*') || (tag.includes('*') && tag !== '*');
  };
  if (undocumented(wider) || (narrower !== '' && undocumented(narrower))) return 'unknown';
  const [repository, tag] = wider.split(/:(.*)/s, 2);
  return narrower !== '' && tag === '*' && narrower.split(':')[0] === repository;
}

const UNHEARD =
  'quarantined images pushed outside its scope reach no scanner, so nothing scans or releases them';

/** A scanner webhook (before and after) whose scope no longer covers what it heard. */
function scopeRegressions(resource: ResourceChange): Regression[] {
  const before = scopeOf(resource, 'before');
  const after = scopeOf(resource, 'after');
  if (before === UNREADABLE && (after === UNREADABLE || after === '')) return [];
  const reach = before === UNREADABLE || after === UNREADABLE ? 'unknown' : covers(after, before);
  if (reach === true) return [];
  const shown = (scope: string | typeof UNREADABLE): string =>
    scope === UNREADABLE ? 'unknown scope' : scope === '' ? 'scope (every repository)' : `scope ${scope}`;
  const message =
    after === UNREADABLE
      ? 'scanner webhook changes to a scope that cannot be read: it may no longer hear every quarantined push'
      : before === UNREADABLE
        ? 'scanner webhook may hear fewer repositories: its scope before cannot be read'
        : reach === 'unknown'
          ? "scanner webhook's scope changes to one whose reach cannot be told: it may hear fewer repositories"
          : 'scanner webhook hears fewer repositories (its scope narrowed)';
  return [
    {
      kind: 'quarantine-weakened',
      severity: 'high',
      message,
      before: shown(before),
      after: shown(after),
      why: reach === false ? UNHEARD : `if so, ${UNHEARD}`,
    },
  ];
}

/** The scheme of one side's URI, lowercase (`https`); UNREADABLE when that side does not tell it. */
function uriScheme(resource: ResourceChange, side: 'before' | 'after'): string | typeof UNREADABLE {
  const uri = attributeOf(resource, side, SERVICE_URI);
  const scheme = typeof uri === 'string' ? URI_SCHEME.exec(uri)?.[1] : undefined;
  return scheme?.toLowerCase() ?? UNREADABLE;
}

const CLEAR =
  'its notifications (image names, tags, digests) and the custom headers sent with them, often an Authorization header, travel in clear text';

/**
 * A webhook of a promotion target that stops using https (ACR-020 fails it): a known https URI
 * replaced by another scheme, or by a URI that cannot be read ("may"); a URI that cannot be read
 * before replaced by one that is not https ("may have used https"). A created webhook is the policy's.
 */
function schemeRegressions(resource: ResourceChange): Regression[] {
  if (!existsAfter(resource)) return [];
  const before = uriScheme(resource, 'before');
  const after = uriScheme(resource, 'after');
  if (after === 'https' || (before !== 'https' && before !== UNREADABLE)) return [];
  // Nothing known on either side: no sign of a change.
  if (before === UNREADABLE && after === UNREADABLE) return [];
  const shown = (scheme: string | typeof UNREADABLE): string =>
    scheme === UNREADABLE ? 'unknown URI' : `${scheme}://…`;
  const message =
    after === UNREADABLE
      ? 'webhook of a promotion target changes to a URI that cannot be read: it may no longer use https'
      : before === UNREADABLE
        ? `webhook of a promotion target sends over ${after}: its URI before cannot be read, so it may have used https`
        : `webhook of a promotion target moves from https to ${after}`;
  return [
    {
      kind: 'exposure-increased',
      severity: 'high',
      message,
      before: shown(before),
      after: shown(after),
      why: after === UNREADABLE ? `if it is not https, ${CLEAR}` : CLEAR,
    },
  ];
}
