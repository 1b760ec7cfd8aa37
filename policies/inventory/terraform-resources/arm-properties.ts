/**
 * The ARM-only registry properties (ARM-audience tokens, soft delete, task network bypass, role
 * assignment mode) of a Terraform input: from each `azapi_update_resource` whose `resource_id` is the
 * registry, and from the azurerm 4.81+ attributes
 * `azuread_authentication_as_arm_policy_enabled` / `role_assignment_mode` when a newer azurerm sets
 * them. Absent everywhere: Azure's default. A body that cannot be read makes every property UNKNOWN;
 * an update that may not exist, or may not be this registry's, makes what it sets UNKNOWN.
 */
import { ARM_REGISTRY_TYPE, REGISTRY_ARM_DEFAULTS } from '../../../constructs/model/arm-properties';
import type { Registry, Setting, Unknown } from '../types';
import { UNKNOWN, isUnknown, unknownBecause, unknownReason } from '../types';
import type { ResourceIndex } from './links';
import { pushTo } from '../map-entry';
import type { RawResource } from './raw';
import { asRecord, boolSetting, numberSetting, parseReference, stringSetting } from './raw';
import { compareCodeUnits } from '../../../constructs/model/order';

/** The four properties of one registry. */
export type ArmProperties = Pick<
  Registry,
  'armAudienceTokens' | 'softDeleteDays' | 'taskNetworkBypass' | 'roleAssignmentMode'
>;

const ALL_UNKNOWN: ArmProperties = {
  armAudienceTokens: UNKNOWN,
  softDeleteDays: UNKNOWN,
  taskNetworkBypass: UNKNOWN,
  roleAssignmentMode: UNKNOWN,
};

/** The body of an azapi resource as an object: azapi 2.x writes an object, 1.x a JSON string. */
function bodyOf(value: unknown): Readonly<Record<string, unknown>> | undefined | 'unknown' {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    if (value.includes('${')) return 'unknown';
    try {
      return asRecord(JSON.parse(value)) ?? 'unknown';
    } catch {
      return 'unknown';
    }
  }
  return asRecord(value) ?? 'unknown';
}

function status(value: unknown): Setting<boolean> | undefined {
  if (value === undefined) return undefined;
  const text = stringSetting(value);
  if (text === undefined || isUnknown(text)) return UNKNOWN;
  return text.toLowerCase() === 'enabled';
}

/** Applies what one body sets over `current`. */
function applyBody(body: Readonly<Record<string, unknown>>, current: ArmProperties): ArmProperties {
  const properties = body.properties;
  if (isUnknown(properties)) return ALL_UNKNOWN;
  const props = asRecord(properties) ?? {};
  const policies = props.policies;
  if (isUnknown(policies)) return { ...current, armAudienceTokens: UNKNOWN, softDeleteDays: UNKNOWN };
  const p = asRecord(policies) ?? {};
  const out = { ...current };
  const arm = p.azureADAuthenticationAsArmPolicy;
  if (arm !== undefined)
    out.armAudienceTokens = isUnknown(arm) ? UNKNOWN : (status(asRecord(arm)?.status) ?? UNKNOWN);
  const soft = p.softDeletePolicy;
  if (soft !== undefined) {
    const record = asRecord(soft);
    const on = isUnknown(soft) ? UNKNOWN : status(record?.status);
    out.softDeleteDays =
      on === undefined || isUnknown(on) ? UNKNOWN : on ? numberSetting(record?.retentionDays, 7) : 0;
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
}

/**
 * Why an update's `resource_id` may be one of the input's registries without resolving to one, or
 * undefined when it points elsewhere (another registry by name, another resource of the input).
 */
function undecidedTarget(index: ResourceIndex, r: RawResource): Unknown | undefined {
  const value = r.values.resource_id;
  const address = `${r.address}.resource_id`;
  if (isUnknown(value)) {
    const partial = (value as { partial?: unknown }).partial;
    if (typeof partial === 'string' && /\/providers\/(?!Microsoft\.ContainerRegistry)/i.test(partial))
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
  for (const r of index.ofType('azapi_update_resource')) {
    const target = index.registryFromId(r.values.resource_id);
    if (target?.kind === 'managed') {
      for (const address of target.addresses) pushTo(byRegistry, address, r);
      continue;
    }
    const named = target?.kind === 'external' && !isUnknown(target.name);
    const reason = named || updatesRegistry(r) === false ? undefined : undecidedTarget(index, r);
    if (reason) undecided.push({ update: r, reason });
  }
  return { byRegistry, undecided };
}

/**
 * `next` where an update that may not apply (`doubt`) changed `current`: what it sets is unknown, with
 * the reason; what it leaves alone stays.
 */
function doubtful(current: ArmProperties, next: ArmProperties, doubt: Unknown): ArmProperties {
  const out = { ...current };
  for (const key of Object.keys(current) as (keyof ArmProperties)[])
    if (isUnknown(next[key]) || next[key] !== current[key]) (out as Record<string, unknown>)[key] = doubt;
  return out;
}

/** Applies one update (its type and body) over `current`. */
function applyUpdate(update: RawResource, current: ArmProperties): ArmProperties {
  const kind = updatesRegistry(update);
  if (kind === false) return current;
  const body = bodyOf(update.values.body);
  if (kind !== true || body === 'unknown' || isUnknown(update.values.body)) return ALL_UNKNOWN;
  return body ? applyBody(body, current) : current;
}

/**
 * The ARM-only properties of `registry`, given the azapi updates that target it (in address order)
 * and those that may (their registry is not decided). What an update that may not exist (`count`,
 * `for_each`) or may not target this registry sets is unknown, with the reason.
 */
export function armPropertiesOf(
  registry: RawResource,
  updates: readonly RawResource[],
  undecided: AzapiUpdates['undecided'] = [],
): ArmProperties {
  const v = registry.values;
  let out: ArmProperties = {
    armAudienceTokens: boolSetting(
      v.azuread_authentication_as_arm_policy_enabled,
      REGISTRY_ARM_DEFAULTS.armAudienceTokens,
    ),
    softDeleteDays: REGISTRY_ARM_DEFAULTS.softDeleteDays,
    taskNetworkBypass: REGISTRY_ARM_DEFAULTS.taskNetworkBypass,
    roleAssignmentMode: stringSetting(v.role_assignment_mode, REGISTRY_ARM_DEFAULTS.roleAssignmentMode),
  };
  // Sorted in a copy only when there is something to sort: most registries have no update.
  const ordered =
    updates.length > 1 ? [...updates].sort((a, b) => compareCodeUnits(a.address, b.address)) : updates;
  for (const update of ordered) {
    const next = applyUpdate(update, out);
    out = update.presence ? doubtful(out, next, update.presence) : next;
  }
  for (const { update, reason } of undecided) {
    const doubt = unknownBecause(
      `${update.address} may update this registry: ${unknownReason(reason) ?? 'its resource_id is not decided'}`,
    );
    out = doubtful(out, applyUpdate(update, out), doubt);
  }
  return out;
}
