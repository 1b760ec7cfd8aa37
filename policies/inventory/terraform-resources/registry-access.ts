/**
 * The role assignment permissions mode of a registry in a Terraform input: the azurerm attribute
 * `role_assignment_mode` (azurerm 4.81 and later), or an `azapi_update_resource` that sets the ARM
 * property `roleAssignmentMode` on the registry (the route for the pinned azurerm, FACTS.md section 10).
 * Absent everywhere: the registry keeps the default mode.
 */
import { DEFAULT_ROLE_ASSIGNMENT_MODE } from '../../../constructs/model/role-directory';
import type { ResourceIndex } from './links';
import type { RawResource } from './raw';
import { asRecord, stringSetting } from './raw';
import type { Setting } from '../types';
import { UNKNOWN, isUnknown } from '../types';

const AZAPI_TYPES = ['azapi_update_resource', 'azapi_resource'] as const;

/** `body.properties.roleAssignmentMode` of an azapi body (an object, or a JSON string literal). */
function modeInBody(body: unknown): Setting<string> | undefined {
  if (isUnknown(body)) return UNKNOWN;
  let value: unknown = body;
  if (typeof body === 'string') {
    if (body.includes('${')) return UNKNOWN;
    try {
      value = JSON.parse(body);
    } catch {
      return UNKNOWN;
    }
  }
  const properties = asRecord(asRecord(value)?.properties);
  if (!properties || !('roleAssignmentMode' in properties)) return undefined;
  return stringSetting(properties.roleAssignmentMode, DEFAULT_ROLE_ASSIGNMENT_MODE);
}

/** The effective role assignment mode of `registry`. */
export function roleAssignmentModeOf(index: ResourceIndex, registry: RawResource): Setting<string> {
  for (const type of AZAPI_TYPES) {
    for (const r of index.ofType(type)) {
      const armType = r.values.type;
      if (typeof armType === 'string' && !/^Microsoft\.ContainerRegistry\/registries@/i.test(armType))
        continue;
      const target = index.registryFromId(
        type === 'azapi_update_resource' ? r.values.resource_id : r.values.parent_id,
      );
      if (target?.kind !== 'managed' || !target.addresses.includes(registry.address)) continue;
      const mode = modeInBody(r.values.body);
      if (mode !== undefined) return mode;
    }
  }
  return stringSetting(registry.values.role_assignment_mode, DEFAULT_ROLE_ASSIGNMENT_MODE);
}
