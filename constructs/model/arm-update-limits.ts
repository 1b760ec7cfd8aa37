/**
 * ARM properties an update of an existing resource may not change, by ARM type (lowercase, without
 * the API version), each with why. `azapi_update_resource` writes the whole merged resource back
 * (a PUT), and ARM does not take (or is not known to take) a new value for one of these on an
 * existing resource: the PUT may keep it or fail, so what a body sets there is not known to be the
 * setting after apply. Sources: the Microsoft.ContainerRegistry REST spec,
 * whose `ReplicationUpdateParameters` has `regionEndpointEnabled` (and tags) but not `zoneRedundancy`,
 * and whose `RegistryPropertiesUpdateParameters` (`Registry/Registry.models.tsp`) has no
 * `zoneRedundancy` either, a property of `RegistryProperties` only (azurerm v4 forces a new registry
 * to change `zone_redundancy_enabled`, FACTS.md section 1);
 * the ARM error `RoleAssignmentUpdateNotPermitted` ("Tenant ID, application ID, principal ID, and
 * scope are not allowed to be updated."), as ARM deployments report it (quoted from deployment
 * logs; the exact text is not confirmed on Microsoft Learn). Whether ARM
 * changes the role of an existing assignment in place is not confirmed.
 */

/** Why each property may not change, by property name, by ARM type. */
export const FIXED_ARM_PROPERTIES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'microsoft.containerregistry/registries': {
    zoneRedundancy:
      "ARM's update of a registry has no zoneRedundancy (it is set when the registry is created): whether a PUT changes it on an existing registry is not known",
  },
  'microsoft.containerregistry/registries/replications': {
    zoneRedundancy:
      "ARM's update of a replication has no zoneRedundancy: whether a PUT changes it on an existing replication is not known",
  },
  'microsoft.authorization/roleassignments': {
    principalId:
      "ARM refuses to change an existing assignment's principal (RoleAssignmentUpdateNotPermitted)",
    roleDefinitionId: "that ARM changes an existing assignment's role in place is not confirmed",
  },
};
