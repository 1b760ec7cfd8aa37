/**
 * The ARM-only registry properties (ARM-audience tokens, soft delete, task network bypass, role
 * assignment mode) of a Terraform input: from each `azapi_update_resource` whose `resource_id` is the
 * registry, and from the azurerm 4.81+ attributes
 * `azuread_authentication_as_arm_policy_enabled` / `role_assignment_mode` when a newer azurerm sets
 * them. Absent everywhere: Azure's default. A body that cannot be read makes every property UNKNOWN.
 */
import { ARM_REGISTRY_TYPE, REGISTRY_ARM_DEFAULTS } from '../../../constructs/model/arm-properties';
import type { Registry, Setting } from '../types';
import { UNKNOWN, isUnknown } from '../types';
import type { ResourceIndex } from './links';
import type { RawResource } from './raw';
import { asRecord, boolSetting, numberSetting, stringSetting } from './raw';

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

/** The azapi updates of each managed registry, by registry address. */
export function azapiUpdatesByRegistry(index: ResourceIndex): Map<string, RawResource[]> {
  const out = new Map<string, RawResource[]>();
  for (const r of index.ofType('azapi_update_resource')) {
    const target = index.registryFromId(r.values.resource_id);
    if (target?.kind !== 'managed') continue;
    for (const address of target.addresses) {
      const list = out.get(address) ?? [];
      list.push(r);
      out.set(address, list);
    }
  }
  return out;
}

/** The ARM-only properties of `registry`, given the azapi updates that target it (in address order). */
export function armPropertiesOf(registry: RawResource, updates: readonly RawResource[]): ArmProperties {
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
  for (const update of [...updates].sort((a, b) => a.address.localeCompare(b.address))) {
    const kind = updatesRegistry(update);
    if (kind === false) continue;
    const body = bodyOf(update.values.body);
    if (kind !== true || body === 'unknown' || isUnknown(update.values.body)) return ALL_UNKNOWN;
    if (body) out = applyBody(body, out);
  }
  return out;
}
