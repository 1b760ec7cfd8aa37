/**
 * Protection regressions: what a change weakens, read from its before and after values (not from the
 * head alone, which policy judges). Each entry names the old and the new value and why it matters:
 * retention shortened or off; an `acr purge` that deletes more (a wider filter, a shorter `--ago`, a
 * lower `--keep`, protected tags dropped, a new purge); quarantine off, its scanner webhook or release
 * grant (AcrQuarantineWriter) removed; public network access, the admin user, anonymous pull or export
 * turned on, network rules opened; a push-capable grant or token added to a promotion target; a
 * promotion hop removed. Lock and destroy-protection removal are in `danger.ts`.
 */
import type { RoleAbilities, RolePermissions } from '../constructs/model/role-directory';
import {
  abilitiesFromPermissions,
  builtInRoleById,
  builtInRoleByName,
  pushPathsOf,
} from '../constructs/model/role-directory';
import {
  CUSTOM_IMPORTER_ACTIONS,
  CUSTOM_IMPORTER_ROLE,
  IMPORT_IMAGE_ACTION,
} from '../constructs/model/roles';
import { SYSTEM_SCOPE_MAP_ACTIONS } from '../constructs/model/names';
import { MIN_RETENTION_DAYS } from '../constructs/model/retention';
import type { ChangeSet, JsonObject, JsonValue, ResourceChange } from './changes';
import { isObject } from './changes';
import type { ProtectionSettings } from './protection-settings';
import { protectionSettings } from './protection-settings';
import type { PurgeSchedule } from './purge-step';
import { matchesEverything, purgeSchedules } from './purge-step';
import { kindOf } from './resource-kinds';

/** How much a regression weakens the estate, most severe first. */
export const REGRESSION_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

/** A regression severity. */
export type RegressionSeverity = (typeof REGRESSION_SEVERITIES)[number];

/** Categories of regression (danger kinds of `danger.ts`). */
export type RegressionKind =
  'exposure-increased' | 'promotion-weakened' | 'quarantine-weakened' | 'retention-weakened';

/** One regression of one resource. */
export interface Regression {
  readonly kind: RegressionKind;
  readonly severity: RegressionSeverity;
  /** What changed, in plain words (no Markdown). */
  readonly message: string;
  /** The old and the new value, as text; absent when the resource did not exist or no longer does. */
  readonly before?: string;
  readonly after?: string;
  /** Why it matters. */
  readonly why: string;
}

/** Options of `findRegressions`. */
export interface RegressionOptions {
  /**
   * Environments in promotion order: every one after the first is a promotion target, into which only
   * promotion may bring images. Without it, push grants are not judged. @default undefined
   */
  readonly order?: readonly string[];
}

/** The regressions of one change set, by resource address (sorted by severity within a resource). */
export function findRegressions(
  changeSet: ChangeSet,
  options: RegressionOptions = {},
): Map<string, Regression[]> {
  const target = (options.order?.indexOf(changeSet.stack) ?? -1) > 0;
  const context: Context = { set: changeSet, target, byAddress: addressIndex(changeSet) };
  const out = new Map<string, Regression[]>();
  const renamedPurges = unmatchedPurges(changeSet, 'delete');
  // A purge added with its registry deletes nothing that existed: only judge stacks with a registry.
  const existing = changeSet.resources.some((r) => kindOf(r.type) === 'registry' && existsBefore(r));
  for (const resource of changeSet.resources) {
    const found = [
      ...registryRegressions(resource),
      ...(existing ? purgeRegressions(resource, renamedPurges) : []),
      ...webhookRegressions(resource),
      ...grantRegressions(resource, context),
      ...tokenRegressions(resource, context),
      ...roleDefinitionRegressions(resource),
    ].sort((a, b) => REGRESSION_SEVERITIES.indexOf(a.severity) - REGRESSION_SEVERITIES.indexOf(b.severity));
    if (found.length > 0) out.set(resource.address, found);
  }
  return out;
}

interface Context {
  readonly set: ChangeSet;
  /** True when the stack is a promotion target. */
  readonly target: boolean;
  readonly byAddress: ReadonlyMap<string, ResourceChange>;
}

function addressIndex(set: ChangeSet): Map<string, ResourceChange> {
  return new Map(set.resources.map((r) => [r.address, r]));
}

const existsBefore = (r: ResourceChange): boolean => r.action !== 'create' && r.before !== undefined;
const existsAfter = (r: ResourceChange): boolean => r.action !== 'delete' && r.after !== undefined;
const onOff = (on: boolean): string => (on ? 'on' : 'off');

// ----- registry settings ---------------------------------------------------------------------------

interface SettingRule {
  readonly key: keyof ProtectionSettings;
  /** True when going from `before` to `after` weakens protection. */
  readonly weakens: (before: never, after: never) => boolean;
  readonly severity: RegressionSeverity;
  readonly kind: RegressionKind;
  readonly message: string;
  readonly why: string;
  readonly show?: (value: never) => string;
}

const turnedOn = (before: boolean, after: boolean): boolean => !before && after;
const turnedOff = (before: boolean, after: boolean): boolean => before && !after;

const SETTING_RULES: readonly SettingRule[] = [
  {
    key: 'publicNetworkAccess',
    weakens: turnedOn,
    severity: 'critical',
    kind: 'exposure-increased',
    message: 'public network access turned on',
    why: 'the registry becomes reachable from the internet, not only through its private endpoints',
    show: onOff,
  },
  {
    key: 'networkDefaultAction',
    weakens: (before: string, after: string) => before === 'Deny' && after === 'Allow',
    severity: 'high',
    kind: 'exposure-increased',
    message: 'network rules opened (default action Allow)',
    why: 'every IP address may reach the registry, not only the allowed ranges',
  },
  {
    key: 'adminUser',
    weakens: turnedOn,
    severity: 'critical',
    kind: 'exposure-increased',
    message: 'admin user turned on',
    why: 'a shared username and password with full push and delete rights bypasses Entra ID and RBAC',
    show: onOff,
  },
  {
    key: 'anonymousPull',
    weakens: turnedOn,
    severity: 'critical',
    kind: 'exposure-increased',
    message: 'anonymous pull turned on',
    why: 'anyone who can reach the registry can pull every image without signing in',
    show: onOff,
  },
  {
    key: 'exportEnabled',
    weakens: turnedOn,
    severity: 'high',
    kind: 'exposure-increased',
    message: 'export turned on',
    why: 'images can be exported out of the registry (az acr import / transfer pipelines) to any destination',
    show: onOff,
  },
  {
    key: 'quarantine',
    weakens: turnedOff,
    severity: 'high',
    kind: 'quarantine-weakened',
    message: 'quarantine turned off',
    why: 'new images are pullable at once, before a scanner has released them',
    show: onOff,
  },
  {
    key: 'retentionDays',
    weakens: (before: number, after: number) => before > 0 && after < before,
    severity: 'medium',
    kind: 'retention-weakened',
    message: 'retention of untagged manifests shortened',
    why: 'untagged manifests are deleted sooner, unrecoverably: anything that pulls by digest loses its image',
    show: (days: number) => (days === 0 ? 'off' : days === 1 ? '1 day' : `${days} days`),
  },
];

function registryRegressions(resource: ResourceChange): Regression[] {
  if (kindOf(resource.type) !== 'registry' || !existsBefore(resource) || !existsAfter(resource)) return [];
  const before = protectionSettings(resource, 'before');
  const after = protectionSettings(resource, 'after');
  const out: Regression[] = [];
  for (const rule of SETTING_RULES) {
    const was = before[rule.key];
    const will = after[rule.key];
    if (was === undefined || will === undefined || !rule.weakens(was as never, will as never)) continue;
    const show = rule.show ?? String;
    let { message, severity } = rule;
    if (rule.key === 'retentionDays') {
      if (will === 0) message = 'retention of untagged manifests turned off';
      else if ((will as number) < MIN_RETENTION_DAYS) severity = 'high';
    }
    out.push({
      kind: rule.kind,
      severity,
      message,
      before: show(was as never),
      after: show(will as never),
      why:
        rule.key === 'retentionDays' && will !== 0 && (will as number) < MIN_RETENTION_DAYS
          ? `${rule.why}; under the ${MIN_RETENTION_DAYS}-day minimum there is no rollback window`
          : rule.key === 'retentionDays' && will === 0
            ? 'untagged manifests pile up (storage, old vulnerable layers) and nothing cleans them'
            : rule.why,
    });
  }
  return out;
}

// ----- purge tasks ---------------------------------------------------------------------------------

/** Purge schedules of tasks that only exist on one side (`delete`: removed ones, a rename's old half). */
function unmatchedPurges(set: ChangeSet, action: 'delete'): PurgeSchedule[] {
  return set.resources
    .filter((r) => kindOf(r.type) === 'task' && r.action === action)
    .flatMap((r) => purgeSchedules(r.before));
}

function describe(schedule: PurgeSchedule): string {
  const filters = schedule.filters.map((f) => f.raw).join(' ');
  const parts = [`--filter ${filters || '(none)'}`, `--ago ${schedule.ago ?? '(none)'}`];
  if (schedule.keep > 0) parts.push(`--keep ${schedule.keep}`);
  if (schedule.untagged) parts.push('--untagged');
  return parts.join(' ');
}

function purgeRegressions(resource: ResourceChange, removed: readonly PurgeSchedule[]): Regression[] {
  if (kindOf(resource.type) !== 'task') return [];
  const after = existsAfter(resource) ? purgeSchedules(resource.after) : [];
  if (after.length === 0) return [];
  const before = existsBefore(resource) ? purgeSchedules(resource.before) : [];
  const out: Regression[] = [];
  after.forEach((schedule, index) => {
    // A new purge task compares with a removed one (a rename); with none, it is a new deletion.
    const previous = before[index] ?? (resource.action === 'create' ? removed[0] : undefined);
    if (!previous) {
      out.push({
        kind: 'retention-weakened',
        severity: schedule.filters.some(matchesEverything) ? 'high' : 'medium',
        message: 'purge task added',
        after: describe(schedule),
        why: 'a scheduled acr purge deletes the matching tags and their images, unrecoverably',
      });
      return;
    }
    out.push(...comparePurges(previous, schedule));
  });
  return out;
}

function comparePurges(before: PurgeSchedule, after: PurgeSchedule): Regression[] {
  const out: Regression[] = [];
  const push = (r: Omit<Regression, 'kind' | 'before' | 'after'>, was: string, will: string): void => {
    out.push({ kind: 'retention-weakened', before: was, after: will, ...r });
  };
  const old = new Set(before.filters.map((f) => f.raw));
  const added = after.filters.filter((f) => !old.has(f.raw));
  if (added.length > 0) {
    push(
      {
        severity: added.some(matchesEverything) ? 'critical' : 'high',
        message: 'purge filter widened',
        why: added.some(matchesEverything)
          ? 'the purge now matches every repository and every tag'
          : 'the purge matches repositories or tags it did not match before',
      },
      before.filters.map((f) => f.raw).join(' ') || '(none)',
      after.filters.map((f) => f.raw).join(' '),
    );
  }
  if (before.agoHours !== undefined && after.agoHours !== undefined && after.agoHours < before.agoHours) {
    push(
      {
        severity: after.agoHours < 24 * MIN_RETENTION_DAYS ? 'high' : 'medium',
        message: 'purge age (--ago) shortened',
        why: 'tags are deleted younger: images still in use or needed for a rollback may go',
      },
      `--ago ${before.ago}`,
      `--ago ${after.ago}`,
    );
  }
  if (after.keep < before.keep) {
    push(
      {
        severity: 'medium',
        message: 'purge keeps fewer tags (--keep lowered)',
        why: 'fewer of the newest tags per repository survive a purge',
      },
      before.keep > 0 ? `--keep ${before.keep}` : '(none)',
      after.keep > 0 ? `--keep ${after.keep}` : '(none)',
    );
  }
  const protectedAfter = new Set(after.filters.flatMap((f) => f.protectedTags));
  const dropped = [...new Set(before.filters.flatMap((f) => f.protectedTags))].filter(
    (t) => !protectedAfter.has(t),
  );
  if (dropped.length > 0) {
    push(
      {
        severity: 'high',
        message: 'protected tags removed from the purge',
        why: 'tags that were never purged (releases, latest) can now be deleted',
      },
      [...new Set(before.filters.flatMap((f) => f.protectedTags))].sort().join(', '),
      [...protectedAfter].sort().join(', ') || '(none)',
    );
  }
  if (after.untagged && !before.untagged) {
    push(
      {
        severity: 'low',
        message: 'purge also deletes untagged manifests (--untagged)',
        why: 'manifests pulled by digest are deleted too',
      },
      'tagged only',
      '--untagged',
    );
  }
  return out;
}

// ----- webhooks ------------------------------------------------------------------------------------

function quarantineWebhook(values: JsonObject | undefined): boolean | undefined {
  if (!values) return undefined;
  const actions = values.actions;
  if (!Array.isArray(actions)) return undefined;
  const status = values.status;
  const disabled = typeof status === 'string' && /^disabled$/i.test(status);
  return actions.includes('quarantine') && !disabled;
}

function webhookRegressions(resource: ResourceChange): Regression[] {
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

// ----- role assignments ----------------------------------------------------------------------------

/** What a role assignment's role lets its principal do, or undefined when it cannot be read. */
function abilitiesOf(values: JsonObject | undefined, context: Context): RoleAbilities | undefined {
  const role = roleName(values);
  if (role !== undefined) {
    const builtIn = builtInRoleByName(role);
    if (builtIn) return builtIn.abilities;
    // The toolkit's custom importer role is named per registry (`importerRoleName`).
    if (role.startsWith(`${CUSTOM_IMPORTER_ROLE}-`))
      return abilitiesFromPermissions({ actions: CUSTOM_IMPORTER_ACTIONS });
  }
  const definition = referencedDefinition(values, context);
  const permissions = definition ? definitionPermissions(definition) : undefined;
  return permissions ? abilitiesFromPermissions(permissions) : undefined;
}

function roleName(values: JsonObject | undefined): string | undefined {
  const byName = values?.role_definition_name;
  if (typeof byName === 'string') return byName;
  const byId = values?.role_definition_id ?? values?.roleDefinitionId;
  return typeof byId === 'string' ? builtInRoleById(byId)?.name : undefined;
}

/** The role definition change a role assignment refers to (`${azurerm_role_definition.x.…}`). */
function referencedDefinition(values: JsonObject | undefined, context: Context): JsonObject | undefined {
  const id = values?.role_definition_id ?? values?.roleDefinitionId;
  if (typeof id !== 'string') return undefined;
  const reference = /\$\{(azurerm_role_definition\.[A-Za-z0-9_-]+)\./.exec(id);
  const change = reference ? context.byAddress.get(reference[1]) : undefined;
  return change?.after ?? change?.before;
}

/** The permissions of a role definition's values (azurerm `permissions` blocks, azure-native `permissions`). */
function definitionPermissions(values: JsonObject): RolePermissions | undefined {
  const permissions = values.permissions;
  const blocks = (
    Array.isArray(permissions) ? permissions : isObject(permissions) ? [permissions] : []
  ).filter(isObject);
  if (blocks.length === 0) return undefined;
  const list = (...keys: string[]): string[] =>
    blocks.flatMap((block) =>
      keys.flatMap((key) => {
        const value = block[key];
        return Array.isArray(value) ? value.filter((a): a is string => typeof a === 'string') : [];
      }),
    );
  return {
    actions: list('actions'),
    notActions: list('not_actions', 'notActions'),
    dataActions: list('data_actions', 'dataActions'),
    notDataActions: list('not_data_actions', 'notDataActions'),
  };
}

function grantRegressions(resource: ResourceChange, context: Context): Regression[] {
  if (kindOf(resource.type) !== 'role-assignment') return [];
  const out: Regression[] = [];
  const before = existsBefore(resource) ? abilitiesOf(resource.before, context) : undefined;
  const after = existsAfter(resource) ? abilitiesOf(resource.after, context) : undefined;
  const role = (values: JsonObject | undefined): string =>
    roleName(values) ?? (typeof values?.role_definition_id === 'string' ? 'custom role' : 'role');
  if (resource.action === 'delete' && roleName(resource.before) === 'AcrQuarantineWriter') {
    out.push({
      kind: 'quarantine-weakened',
      severity: 'high',
      message: 'release grant removed (AcrQuarantineWriter)',
      before: 'AcrQuarantineWriter',
      after: '(removed)',
      why: 'the scanner can no longer release quarantined images: new images stay unpullable or quarantine gets turned off',
    });
  }
  if (resource.action === 'delete' && before?.import) {
    out.push({
      kind: 'promotion-weakened',
      severity: 'high',
      message: 'promotion hop removed (import grant deleted)',
      before: role(resource.before),
      after: '(removed)',
      why: 'images can no longer be promoted into this environment by import from the one before it',
    });
  }
  const pushes = (abilities: RoleAbilities | undefined): boolean =>
    abilities !== undefined && pushPathsOf(abilities).length > 0;
  if (context.target && pushes(after) && !pushes(before)) {
    out.push({
      kind: 'promotion-weakened',
      severity: 'critical',
      message: 'push-capable grant added to a promotion target',
      ...(before ? { before: role(resource.before) } : {}),
      after: role(resource.after),
      why: 'images can be pushed straight into this environment, skipping promotion and its checks',
    });
  }
  return out;
}

function roleDefinitionRegressions(resource: ResourceChange): Regression[] {
  if (kindOf(resource.type) !== 'role-definition' || resource.action !== 'delete') return [];
  const permissions = resource.before ? definitionPermissions(resource.before) : undefined;
  if (!permissions?.actions.some((a) => a.toLowerCase() === IMPORT_IMAGE_ACTION.toLowerCase())) return [];
  const name = resource.before?.name ?? resource.before?.roleName;
  return [
    {
      kind: 'promotion-weakened',
      severity: 'high',
      message: 'promotion hop removed (importer role deleted)',
      before: typeof name === 'string' ? name : 'importer role',
      after: '(removed)',
      why: 'the promotion identity can no longer import images into this environment',
    },
  ];
}

// ----- tokens and scope maps -----------------------------------------------------------------------

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

function tokenRegressions(resource: ResourceChange, context: Context): Regression[] {
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
