/**
 * Whether an item lets an image into a registry without promotion: a grant that opens a push path
 * (push, running tasks, configuring tokens or the admin user, ingest, assigning roles), a token whose
 * scope map writes content, a task whose steps push, an import from anything but the previous
 * environment's registry (an import pipeline or a run of one, which import blobs from storage; an
 * image import from another registry), a cache rule (it fills its repository from its upstream as
 * clients pull), a connected registry in ReadWrite mode (it syncs what is pushed to it on premises),
 * the registry's admin user (its credentials can push). Shared by the production rule (ACR-024) and the estate-wide
 * gate (ACR-105, ACR-120..123) so both judge alike.
 */
import type { RoleAbilities } from '../../constructs/model/role-directory';
import { PUSH_PATHS, PUSH_PATH_REASONS, pushPathsOf } from '../../constructs/model/role-directory';
import { parseScopeMapAction } from '../../constructs/model/names';
import { signingIdentityName } from '../../constructs/model/signing';
import { INGEST_LABELS } from '../../constructs/model/ingest';
import type { CacheRule, Ingest, RoleAssignment, Setting, Task, Token } from '../inventory/types';
import { isUnknown, principalLabel, unknownReason } from '../inventory/types';
import type { Predecessor } from '../rules/types';

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

/**
 * A registry's admin user: Microsoft Learn, "Authenticate with an Azure container registry", Admin
 * account: "The admin account has full permissions to the registry" (push included), with one shared
 * username and two passwords. Enabled, it pushes past promotion; whether it is enabled not known,
 * unknown (ACR-001 judges the setting itself).
 *
 * @param adminEnabled the registry's setting, or what another stack's update sets it to
 * @param registryName the registry, as findings name it
 * @param enabledBy the address of the other stack's update that sets it, if it is one
 */
export function adminUserPushVerdict(
  adminEnabled: Setting<boolean>,
  registryName: string,
  enabledBy?: string,
): PushVerdict {
  if (adminEnabled === false) return NONE;
  const by = enabledBy === undefined ? '' : `, which ${enabledBy} enables,`;
  const reason = `the admin user of ${registryName}${by} can push: its shared credentials have full permissions to the registry`;
  if (!isUnknown(adminEnabled)) return { kind: 'push', reason };
  const why = unknownReason(adminEnabled);
  return {
    kind: 'unknown',
    reason: `${enabledBy === undefined ? `whether the admin user of ${registryName} is enabled` : `whether ${enabledBy} enables the admin user of ${registryName}`} is not known${why === undefined ? '' : ` (${why})`}; enabled, its shared credentials can push`,
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

/** How messages name an import: `import pipeline transfer`, or by its address when it has no name. */
function ingestLabel(item: Ingest): string {
  const kind = INGEST_LABELS[item.kind];
  return isUnknown(item.name) || item.name === '' ? `${kind} ${item.source.address}` : `${kind} ${item.name}`;
}

/** ` (<reason>)` of an UNKNOWN that has one, else ''. */
function because(value: unknown): string {
  const reason = unknownReason(value);
  return reason === undefined ? '' : ` (${reason})`;
}

/** Where an import takes images from, for messages; `fallback` when the input does not decide it. */
function fromText(item: Ingest, fallback: string): string {
  return isUnknown(item.from) ? `${fallback}${because(item.from)}` : item.from;
}

/** What an image import copies, for messages: `library/nginx`, or `an image`. */
function imageOf(item: Ingest): string {
  return typeof item.image === 'string' && item.image !== '' ? item.image : 'an image';
}

/**
 * What an image import from registry `name` into registry `target` means, given where the target's
 * environment is promoted from: promotion (exempt) from a registry of the previous environment; a
 * copy within the target itself lets no image in; any other registry, or any import into the first
 * environment of the chain, is a way in past promotion; unknown while the previous environment's
 * registries cannot be told.
 */
function importFrom(
  item: Ingest,
  name: string,
  target: Setting<string>,
  predecessor?: Predecessor,
): PushVerdict {
  const label = ingestLabel(item);
  const what = `${label} imports ${imageOf(item)} from ${name}`;
  if (typeof target === 'string' && target.toLowerCase() === name.toLowerCase()) return NONE;
  if (predecessor === undefined)
    return {
      kind: 'unknown',
      reason: `${what}: whether that is the previous environment's registry is not known here`,
    };
  if (predecessor.kind === 'none') return { kind: 'push', reason: `${what}, and ${predecessor.why}` };
  if (predecessor.kind === 'unknown')
    return {
      kind: 'unknown',
      reason: `${what}: whether that is the previous environment's registry is not known: ${predecessor.why}`,
    };
  const from = predecessor.environment;
  if (predecessor.registries.some((r) => typeof r === 'string' && r.toLowerCase() === name.toLowerCase()))
    return { kind: 'exempt', reason: `${what}, the registry of ${from} (promotion)` };
  const undecided = predecessor.registries.find(isUnknown);
  if (undecided !== undefined)
    return {
      kind: 'unknown',
      reason: `${what}: whether that is a registry of ${from}, which it is promoted from, is not known${because(undecided) || ' (a registry name of it is not decided)'}`,
    };
  if (predecessor.doubt !== undefined)
    return {
      kind: 'unknown',
      reason: `${what}: whether that is a registry of ${from}, which it is promoted from, is not known: ${predecessor.doubt}`,
    };
  return {
    kind: 'push',
    reason: `${what}, which is no registry of ${from}, the environment promoted into it`,
  };
}

/**
 * An import into registry `target` (its name), whose environment is promoted from `predecessor`: an
 * import pipeline and a run of one import blobs of a storage container, which is no registry of any
 * environment (whoever can write to it brings images in): a way in past promotion, triggered or not.
 * An image import is promotion only from the previous environment's registry (`importFrom`).
 */
export function ingestPushVerdict(
  item: Ingest,
  target: Setting<string>,
  predecessor?: Predecessor,
): PushVerdict {
  const label = ingestLabel(item);
  if (item.imports === false) return NONE;
  if (isUnknown(item.imports))
    return {
      kind: 'unknown',
      reason: `${label} may import: ${unknownReason(item.imports) ?? 'what it runs is known only after apply'}`,
    };
  if (item.kind === 'importPipeline') {
    const container = fromText(item, 'a storage container the input does not decide');
    const when =
      item.triggered === true
        ? ', every blob as it arrives there (its source trigger is on), with no run'
        : item.triggered === false
          ? ' on each pipeline run'
          : '';
    return { kind: 'push', reason: `${label} imports the artifact blobs of ${container}${when}` };
  }
  if (item.kind === 'connectedRegistry')
    return {
      kind: 'push',
      reason: `${label} syncs into the registry what clients push to it on premises (${fromText(item, 'its mode')})`,
    };
  if (item.kind === 'pipelineRun')
    return {
      kind: 'push',
      reason: `${label} imports artifact blobs from storage through ${isUnknown(item.from) ? fromText(item, 'an import pipeline the input does not decide') : `import pipeline ${item.from}`}`,
    };
  const source = item.fromRegistry;
  if (source === undefined || isUnknown(source))
    return {
      kind: 'unknown',
      reason: `${label} imports ${imageOf(item)} from a registry the input does not decide${because(source)}`,
    };
  if (source === '')
    return {
      kind: 'push',
      reason: `${label} imports ${imageOf(item)} from ${fromText(item, 'a registry')}, which is no Azure container registry of the chain`,
    };
  return importFrom(item, source, target, predecessor);
}

/**
 * A cache rule of a registry: the first pull of a tag through its target repository brings the image
 * in from the upstream (constructs/model/artifact-cache.ts), so it is a way in past promotion whatever
 * the upstream is, the previous environment's registry included. It has no switch to turn it off;
 * whether it lets images in waits only on whether it exists.
 */
export function cacheRulePushVerdict(rule: CacheRule): PushVerdict {
  const name = isUnknown(rule.name) || rule.name === '' ? rule.source.address : rule.name;
  const upstream =
    isUnknown(rule.upstream) || rule.upstream === ''
      ? `an upstream the input does not decide${because(rule.upstream)}`
      : rule.upstream;
  const into =
    isUnknown(rule.targetRepository) || rule.targetRepository === ''
      ? ''
      : ` into repository ${rule.targetRepository}`;
  const reason = `cache rule ${name} pulls ${upstream}${into}: it caches what clients pull through it, with no promotion step`;
  // One that may not exist (`count`/`for_each` the input does not decide) lets images in if it does.
  if (rule.presence !== undefined)
    return {
      kind: 'unknown',
      reason: `${reason}, if it exists, which is not known${because(rule.presence)}`,
    };
  return { kind: 'push', reason };
}
