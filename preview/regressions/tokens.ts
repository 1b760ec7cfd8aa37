/** Tokens and scope maps of a promotion target that gain write access. */
import { SYSTEM_SCOPE_MAP_ACTIONS } from '../../constructs/model/names';
import type { JsonObject, ResourceChange } from '../changes';
import { kindOf } from '../resource-kinds';
import type { Context } from './context';
import { existsAfter, existsBefore } from './context';
import type { Regression } from './types';

/** Scope-map actions that let a token write: push (`content/write`) or delete, or everything. */
function writes(actions: readonly string[]): boolean {
  return actions.some((a) => /\/content\/(write|delete)$|\/\*$|^\*$/.test(a) && !/\/metadata\//.test(a));
}

function scopeActions(values: JsonObject | undefined): string[] | undefined {
  const actions = values?.actions;
  return Array.isArray(actions) ? actions.filter((a): a is string => typeof a === 'string') : undefined;
}

/** The actions of the scope map a token uses: by reference, by name in the change set, or a system map. */
function tokenActions(values: JsonObject | undefined, context: Context): string[] | undefined {
  const id = values?.scope_map_id ?? values?.scopeMapId;
  if (typeof id !== 'string') return undefined;
  // ACR's system scope maps (Microsoft Learn "Repository-scoped permissions"): _repositories_pull/push/admin.
  const system = /\/scopeMaps\/(_repositories_[a-z_]+)$/i.exec(id)?.[1];
  const systemActions = system ? SYSTEM_SCOPE_MAP_ACTIONS[system] : undefined;
  if (systemActions) return [...systemActions];
  const reference = /\$\{(azurerm_container_registry_scope_map\.[A-Za-z0-9_-]+)\./.exec(id);
  if (reference) return scopeActions(context.byAddress.get(reference[1])?.after);
  const name = /\/scopeMaps\/([^/]+)$/i.exec(id)?.[1];
  const named = context.set.resources.find(
    (r) => kindOf(r.type) === 'scope-map' && (r.after?.name === name || r.after?.scopeMapName === name),
  );
  return scopeActions(named?.after);
}

export function tokenRegressions(resource: ResourceChange, context: Context): Regression[] {
  if (!context.target) return [];
  const kind = kindOf(resource.type);
  const why = 'a token with write access can push straight into this environment, skipping promotion';
  if (kind === 'scope-map' && existsAfter(resource)) {
    const after = scopeActions(resource.after);
    const before = existsBefore(resource) ? scopeActions(resource.before) : [];
    if (!after || !before || !writes(after) || writes(before)) return [];
    // A new scope map matters through the token that uses it (reported there).
    if (resource.action === 'create') return [];
    return [
      {
        kind: 'promotion-weakened',
        severity: 'critical',
        message: 'scope map of a promotion target gains write access',
        before: before.join(', ') || '(none)',
        after: after.join(', '),
        why,
      },
    ];
  }
  if (kind !== 'token' || !existsAfter(resource)) return [];
  const after = tokenActions(resource.after, context);
  const before = existsBefore(resource) ? tokenActions(resource.before, context) : undefined;
  if (!after || !writes(after) || (before && writes(before))) return [];
  return [
    {
      kind: 'promotion-weakened',
      severity: 'critical',
      message:
        resource.action === 'create'
          ? 'push-capable token added to a promotion target'
          : 'token of a promotion target gains write access',
      ...(before ? { before: before.join(', ') } : {}),
      after: after.join(', '),
      why,
    },
  ];
}
