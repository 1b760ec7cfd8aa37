/**
 * Attaches the resources that point at a registry (endpoints, grants, tokens, webhooks, tasks,
 * diagnostics, locks, imports) to it, resolving references within the input.
 */
import { DIAGNOSTIC_CATEGORY_GROUPS } from '../../../constructs/model/diagnostics';
import { DIAGNOSTIC_LOG_CATEGORIES } from '../../../constructs/model/provider-defaults';
import { AttachedLists } from './attached-lists';
import type { ResourceIndex } from './links';
import { indexLinks, privateEndpointOf, privateEndpointTarget } from './private-network';
import type { RawResource } from './raw';
import { attachDeployResources } from './deploy-attachments';
import {
  blocks,
  compareCodeUnits,
  isExpression,
  sortIfNeeded,
  sourceOf,
  stringListSetting,
  stringSetting,
} from './raw';
import { attachRoleAssignments } from './role-assignments';
import { attachTokens } from './tokens';
import { attachTasks } from './tasks';
import { attachIngests } from './ingests';
import type {
  Diagnostic,
  ExternalIngest,
  ExternalTask,
  ExternalToken,
  Lock,
  RoleAssignment,
  ScopeMap,
  Setting,
  Webhook,
} from '../types';
import type { PartialUnknown, Unknown } from '../types';
import { UNKNOWN, isUnknown, unknownBecause } from '../types';
import type { AttachResult } from '../types';
import type { Detached } from './registry-links';

const DESTINATIONS = [
  'log_analytics_workspace_id',
  'storage_account_id',
  'eventhub_authorization_rule_id',
  'partner_solution_id',
] as const;

/** Appends `value` to `list` unless it holds it already (lists of a few categories: no Set per setting). */
function addOnce(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

/**
 * Adds the log categories of one log block to `categories`; the UNKNOWN (with its reason) when the
 * block's are not known.
 */
function addCategories(
  block: Readonly<Record<string, unknown>>,
  categories: string[],
  groups: string[],
): Unknown | undefined {
  // A block known only after apply (an element of `after_unknown.enabled_log`).
  if (isUnknown(block)) return block;
  const group = block.category_group;
  if (group === 'allLogs' || group === 'audit') {
    addOnce(groups, group);
    for (const c of DIAGNOSTIC_LOG_CATEGORIES) addOnce(categories, c);
  } else if (typeof block.category === 'string' && block.category !== '' && !block.category.includes('${')) {
    // (A plan writes the one of `category` and `category_group` that is not set as "".)
    addOnce(categories, block.category);
  } else if (isUnknown(block.category)) return block.category;
  else if (isUnknown(group)) return group;
  else if (typeof group === 'string' && group !== '')
    return unknownBecause(
      `its category_group is ${JSON.stringify(group)}, not a group whose categories are known here (${DIAGNOSTIC_CATEGORY_GROUPS.join(', ')})`,
    );
  else if (block.category !== undefined) return UNKNOWN;
  return undefined;
}

/** True when a destination is set, UNKNOWN when none is but one is unknown, else false. */
function hasDestination(v: Readonly<Record<string, unknown>>): Setting<boolean> {
  let unknown: Setting<boolean> | undefined;
  for (const key of DESTINATIONS) {
    const x = v[key];
    if (typeof x === 'string' && x.length > 0) return true;
    if (isUnknown(x)) unknown ??= x;
  }
  return unknown ?? false;
}

function diagnosticOf(file: string, r: RawResource): Diagnostic {
  const v = r.values;
  // In first-seen order, as a Set would keep them.
  const categories: string[] = [];
  const groups: string[] = [];
  // The whole list may be unknown (a plan's `after_unknown.enabled_log`, a `dynamic` block).
  let unknown: Unknown | undefined = isUnknown(v.enabled_log) ? v.enabled_log : undefined;
  for (const block of blocks(v.enabled_log)) {
    const doubt = addCategories(block, categories, groups);
    unknown ??= doubt;
  }
  for (const block of blocks(v.log)) {
    const doubt = block.enabled === false ? undefined : addCategories(block, categories, groups);
    unknown ??= doubt;
  }
  return {
    source: sourceOf(r, file),
    name: stringSetting(v.name, ''),
    logCategories: unknown && categories.length === 0 ? unknown : sortIfNeeded(categories, compareCodeUnits),
    hasDestination: hasDestination(v),
    categoryGroups: unknown && groups.length === 0 ? unknown : sortIfNeeded(groups, compareCodeUnits),
  };
}

function scopeMapOf(file: string, r: RawResource): ScopeMap {
  return {
    source: sourceOf(r, file),
    name: stringSetting(r.values.name, ''),
    actions: stringListSetting(r.values.actions),
  };
}

/**
 * A webhook's URI: a template the input keeps unevaluated (`http://${azurerm_linux_web_app.s.default_hostname}/h`)
 * is unknown, with its literal start kept (see `knownPrefix`), which decides the scheme.
 */
function uriSetting(value: unknown): Setting<string> {
  if (typeof value !== 'string' || !isExpression(value)) return stringSetting(value, '');
  const partial: PartialUnknown = { unknown: true, partial: `${value.slice(0, value.indexOf('${'))}\${...}` };
  return Object.freeze(partial);
}

function webhookOf(file: string, r: RawResource): Webhook {
  // `status` defaults to enabled; an undecided one (a variable, a reference) stays unknown with its reason.
  const status = stringSetting(r.values.status, 'enabled');
  return {
    source: sourceOf(r, file),
    name: stringSetting(r.values.name, ''),
    location: stringSetting(r.values.location, ''),
    serviceUri: uriSetting(r.values.service_uri),
    actions: stringListSetting(r.values.actions),
    scope: stringSetting(r.values.scope, ''),
    enabled: isUnknown(status) ? status : status !== 'disabled',
  };
}

function lockOf(file: string, r: RawResource): Lock {
  return {
    source: sourceOf(r, file),
    name: stringSetting(r.values.name, ''),
    level: stringSetting(r.values.lock_level, ''),
  };
}

/**
 * Resolves every attachment of the input to its registry. Attachments not attached to a managed
 * registry are returned as `detached` with what their target was; `registry-links.ts` decides them.
 */
export function attachAll(index: ResourceIndex, file: string): AttachResult & { detached: Detached[] } {
  const attached = new AttachedLists(index);
  const externalRoleAssignments: RoleAssignment[] = [];
  const externalTokens: ExternalToken[] = [];
  const externalTasks: ExternalTask[] = [];
  const externalIngests: ExternalIngest[] = [];
  const detached: Detached[] = [];
  // Each item is built by a function of its own, not in these loops: this function runs once per
  // input, so only what it calls per resource gets optimized early. The loops are indexed for the
  // same reason: an unoptimized for...of makes an iterator result per resource.
  attachRoleAssignments(index, file, attached, externalRoleAssignments, detached);
  const links = indexLinks(index, file);
  const endpoints = index.ofType('azurerm_private_endpoint');
  for (let i = 0; i < endpoints.length; i += 1) {
    const r = endpoints[i];
    const target = privateEndpointTarget(index, r);
    attached.add(detached, target, 'privateEndpoints', privateEndpointOf(index, links, file, r));
  }
  const scopeMaps = index.ofType('azurerm_container_registry_scope_map');
  for (let i = 0; i < scopeMaps.length; i += 1) {
    const r = scopeMaps[i];
    const target = index.registryFromName(r.values.container_registry_name);
    attached.add(detached, target, 'scopeMaps', scopeMapOf(file, r));
  }
  attachTokens(index, file, attached, externalTokens, detached);
  const webhooks = index.ofType('azurerm_container_registry_webhook');
  for (let i = 0; i < webhooks.length; i += 1) {
    const r = webhooks[i];
    attached.add(detached, index.registryFromName(r.values.registry_name), 'webhooks', webhookOf(file, r));
  }
  attachTasks(index, file, attached, externalTasks, detached);
  const diagnostics = index.ofType('azurerm_monitor_diagnostic_setting');
  for (let i = 0; i < diagnostics.length; i += 1) {
    const r = diagnostics[i];
    const target = index.registryFromId(r.values.target_resource_id);
    attached.add(detached, target, 'diagnostics', diagnosticOf(file, r));
  }
  const locks = index.ofType('azurerm_management_lock');
  for (let i = 0; i < locks.length; i += 1) {
    const r = locks[i];
    attached.add(detached, index.registriesInScope(r.values.scope), 'locks', lockOf(file, r));
  }
  attachDeployResources(index, file, attached, detached);
  attachIngests(index, file, attached, externalIngests, detached);
  return {
    attached: attached.byAddress,
    externalRoleAssignments,
    externalTokens,
    externalTasks,
    externalIngests,
    detached,
  };
}
