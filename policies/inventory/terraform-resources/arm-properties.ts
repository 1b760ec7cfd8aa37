/**
 * What `azapi_update_resource` does to a registry: each update whose `resource_id` is the registry
 * (or whose `parent_id` and `name` name it) merges its `body` into the registry's ARM resource (azapi
 * "update_resource": it reads the resource, merges the body's properties into it and writes it
 * back), so what a body sets is the registry's
 * setting after apply, whatever azurerm set. It is how the ARM-only properties (ARM-audience tokens,
 * soft delete, task network bypass, role assignment mode) are set, and it may as well set what azurerm
 * sets (`adminUserEnabled`, `publicNetworkAccess`, `networkRuleSet`, `policies.*`, `sku`, ...). The
 * azurerm 4.81+ attributes `azuread_authentication_as_arm_policy_enabled` / `role_assignment_mode`
 * set two of them too. Absent everywhere: Azure's default. A body that cannot be read makes every
 * setting UNKNOWN; an update that may not exist, or may not be this registry's, makes what it sets
 * UNKNOWN. ARM property names: FACTS.md section 6. Updates of what is attached to a registry:
 * azapi-child-updates.ts and azurerm-child-updates.ts.
 */
import { ARM_REGISTRY_TYPE, REGISTRY_ARM_DEFAULTS } from '../../../constructs/model/arm-properties';
import { FIXED_ARM_PROPERTIES } from '../../../constructs/model/arm-update-limits';
import type { ExternalRegistryUpdate, Registry, Setting, Unknown } from '../types';
import { UNKNOWN, isUnknown, partialText, unknownBecause, unknownReason } from '../types';
import type { RegistryTarget, ResourceIndex } from './links';
import { AZAPI_UPDATE_RESOURCE, namedByParent } from './update-targets';
import { pushTo } from '../map-entry';
import type { RawResource } from './raw';
import {
  asRecord,
  azapiBodyOf,
  boolSetting,
  numberSetting,
  parseReference,
  sourceOf,
  stringSetting,
} from './raw';
import { compareCodeUnits } from '../../../constructs/model/order';
import { trustedServicesOf } from '../trusted-services';

/** The registry settings an update's body may set. */
const AZAPI_SETTINGS = [
  'armAudienceTokens',
  'softDeleteDays',
  'taskNetworkBypass',
  'roleAssignmentMode',
  'sku',
  'adminEnabled',
  'anonymousPull',
  'publicNetworkAccess',
  'networkRuleSet',
  'networkDefaultAction',
  'trustedServices',
  'ipRanges',
  'zoneRedundancy',
  'dataEndpoints',
  'quarantine',
  'trustPolicy',
  'exportEnabled',
  'retentionDays',
  'customerManagedKey',
] as const;

/** The settings of one registry that azapi updates may set. */
export type AzapiSettings = Pick<Registry, (typeof AZAPI_SETTINGS)[number]>;

/** The four ARM-only properties of one registry. */
export type ArmProperties = Pick<
  Registry,
  'armAudienceTokens' | 'softDeleteDays' | 'taskNetworkBypass' | 'roleAssignmentMode'
>;

/** Every setting unknown, for `reason` (a body that cannot be read). */
function allUnknown(reason: Unknown): AzapiSettings {
  return Object.fromEntries(AZAPI_SETTINGS.map((key) => [key, reason])) as unknown as AzapiSettings;
}

/** The ARM-only properties of a registry before any update: azurerm 4.81+'s attributes, or Azure's defaults. */
export function armPropertiesOf(registry: RawResource): ArmProperties {
  const v = registry.values;
  return {
    armAudienceTokens: boolSetting(
      v.azuread_authentication_as_arm_policy_enabled,
      REGISTRY_ARM_DEFAULTS.armAudienceTokens,
    ),
    softDeleteDays: REGISTRY_ARM_DEFAULTS.softDeleteDays,
    taskNetworkBypass: REGISTRY_ARM_DEFAULTS.taskNetworkBypass,
    roleAssignmentMode: stringSetting(v.role_assignment_mode, REGISTRY_ARM_DEFAULTS.roleAssignmentMode),
  };
}

function status(value: unknown): Setting<boolean> | undefined {
  if (value === undefined) return undefined;
  const text = stringSetting(value);
  if (text === undefined || isUnknown(text)) return UNKNOWN;
  return text.toLowerCase() === 'enabled';
}

/** A status property (`Enabled`/`Disabled`, any case) that `value` sets, if it sets one. */
function statusSet(value: unknown): Setting<boolean> | undefined {
  if (isUnknown(value)) return value;
  return status(value);
}

/** What an `encryption` object sets: customer-managed key on (status enabled with a key) or off. */
function encryptionSet(value: unknown): Setting<boolean> {
  if (isUnknown(value)) return value;
  const on = status(asRecord(value)?.status);
  if (on === undefined || isUnknown(on)) return UNKNOWN;
  const key = asRecord(asRecord(value)?.keyVaultProperties)?.keyIdentifier;
  if (!on) return false;
  return isUnknown(key) ? key : typeof key === 'string' && key.length > 0;
}

/** The object at `key` of `record`: its UNKNOWN when unknown, undefined when absent. */
function objectAt(
  record: Readonly<Record<string, unknown>>,
  key: string,
): Readonly<Record<string, unknown>> | Unknown | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  return isUnknown(value) ? value : (asRecord(value) ?? UNKNOWN);
}

/** Applies what the `policies` of one body set over `out`. */
function applyPolicies(
  policies: Readonly<Record<string, unknown>>,
  out: { -readonly [K in keyof AzapiSettings]: AzapiSettings[K] },
): void {
  const arm = objectAt(policies, 'azureADAuthenticationAsArmPolicy');
  if (arm !== undefined) out.armAudienceTokens = isUnknown(arm) ? arm : (status(arm.status) ?? UNKNOWN);
  const soft = objectAt(policies, 'softDeletePolicy');
  if (soft !== undefined) {
    const on = isUnknown(soft) ? soft : status(soft.status);
    out.softDeleteDays =
      on === undefined || isUnknown(on)
        ? (on ?? UNKNOWN)
        : on && !isUnknown(soft)
          ? numberSetting(soft.retentionDays, 7)
          : 0;
  }
  const byStatus = [
    ['quarantinePolicy', 'quarantine'],
    ['trustPolicy', 'trustPolicy'],
    ['exportPolicy', 'exportEnabled'],
  ] as const;
  for (const [policy, setting] of byStatus) {
    const value = objectAt(policies, policy);
    if (value !== undefined)
      out[setting] = isUnknown(value) ? value : (statusSet(value.status) ?? out[setting]);
  }
  const retention = objectAt(policies, 'retentionPolicy');
  if (retention !== undefined) {
    const on = isUnknown(retention) ? retention : statusSet(retention.status);
    if (on !== undefined)
      out.retentionDays = isUnknown(on)
        ? on
        : on && !isUnknown(retention)
          ? numberSetting(retention.days, 7)
          : 0;
  }
}

/**
 * The ranges of an ARM `networkRuleSet.ipRules` list: each rule's `value` ("the IP or IP range in CIDR
 * format", Microsoft.ContainerRegistry REST spec `IPRule`; azure-native calls it `iPAddressOrRange`).
 */
function armIpRanges(rules: unknown): Setting<readonly Setting<string>[]> {
  if (!Array.isArray(rules)) return isUnknown(rules) ? rules : UNKNOWN;
  return rules.map((rule) => {
    if (isUnknown(rule)) return rule;
    const value = asRecord(rule)?.value;
    return value === undefined ? '' : (stringSetting(value) ?? UNKNOWN);
  });
}

/**
 * What an update's body sets on zone redundancy: a property ARM takes only when it creates the
 * registry (FIXED_ARM_PROPERTIES), so a value other than the current one is unknown, with why.
 */
function zoneRedundancyUpdate(
  value: unknown,
  current: Setting<boolean>,
  update: RawResource,
): Setting<boolean> {
  const set = statusSet(value);
  if (set === undefined || (!isUnknown(set) && set === current)) return current;
  const why = FIXED_ARM_PROPERTIES[ARM_REGISTRY_TYPE.toLowerCase()].zoneRedundancy;
  return unknownBecause(`${update.address} sets zoneRedundancy, but ${why}`);
}

/**
 * Applies what one body sets over `current`; `update` when the body updates an existing registry
 * (`azapi_update_resource`), not the one that creates it.
 */
function applyBody(
  body: Readonly<Record<string, unknown>>,
  current: AzapiSettings,
  update?: RawResource,
): AzapiSettings {
  const properties = body.properties;
  if (isUnknown(properties)) return allUnknown(properties);
  const props = asRecord(properties) ?? {};
  const out = { ...current };
  const sku = objectAt(body, 'sku');
  if (sku !== undefined) out.sku = isUnknown(sku) ? sku : (stringSetting(sku.name) ?? out.sku);
  if (props.adminUserEnabled !== undefined) out.adminEnabled = boolSetting(props.adminUserEnabled, false);
  if (props.anonymousPullEnabled !== undefined)
    out.anonymousPull = boolSetting(props.anonymousPullEnabled, false);
  if (props.dataEndpointEnabled !== undefined)
    out.dataEndpoints = boolSetting(props.dataEndpointEnabled, false);
  out.publicNetworkAccess = statusSet(props.publicNetworkAccess) ?? out.publicNetworkAccess;
  out.zoneRedundancy = update
    ? zoneRedundancyUpdate(props.zoneRedundancy, out.zoneRedundancy, update)
    : (statusSet(props.zoneRedundancy) ?? out.zoneRedundancy);
  if (props.networkRuleBypassOptions !== undefined)
    out.trustedServices = trustedServicesOf(stringSetting(props.networkRuleBypassOptions) ?? UNKNOWN);
  const network = objectAt(props, 'networkRuleSet');
  if (network !== undefined) {
    if (isUnknown(network)) {
      out.networkRuleSet = network;
      out.networkDefaultAction = network;
      out.ipRanges = network;
    } else {
      out.networkRuleSet = true;
      if (network.defaultAction !== undefined)
        out.networkDefaultAction = stringSetting(network.defaultAction) ?? UNKNOWN;
      const rules = network.ipRules;
      if (rules !== undefined) out.ipRanges = armIpRanges(rules);
    }
  }
  if (props.encryption !== undefined && props.encryption !== null)
    out.customerManagedKey = encryptionSet(props.encryption);
  const policies = objectAt(props, 'policies');
  if (policies !== undefined) {
    if (isUnknown(policies))
      for (const key of [
        'armAudienceTokens',
        'softDeleteDays',
        'quarantine',
        'trustPolicy',
        'exportEnabled',
        'retentionDays',
      ] as const)
        out[key] = policies;
    else applyPolicies(policies, out);
  }
  if (props.networkRuleBypassAllowedForTasks !== undefined)
    out.taskNetworkBypass = boolSetting(props.networkRuleBypassAllowedForTasks, false);
  if (props.roleAssignmentMode !== undefined)
    out.roleAssignmentMode = stringSetting(props.roleAssignmentMode) ?? UNKNOWN;
  return out;
}

/** True when the azapi resource updates a registry (its type names the registry resource type). */
function updatesRegistry(r: RawResource): Setting<boolean> {
  const type = r.values.type;
  if (typeof type !== 'string' || type.includes('${')) return UNKNOWN;
  return type.split('@')[0].toLowerCase() === ARM_REGISTRY_TYPE.toLowerCase();
}

/** The azapi updates of an input: by the address of the managed registry each updates, and those whose registry is not decided. */
export interface AzapiUpdates {
  readonly byRegistry: ReadonlyMap<string, readonly RawResource[]>;
  /** Updates of a registry type whose `resource_id` the input does not decide: each may update any registry. */
  readonly undecided: readonly { readonly update: RawResource; readonly reason: Unknown }[];
  /** Updates of a registry the input does not manage, named by its ID: that registry's name. */
  readonly external: readonly { readonly update: RawResource; readonly name: string }[];
}

/**
 * The value that names the registry an update targets: its `resource_id` (a registry ID), or with
 * `parent_id` (a resource group) its `name` (update-targets.ts: which one the input sets).
 */
function targetValue(index: ResourceIndex, r: RawResource): { attribute: string; value: unknown } {
  if (!namedByParent(r)) return { attribute: 'resource_id', value: r.values.resource_id };
  // A child's parent is a registry: the update is not the registry's.
  if (index.registryFromId(r.values.parent_id)) return { attribute: 'name', value: undefined };
  return { attribute: 'name', value: r.values.name };
}

/** The registry an update targets, by what names it (see `targetValue`). */
function targetOf(index: ResourceIndex, r: RawResource): RegistryTarget | undefined {
  const { attribute, value } = targetValue(index, r);
  return attribute === 'name' ? index.registryFromName(value) : index.registryFromId(value);
}

/**
 * Why an update's `resource_id` (or `name`) may be one of the input's registries without resolving
 * to one, or undefined when it points elsewhere (another registry by name, another resource of the input).
 */
function undecidedTarget(index: ResourceIndex, r: RawResource): Unknown | undefined {
  const { attribute, value } = targetValue(index, r);
  const address = `${r.address}.${attribute}`;
  if (isUnknown(value)) {
    const partial = partialText(value);
    if (partial !== undefined && /\/providers\/(?!Microsoft\.ContainerRegistry)/i.test(partial))
      return undefined;
    const why = unknownReason(value);
    return unknownBecause(why ? `${address} is unknown: ${why}` : `${address} is known only after apply`);
  }
  if (typeof value !== 'string' || !value.includes('${')) return undefined;
  const ref = parseReference(value);
  // A resource of the input that is not a registry.
  if (ref && index.lookup(ref)) return undefined;
  return unknownBecause(`${address} = \`${value}\` does not resolve to a registry of the input`);
}

/** The azapi updates of the input, by the managed registry each updates. */
export function azapiUpdatesByRegistry(index: ResourceIndex): AzapiUpdates {
  const byRegistry = new Map<string, RawResource[]>();
  const undecided: { update: RawResource; reason: Unknown }[] = [];
  const external: { update: RawResource; name: string }[] = [];
  for (const r of index.ofType(AZAPI_UPDATE_RESOURCE)) {
    const target = targetOf(index, r);
    if (target?.kind === 'managed') {
      for (const address of target.addresses) pushTo(byRegistry, address, r);
      continue;
    }
    if (target?.kind === 'external' && !isUnknown(target.name)) {
      if (updatesRegistry(r) !== false) external.push({ update: r, name: target.name });
      continue;
    }
    const reason = updatesRegistry(r) === false ? undefined : undecidedTarget(index, r);
    if (reason) undecided.push({ update: r, reason });
  }
  return { byRegistry, undecided, external };
}

/** What a setting is before an update, in `externalRegistryUpdates`: what the update leaves alone stays it. */
const LEFT_ALONE = unknownBecause('left alone by the update');

/**
 * The updates of other inputs' registries, with the settings each writes there (evaluate.ts weighs
 * them against the registry's own, policies/other-inputs-updates.ts): what an update that may not
 * exist writes is UNKNOWN with why; a body that cannot be read may write every setting. Zone
 * redundancy is what the body says: whether ARM can still change it is the registry's question.
 */
export function externalRegistryUpdates(
  updates: AzapiUpdates['external'],
  file: string,
): ExternalRegistryUpdate[] {
  const base = allUnknown(LEFT_ALONE);
  const out: ExternalRegistryUpdate[] = [];
  for (const { update, name } of updates) {
    const next = applyUpdate(update, base);
    const sets: Record<string, unknown> = {};
    for (const key of AZAPI_SETTINGS) if (next[key] !== LEFT_ALONE) sets[key] = update.presence ?? next[key];
    const adminEnabled = (sets as Partial<AzapiSettings>).adminEnabled ?? false;
    if (Object.keys(sets).length > 0)
      out.push({ source: sourceOf(update, file), registryName: name, sets, adminEnabled });
  }
  return out;
}

/**
 * `next` where an update that may not apply (`doubt`) changed `current`: what it sets is unknown, with
 * the reason; what it leaves alone stays.
 */
function doubtful(current: AzapiSettings, next: AzapiSettings, doubt: Unknown): AzapiSettings {
  const out = { ...current };
  for (const key of AZAPI_SETTINGS)
    if (isUnknown(next[key]) || next[key] !== current[key]) (out as Record<string, unknown>)[key] = doubt;
  return out;
}

/**
 * Applies one update (its type and body) over `current`; `existing` when it updates the registry
 * after its creation (`azapi_update_resource`) rather than creating it.
 */
function applyUpdate(update: RawResource, current: AzapiSettings, existing = false): AzapiSettings {
  const kind = updatesRegistry(update);
  if (kind === false) return current;
  const body = azapiBodyOf(update.values.body);
  if (isUnknown(kind)) return allUnknown(unknownBecause(`the type of ${update.address} is not literal`));
  if (isUnknown(update.values.body)) return allUnknown(update.values.body);
  if (body === 'unknown')
    return allUnknown(
      unknownBecause(`the body of ${update.address} is not a literal object (check the plan)`),
    );
  return body ? applyBody(body, current, existing ? update : undefined) : current;
}

/** The settings of `registry` that azapi updates may set, as its inventory has them. */
function settingsOf(registry: Registry): AzapiSettings {
  const out: Record<string, unknown> = {};
  for (const key of AZAPI_SETTINGS) out[key] = registry[key];
  return out as unknown as AzapiSettings;
}

/**
 * `registry` (made by the caller for this) with the body of the `azapi_resource` that creates it
 * applied over Azure's defaults (`created`: its azurerm view, see azapi-views.ts, which keeps the
 * type and body); `registry` as it is for any other registry. Whether it exists is the registry's
 * presence, not a doubt about what its body sets.
 */
export function withCreatedBody(registry: Registry, created: RawResource): Registry {
  if (created.viewOf === undefined || created.mode !== 'managed') return registry;
  return written(registry, applyUpdate(created, settingsOf(registry)));
}

/** `registry` (made by the caller for this) with `settings` written into it. */
function written(registry: Registry, settings: AzapiSettings): Registry {
  // Written into the registry, which was made for this (a spread copy would give each registry a
  // shape of its own, and every rule reads them).
  const target = registry as { -readonly [K in keyof Registry]: Registry[K] };
  for (const key of AZAPI_SETTINGS)
    if (settings[key] !== registry[key]) (target as Record<string, unknown>)[key] = settings[key];
  return registry;
}

/**
 * `registry` (made by the caller for this) after the azapi updates that target it (in address order)
 * and those that may (their registry is not decided). What an update that may not exist (`count`,
 * `for_each`) or may not target this registry sets is unknown, with the reason.
 */
export function withAzapiUpdates(
  registry: Registry,
  updates: readonly RawResource[],
  undecided: AzapiUpdates['undecided'] = [],
): Registry {
  if (updates.length === 0 && undecided.length === 0) return registry;
  let out = settingsOf(registry);
  const ordered =
    updates.length > 1 ? [...updates].sort((a, b) => compareCodeUnits(a.address, b.address)) : updates;
  for (const update of ordered) {
    const next = applyUpdate(update, out, true);
    out = update.presence ? doubtful(out, next, update.presence) : next;
  }
  for (const { update, reason } of undecided) {
    const doubt = unknownBecause(
      `${update.address} may update this registry: ${unknownReason(reason) ?? 'its resource_id is not decided'}`,
    );
    out = doubtful(out, applyUpdate(update, out, true), doubt);
  }
  return written(registry, out);
}
