/**
 * Whether an item lets an image into a registry without promotion: a grant that opens a push path
 * (push, running tasks, configuring tokens or the admin user, ingest, assigning roles), a token whose
 * scope map writes content, a task whose steps push. Shared by the production rule (ACR-024) and the
 * estate-wide gate (ACR-105, ACR-120..122) so both judge alike.
 */
import type { RoleAbilities } from '../../constructs/model/role-directory';
import { PUSH_PATHS, PUSH_PATH_REASONS, pushPathsOf } from '../../constructs/model/role-directory';
import { parseScopeMapAction } from '../../constructs/model/names';
import { signingIdentityName } from '../../constructs/model/signing';
import type { RoleAssignment, Setting, Task, Token } from '../inventory/types';
import { isUnknown, principalLabel, unknownReason } from '../inventory/types';

/** What an item means for pushes into one registry. */
export type PushVerdict =
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown'; readonly reason: string }
  | { readonly kind: 'exempt'; readonly reason: string }
  | { readonly kind: 'push'; readonly reason: string };

const NONE: PushVerdict = { kind: 'none' };

function roleLabel(grant: RoleAssignment): string {
  return isUnknown(grant.role.name) || grant.role.name === '' ? 'an unidentified role' : grant.role.name;
}

/** Why a grant's role is not identified, when the input said (` (var.role has no value ...)`); else ''. */
function roleDoubt(grant: RoleAssignment): string {
  const { role } = grant;
  const reason =
    unknownReason(role.abilities) ?? unknownReason(role.name) ?? unknownReason(role.definitionId);
  return reason === undefined ? '' : ` (${reason})`;
}

/**
 * What an item that would push means when its `enabled` is `enabled`: a push when it is known, else
 * unknown (a disabled token authenticates nothing, a disabled task runs nothing: whether it pushes
 * waits for the value).
 */
function pushIfEnabled(enabled: Setting<boolean>, what: string, reason: string): PushVerdict {
  if (!isUnknown(enabled)) return { kind: 'push', reason };
  const why = unknownReason(enabled);
  return {
    kind: 'unknown',
    reason: `${reason} if enabled, and whether ${what} is enabled is not known${why === undefined ? '' : ` (${why})`}`,
  };
}

function scopeNote(grant: RoleAssignment): string {
  const kind: unknown = grant.scopeKind;
  if (isUnknown(kind)) return ' at a scope the checker cannot read';
  return typeof kind === 'string' && kind !== 'registry' ? ` at ${kind} scope` : '';
}

/** True when a role opens at least one push path (as `pushPathsOf(abilities).length > 0`). */
function opensPushPath(abilities: RoleAbilities): boolean {
  for (const path of PUSH_PATHS) if (abilities[path]) return true;
  return false;
}

/**
 * A grant on a registry of `environment` (in `mode`). Exempt: the hop's promotion identity
 * (`hopIdentity`, judged by ACR-103) and the environment's signing identity when its only path is push
 * and, in the ABAC mode, a condition limits it to the signed repositories.
 */
export function grantPushVerdict(
  grant: RoleAssignment,
  environment: string,
  mode: Setting<string>,
  hopIdentity?: string,
): PushVerdict {
  if (isUnknown(grant.role.abilities))
    return {
      kind: 'unknown',
      reason: `${principalLabel(grant.principal)} holds ${roleLabel(grant)}${scopeNote(grant)}, which the checker cannot identify${roleDoubt(grant)}`,
    };
  // Most grants open no push path: they are answered without building the list of paths.
  if (!opensPushPath(grant.role.abilities)) return NONE;
  const paths = pushPathsOf(grant.role.abilities);
  const identity = grant.principal.identityName;
  if (identity !== undefined && identity === hopIdentity)
    return { kind: 'exempt', reason: `${identity} is the promotion identity (ACR-103 judges its grants)` };
  if (identity === signingIdentityName(environment) && paths.length === 1 && paths[0] === 'push') {
    const limited = grant.condition !== undefined && !isUnknown(grant.condition);
    if (limited || mode !== 'AbacRepositoryPermissions')
      return { kind: 'exempt', reason: `${identity} is the signing identity (pushes signatures)` };
    return {
      kind: 'push',
      reason: `signing identity ${identity} can push into every repository (${roleLabel(grant)} without a repository condition)`,
    };
  }
  const reasons = paths.map((p) => PUSH_PATH_REASONS[p]).join(', ');
  return {
    kind: 'push',
    reason: `${principalLabel(grant.principal)} ${reasons} (${roleLabel(grant)}${scopeNote(grant)})`,
  };
}

function tokenName(token: Token): string {
  return isUnknown(token.name) ? token.source.address : token.name;
}

/** A token: it pushes when enabled and its scope map writes content. */
export function tokenPushVerdict(token: Token): PushVerdict {
  if (token.enabled === false) return NONE;
  const name = tokenName(token);
  if (isUnknown(token.actions))
    return { kind: 'unknown', reason: `the scope map of token ${name} cannot be read` };
  const writes = token.actions.filter((action) => {
    const parsed = parseScopeMapAction(action);
    return !parsed || parsed.permission === 'content/write';
  });
  if (writes.length === 0) return NONE;
  const map = isUnknown(token.scopeMapName) ? 'its scope map' : token.scopeMapName;
  return pushIfEnabled(
    token.enabled,
    `token ${name}`,
    `token ${name} can push (${map}: ${writes.join(', ')})`,
  );
}

/** A task: it pushes when enabled and its steps push. */
export function taskPushVerdict(task: Task): PushVerdict {
  if (task.enabled === false || task.canPush === false) return NONE;
  // A run an azapi_resource_action schedules has no name: its address says which it is.
  const name = isUnknown(task.name) || task.name === '' ? task.source.address : task.name;
  const why = typeof task.pushReason === 'string' ? task.pushReason : 'its steps push';
  if (isUnknown(task.canPush)) return { kind: 'unknown', reason: `task ${name}: ${why}` };
  return pushIfEnabled(task.enabled, `task ${name}`, `task ${name} pushes: ${why}`);
}
