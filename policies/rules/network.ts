/**
 * Network exposure: public access, the network default action, private endpoints with private DNS,
 * exports and dedicated data endpoints.
 */
import { PRIVATE_DNS_ZONE, PRIVATE_ENDPOINT_GROUP_ID } from '../../constructs/model/private-dns';
import type { PrivateEndpoint } from '../inventory/types';
import { isUnknown } from '../inventory/types';
import { expectSetting, fail, notApplicable, pass, registryLabel, unknown } from './outcomes';
import type { Outcome, RegistryRule } from './types';

/** ACR-003: public network access is disabled. */
export const publicNetworkDisabled: RegistryRule = {
  id: 'ACR-003',
  title: 'Public network access is disabled',
  severity: 'high',
  posture: 'hardened',
  rationale:
    'A registry reachable from the internet is exposed to credential stuffing and data exfiltration.',
  remediation:
    'Set `public_network_access_enabled = false` and reach the registry through private endpoints (declaration: `publicNetworkAccess: false`).',
  references: { checkov: ['CKV_AZURE_139'], azurePolicy: ['0fdf0491-d080-4575-b627-ad0e843cba0f'] },
  check: (registry) => [
    expectSetting(registry, registry.publicNetworkAccess, false, 'Public network access'),
  ],
};

/** ACR-004: network access is not unrestricted. */
export const networkRestricted: RegistryRule = {
  id: 'ACR-004',
  title: 'Network access is not unrestricted',
  severity: 'high',
  posture: 'hardened',
  rationale:
    'With public access on and the default action Allow, every network on the internet can reach the registry.',
  remediation:
    'Disable public network access, or set `network_rule_set.default_action = "Deny"` with an IP allow list.',
  references: { azurePolicy: ['d0793b48-0edc-4296-a390-4c75d1bdfd71'] },
  check: (registry) => {
    const name = registryLabel(registry);
    if (registry.publicNetworkAccess === false) return [pass(`public network access is disabled on ${name}`)];
    if (isUnknown(registry.publicNetworkAccess) || isUnknown(registry.networkDefaultAction)) {
      return [unknown(`the network exposure of ${name} is only known after apply`)];
    }
    return [
      registry.networkDefaultAction === 'Deny'
        ? pass(`${name} denies networks outside its allow list`)
        : fail(`${name} is public with network default action ${registry.networkDefaultAction}`),
    ];
  },
};

function servesRegistry(endpoint: PrivateEndpoint): boolean | undefined {
  if (isUnknown(endpoint.subresources)) return undefined;
  return endpoint.subresources.includes(PRIVATE_ENDPOINT_GROUP_ID);
}

/** ACR-005: a private endpoint connects to the registry. */
export const privateEndpointPresent: RegistryRule = {
  id: 'ACR-005',
  title: 'A private endpoint connects to the registry',
  severity: 'high',
  posture: 'hardened',
  rationale:
    'Private endpoints keep registry traffic on private networks; without one, clients need public access.',
  remediation: `Add an \`azurerm_private_endpoint\` with subresource \`${PRIVATE_ENDPOINT_GROUP_ID}\` (declaration: \`privateEndpoints\`); requires Premium.`,
  references: { azurePolicy: ['e8eef0a8-67cf-4eb4-9386-14b0e78733d4'] },
  check: (registry) => {
    const name = registryLabel(registry);
    const serving = registry.privateEndpoints.map(servesRegistry);
    if (serving.includes(true)) return [pass(`${name} has a private endpoint`)];
    if (serving.includes(undefined))
      return [unknown(`the sub-resources of the private endpoints of ${name} are only known after apply`)];
    return [fail(`${name} has no private endpoint for sub-resource "${PRIVATE_ENDPOINT_GROUP_ID}"`)];
  },
};

/** ACR-006: every private endpoint registers in the privatelink.azurecr.io zone. */
export const privateDnsZoneGroup: RegistryRule = {
  id: 'ACR-006',
  title: `Private endpoints have a ${PRIVATE_DNS_ZONE} DNS zone group`,
  severity: 'medium',
  posture: 'hardened',
  rationale: `Without a DNS zone group in ${PRIVATE_DNS_ZONE}, clients resolve the public address and the endpoint is not used; replica data endpoints go stale.`,
  remediation: `Add a \`private_dns_zone_group\` with the ID of the ${PRIVATE_DNS_ZONE} zone to each private endpoint.`,
  references: {},
  check: (registry) => {
    if (registry.privateEndpoints.length === 0)
      return [notApplicable(`${registryLabel(registry)} has no private endpoints`)];
    return registry.privateEndpoints.map((endpoint) => {
      const label = isUnknown(endpoint.name) ? endpoint.source.address : endpoint.name;
      const names = endpoint.dnsZones.map((zone) => zone.name);
      if (names.includes(PRIVATE_DNS_ZONE))
        return pass(`${label} registers in ${PRIVATE_DNS_ZONE}`, endpoint.source);
      if (names.some(isUnknown))
        return unknown(`the DNS zone of ${label} is only known after apply`, endpoint.source);
      return fail(`${label} has no DNS zone group in ${PRIVATE_DNS_ZONE}`, endpoint.source);
    });
  },
};

/** ACR-007: the private DNS zone is linked to a virtual network. */
export const privateDnsVnetLink: RegistryRule = {
  id: 'ACR-007',
  title: 'The private DNS zone is linked to a virtual network',
  severity: 'medium',
  posture: 'hardened',
  rationale:
    'A private DNS zone resolves only in virtual networks linked to it; without a link no client finds the private endpoint.',
  remediation: `Add an \`azurerm_private_dns_zone_virtual_network_link\` from ${PRIVATE_DNS_ZONE} to each VNet that pulls images (declaration: \`privateDns.vnetLinks\`).`,
  references: {},
  check: (registry) => {
    const zones = registry.privateEndpoints.flatMap((e) =>
      e.dnsZones.filter((z) => z.name === PRIVATE_DNS_ZONE).map((z) => ({ e, z })),
    );
    if (zones.length === 0)
      return [notApplicable(`${registryLabel(registry)} has no ${PRIVATE_DNS_ZONE} zone group`)];
    return zones.map(({ e, z }): Outcome => {
      const label = isUnknown(e.name) ? e.source.address : e.name;
      if (z.vnetLinks.length > 0)
        return pass(`the zone of ${label} is linked to ${z.vnetLinks.length} VNet(s)`, e.source);
      if (!z.managedHere)
        return unknown(
          `the zone of ${label} is managed elsewhere; its VNet links are not visible here`,
          e.source,
        );
      return fail(`the ${PRIVATE_DNS_ZONE} zone of ${label} is linked to no VNet`, e.source);
    });
  },
};

/** ACR-014: exports are disabled, with public access off. */
export const exportDisabled: RegistryRule = {
  id: 'ACR-014',
  title: 'Exports are disabled (with public access off)',
  severity: 'medium',
  posture: 'production',
  rationale:
    'Export (and import out of this registry) copies images to registries outside your control; Azure only honours the policy with public access off.',
  remediation:
    'Set `export_policy_enabled = false` and `public_network_access_enabled = false` (declaration: `exportEnabled: false`).',
  references: { azurePolicy: ['524b0254-c285-4903-bee6-bb8126cde579'] },
  check: (registry) => {
    const name = registryLabel(registry);
    const exported = expectSetting(registry, registry.exportEnabled, false, 'Export');
    if (exported.result !== 'pass') return [exported];
    if (isUnknown(registry.publicNetworkAccess))
      return [unknown(`public network access of ${name} is only known after apply`)];
    return registry.publicNetworkAccess
      ? [
          fail(
            `exports are disabled on ${name} but public network access is on, so Azure does not enforce it`,
          ),
        ]
      : [pass(`exports are disabled on ${name} with public access off`)];
  },
};

/** ACR-015: dedicated data endpoints are enabled. */
export const dataEndpointsEnabled: RegistryRule = {
  id: 'ACR-015',
  title: 'Dedicated data endpoints are enabled',
  severity: 'low',
  posture: 'production',
  rationale:
    'Dedicated data endpoints let firewalls allow exactly this registry’s blob traffic instead of `*.blob.core.windows.net`.',
  remediation: 'Set `data_endpoint_enabled = true` (declaration: `dataEndpoints: true`); requires Premium.',
  references: { checkov: ['CKV_AZURE_237'] },
  check: (registry) => [expectSetting(registry, registry.dataEndpoints, true, 'Dedicated data endpoints')],
};

/** Rules of this file. */
export const NETWORK_RULES: readonly RegistryRule[] = [
  publicNetworkDisabled,
  networkRestricted,
  privateEndpointPresent,
  privateDnsZoneGroup,
  privateDnsVnetLink,
  exportDisabled,
  dataEndpointsEnabled,
];
