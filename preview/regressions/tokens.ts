/**
 * Tokens and scope maps of a promotion target that gain write access, in every engine's spelling:
 * azurerm `scope_map_id` / `actions`, the classic provider's `scopeMapId` / `actions`, azure-native's
 * and an azapi body's ARM properties (`properties.scopeMapId`, `properties.actions`,
 * Microsoft.ContainerRegistry/registries/tokens and scopeMaps). A token whose scope map cannot be read
 * (known only after apply, a scope map outside the change set, an unreadable azapi body) may be
 * push-capable, and says so. A token that is disabled after the change (azurerm and classic `enabled`,
 * ARM `status`) gains nothing; one disabled before and enabled after gains what its scope map allows.
 */
import { SYSTEM_SCOPE_MAP_ACTIONS } from '../../constructs/model/names';
import type { ResourceChange } from '../changes';
import type { ReadValue } from '../resource-kinds';
import { attributeOf, changeKind, UNREADABLE } from '../resource-kinds';
import type { Context } from './context';
import { existsAfter, existsBefore } from './context';
import type { Regression } from './types';

/** Scope-map actions that let a token write: push (`content/write`) or delete, or everything. */
function writes(actions: readonly string[]): boolean {
  return actions.some((a) => /\/content\/(write|delete)$|\/\*$|^\*$/.test(a) && !/\/metadata\//.test(a));
}

const SCOPE_MAP_ID = { azurerm: 'scope_map_id', arm: 'scopeMapId' } as const;
const ACTIONS = { azurerm: 'actions', arm: 'actions' } as const;

/** What one side of a change says a token or scope map allows: its actions, or that it cannot tell. */
type Actions = readonly string[] | typeof UNREADABLE;

function actionList(value: ReadValue): Actions {
  if (!Array.isArray(value)) return UNREADABLE;
  const actions = value.filter((a): a is string => typeof a === 'string');
  return actions.length === value.length ? actions : UNREADABLE;
}

/** The actions of a scope map on one side of its change. */
function scopeActions(resource: ResourceChange | undefined, side: 'before' | 'after'): Actions {
  return resource === undefined ? UNREADABLE : actionList(attributeOf(resource, side, ACTIONS));
}

/** The name a scope map has in its registry (azurerm, classic and azapi `name`, azure-native `scopeMapName`). */
function scopeMapName(resource: ResourceChange): string | undefined {
  const name = resource.after?.scopeMapName ?? resource.after?.name;
  return typeof name === 'string' ? name : undefined;
}

/**
 * The actions of the scope map a token uses: a system map, a reference to a scope map of the change
 * set (`${azurerm_container_registry_scope_map.x.id}`, `${azapi_resource.x.id}`), or a literal ID
 * naming one by name; UNREADABLE when the ID is not known or names a map the change set does not
 * hold (or holds several of, with different verdicts).
 */
function tokenActions(id: ReadValue, context: Context): Actions {
  if (typeof id !== 'string') return UNREADABLE;
  // ACR's system scope maps (Microsoft Learn "Repository-scoped permissions"): _repositories_pull/push/admin.
  const system = /\/scopeMaps\/(_repositories_[a-z_]+)$/i.exec(id)?.[1];
  const systemActions = system ? SYSTEM_SCOPE_MAP_ACTIONS[system] : undefined;
  if (systemActions) return [...systemActions];
  const reference = /\$\{([A-Za-z0-9_]+\.[A-Za-z0-9_-]+)\./.exec(id);
  if (reference) {
    const map = context.byAddress.get(reference[1]);
    return map !== undefined && changeKind(map) === 'scope-map' ? scopeActions(map, 'after') : UNREADABLE;
  }
  const name = /\/scopeMaps\/([^/]+)$/i.exec(id)?.[1];
  const named = context.set.resources.filter(
    (r) => changeKind(r) === 'scope-map' && existsAfter(r) && scopeMapName(r) === name,
  );
  const verdicts = named.map((r) => scopeActions(r, 'after'));
  if (verdicts.length === 0 || verdicts.includes(UNREADABLE)) return UNREADABLE;
  const lists = verdicts as (readonly string[])[];
  // Several maps of that name (in different registries): one verdict only when they agree.
  return lists.every((a) => writes(a) === writes(lists[0])) ? lists[0] : UNREADABLE;
}

const ENABLED = { azurerm: 'enabled', arm: 'status' } as const;

/**
 * Whether one side of a token is enabled: azurerm's and the classic provider's `enabled` (default
 * true, azurerm container_registry_token_resource.go), azure-native's and ARM's `status`
 * (`enabled` / `disabled`; absent, enabled, as the checker reads it); UNREADABLE when it does not tell.
 */
function tokenEnabled(resource: ResourceChange, side: 'before' | 'after'): boolean | typeof UNREADABLE {
  const value = attributeOf(resource, side, ENABLED);
  if (value === undefined || value === null) return true;
  if (typeof value === 'boolean') return value;
  return typeof value === 'string' ? !/^disabled$/i.test(value) : UNREADABLE;
}

const WHY = 'a token with write access can push straight into this environment, skipping promotion';

function scopeMapRegressions(resource: ResourceChange): Regression[] {
  // A new scope map matters through the token that uses it (reported there).
  if (!existsAfter(resource) || !existsBefore(resource) || resource.action === 'create') return [];
  const after = scopeActions(resource, 'after');
  const before = scopeActions(resource, 'before');
  if (before !== UNREADABLE && writes(before)) return [];
  if (after === UNREADABLE) {
    // Nothing known on either side: no sign of a change.
    if (before === UNREADABLE) return [];
    return [
      {
        kind: 'promotion-weakened',
        severity: 'critical',
        message:
          'scope map of a promotion target changes to actions that cannot be read: it may gain write access',
        before: before.join(', ') || '(none)',
        after: 'unknown actions',
        why: WHY,
      },
    ];
  }
  if (!writes(after)) return [];
  return [
    {
      kind: 'promotion-weakened',
      severity: 'critical',
      message:
        before === UNREADABLE
          ? 'scope map of a promotion target may gain write access: its actions before cannot be read'
          : 'scope map of a promotion target gains write access',
      before: before === UNREADABLE ? 'unknown actions' : before.join(', ') || '(none)',
      after: after.join(', '),
      why: WHY,
    },
  ];
}

export function tokenRegressions(resource: ResourceChange, context: Context): Regression[] {
  if (!context.target || !existsAfter(resource)) return [];
  const kind = changeKind(resource);
  if (kind === 'scope-map') return scopeMapRegressions(resource);
  if (kind !== 'token') return [];
  const afterId = attributeOf(resource, 'after', SCOPE_MAP_ID);
  const beforeId = existsBefore(resource) ? attributeOf(resource, 'before', SCOPE_MAP_ID) : undefined;
  const after = tokenActions(afterId, context);
  const before = existsBefore(resource) ? tokenActions(beforeId, context) : undefined;
  // A disabled token cannot sign in: it gains nothing, and what it allowed while off was nothing.
  const enabled = tokenEnabled(resource, 'after');
  if (enabled === false) return [];
  if (existsBefore(resource) && tokenEnabled(resource, 'before') === false)
    return reenabledRegressions(after, enabled);
  if (before !== undefined && before !== UNREADABLE && writes(before)) return [];
  const created = resource.action === 'create';
  if (after === UNREADABLE) {
    // The same scope map as before: what it allows is judged at the scope map's own change.
    if (typeof afterId === 'string' && afterId === beforeId) return [];
    return [
      {
        kind: 'promotion-weakened',
        severity: 'critical',
        message: created
          ? 'token added to a promotion target whose scope map cannot be read: it may be push-capable'
          : 'token of a promotion target moves to a scope map that cannot be read: it may gain write access',
        ...(before === UNREADABLE
          ? { before: 'unknown scope map' }
          : before
            ? { before: before.join(', ') }
            : {}),
        after: 'unknown scope map',
        why: `if its scope map can push or delete, ${WHY}`,
      },
    ];
  }
  if (!writes(after)) return [];
  return [
    {
      kind: 'promotion-weakened',
      severity: 'critical',
      message: created
        ? 'push-capable token added to a promotion target'
        : before === UNREADABLE
          ? 'token of a promotion target may gain write access: what its scope map allowed before cannot be read'
          : 'token of a promotion target gains write access',
      ...(before === UNREADABLE
        ? { before: 'unknown scope map' }
        : before
          ? { before: before.join(', ') }
          : {}),
      after: after.join(', '),
      why: WHY,
    },
  ];
}

/** A token disabled before the change that is, or may be, enabled after it, with `after`'s actions. */
function reenabledRegressions(after: Actions, enabled: boolean | typeof UNREADABLE): Regression[] {
  if (after !== UNREADABLE && !writes(after)) return [];
  const message =
    after === UNREADABLE
      ? `disabled token of a promotion target ${enabled === true ? 're-enabled' : 'may be re-enabled'} whose scope map cannot be read: it may be push-capable`
      : enabled === true
        ? 'disabled token of a promotion target re-enabled with write access'
        : 'disabled push-capable token of a promotion target may be re-enabled: its new status cannot be read';
  return [
    {
      kind: 'promotion-weakened',
      severity: 'critical',
      message,
      before: 'disabled',
      after:
        after === UNREADABLE ? 'unknown scope map' : enabled === true ? after.join(', ') : 'unknown status',
      why: after === UNREADABLE || enabled !== true ? `if so, ${WHY}` : WHY,
    },
  ];
}
