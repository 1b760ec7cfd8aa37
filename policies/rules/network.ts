/**
 * Network exposure: public access, the network default action, private endpoints with private DNS,
 * exports and dedicated data endpoints.
 */
import { PRIVATE_DNS_ZONE, PRIVATE_ENDPOINT_GROUP_ID } from '../../constructs/model/private-dns';
import { isCertain, listGap, unattachedOf, undecidedDoubt } from '../inventory/input-notes';
import type { PrivateEndpoint, Setting } from '../inventory/types';
import { isUnknown } from '../inventory/types';
import {
  becauseOf,
  eachItem,
  expectSetting,
  fail,
  gapOutcome,
  notApplicable,
  pass,
  registryLabel,
  unknown,
  unknownText,
} from './outcomes';
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
      const value = isUnknown(registry.publicNetworkAccess)
        ? registry.publicNetworkAccess
        : registry.networkDefaultAction;
      return [unknown(`the network exposure of ${name} ${unknownText(value)}`)];
    }
    return [
      registry.networkDefaultAction === 'Deny'
        ? pass(`${name} denies networks outside its allow list`)
        : fail(`${name} is public with network default action ${registry.networkDefaultAction}`),
    ];
  },
};

/** Whether an endpoint connects to the registry sub-resource: true, false, or the UNKNOWN saying why not known. */
function servesRegistry(endpoint: PrivateEndpoint): Setting<boolean> {
  if (isUnknown(endpoint.subresources)) return endpoint.subresources;
  return endpoint.subresources.includes(PRIVATE_ENDPOINT_GROUP_ID);
}

/** The endpoint's connection needs approval (Pending until the registry owner approves it). */
function manualConnection(endpoint: PrivateEndpoint): Setting<boolean> {
  return endpoint.manualConnection ?? false;
}

function endpointLabel(endpoint: PrivateEndpoint): string {
  return isUnknown(endpoint.name) ? endpoint.source.address : endpoint.name;
}

/** ACR-005: the outcome from a registry's endpoints; only certain, automatic (or approved) connections count. */
function privateEndpointOutcome(name: string, endpoints: readonly PrivateEndpoint[], gap: unknown): Outcome {
  let doubt: unknown;
  const manual: PrivateEndpoint[] = [];
  for (const endpoint of endpoints) {
    const serves = servesRegistry(endpoint);
    const isManual = manualConnection(endpoint);
    if (serves === false) continue;
    if (isUnknown(serves)) doubt ??= serves;
    else if (isUnknown(isManual)) doubt ??= isManual;
    else if (isManual) manual.push(endpoint);
    else if (!isCertain(endpoint)) doubt ??= endpoint.presence;
    else return pass(`${name} has a private endpoint (${endpointLabel(endpoint)})`);
  }
  doubt ??= gap;
  if (doubt)
    return unknown(`whether ${name} has a connected private endpoint is not known${becauseOf(doubt)}`);
  if (manual.length > 0)
    return fail(
      `${name} has only manual private endpoint connections (${manual.map(endpointLabel).join(', ')}): they stay Pending until the registry owner approves them, and Azure Policy e8eef0a8 counts only approved connections`,
    );
  return fail(`${name} has no private endpoint for sub-resource "${PRIVATE_ENDPOINT_GROUP_ID}"`);
}

/** ACR-006 on one endpoint: it registers in the privatelink zone. */
function zoneGroupOutcome(endpoint: PrivateEndpoint): Outcome {
  const label = endpointLabel(endpoint);
  if (endpoint.dnsZones.some((zone) => zone.name === PRIVATE_DNS_ZONE))
    return pass(`${label} registers in ${PRIVATE_DNS_ZONE}`, endpoint.source);
  const unknownName = endpoint.dnsZones.find((zone) => isUnknown(zone.name))?.name;
  if (unknownName) return unknown(`the DNS zone of ${label} ${unknownText(unknownName)}`, endpoint.source);
  return fail(`${label} has no DNS zone group in ${PRIVATE_DNS_ZONE}`, endpoint.source);
}

/** ACR-007 on one endpoint: each of its privatelink zones is linked to a VNet (outcomes added to `outcomes`). */
function vnetLinkOutcomesTo(outcomes: Outcome[], endpoint: PrivateEndpoint): Outcome[] {
  for (const z of endpoint.dnsZones) {
    if (z.name !== PRIVATE_DNS_ZONE) continue;
    const label = endpointLabel(endpoint);
    if (z.vnetLinks.some(isCertain))
      outcomes.push(pass(`the zone of ${label} is linked to ${z.vnetLinks.length} VNet(s)`, endpoint.source));
    else if (z.vnetLinks.length > 0)
      outcomes.push(
        unknown(
          `whether the zone of ${label} is linked to a VNet is not known${becauseOf(z.vnetLinks[0].presence)}`,
          endpoint.source,
        ),
      );
    else if (!z.managedHere)
      outcomes.push(
        unknown(
          `the zone of ${label} is managed elsewhere; its VNet links are not visible here`,
          endpoint.source,
        ),
      );
    else
      outcomes.push(fail(`the ${PRIVATE_DNS_ZONE} zone of ${label} is linked to no VNet`, endpoint.source));
  }
  return outcomes;
}

/** ACR-005: a private endpoint connects to the registry. */
export const privateEndpointPresent: RegistryRule = {
  id: 'ACR-005',
  title: 'A private endpoint connects to the registry',
  severity: 'high',
  posture: 'hardened',
  rationale:
    'Private endpoints keep registry traffic on private networks; without one, clients need public access. A manual connection (`is_manual_connection = true`) stays Pending, and carries no traffic, until the registry owner approves it.',
  remediation: `Add an \`azurerm_private_endpoint\` with subresource \`${PRIVATE_ENDPOINT_GROUP_ID}\` and \`is_manual_connection = false\` (declaration: \`privateEndpoints\`); requires Premium.`,
  references: { azurePolicy: ['e8eef0a8-67cf-4eb4-9386-14b0e78733d4'] },
  check: (registry) => [
    privateEndpointOutcome(
      registryLabel(registry),
      registry.privateEndpoints,
      listGap(registry, 'privateEndpoints') ??
        undecidedDoubt(
          registry,
          'privateEndpoints',
          (e) => servesRegistry(e) !== false && manualConnection(e) !== true,
        ),
    ),
  ],
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
  check: (registry) => eachItem(registry, 'privateEndpoints', zoneGroupOutcome),
  checkUnattached: (items) => unattachedOf(items, 'privateEndpoints').map((u) => zoneGroupOutcome(u.item)),
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
    const outcomes: Outcome[] = [];
    for (const endpoint of registry.privateEndpoints) vnetLinkOutcomesTo(outcomes, endpoint);
    const gap = gapOutcome(registry, 'privateEndpoints');
    if (gap) outcomes.push(gap);
    if (outcomes.length > 0) return outcomes;
    // No privatelink zone group seen: not applicable only when every endpoint's zones are known.
    const unknownZone = registry.privateEndpoints
      .flatMap((e) => e.dnsZones.map((z) => z.name))
      .find(isUnknown);
    if (unknownZone)
      return [
        unknown(
          `the DNS zones of ${registryLabel(registry)}'s endpoints are not known${becauseOf(unknownZone)}`,
        ),
      ];
    return [notApplicable(`${registryLabel(registry)} has no ${PRIVATE_DNS_ZONE} zone group`)];
  },
  checkUnattached: (items) =>
    unattachedOf(items, 'privateEndpoints').flatMap((u) => vnetLinkOutcomesTo([], u.item)),
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
      return [unknown(`public network access of ${name} ${unknownText(registry.publicNetworkAccess)}`)];
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
