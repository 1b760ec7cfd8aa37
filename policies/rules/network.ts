/**
 * Network exposure: public access, the network default action, private endpoints with private DNS,
 * exports and dedicated data endpoints.
 */
import {
  PRIVATE_DNS_ZONE,
  PRIVATE_ENDPOINT_GROUP_ID,
  isPrivateDnsZoneName,
} from '../../constructs/model/private-dns';
import { isCertain, listGap, unattachedOf, undecidedDoubt } from '../inventory/input-notes';
import type { PrivateEndpoint, Setting } from '../inventory/types';
import { isUnknown } from '../inventory/types';
import { BoundedCache } from '../inventory/bounded-cache';
import { openIpRanges } from './ip-ranges';
import { becauseOf, eachItem, registryLabel, reportGap, unknownText } from './outcomes';
import { boundByTier, expectTierSetting } from './tier-bound';
import type { Outcomes, RegistryRuleDefinition } from './types';

/** ACR-003: public network access is disabled. */
export const publicNetworkDisabled: RegistryRuleDefinition = {
  id: 'ACR-003',
  title: 'Public network access is disabled',
  severity: 'high',
  posture: 'hardened',
  rationale:
    'A registry reachable from the internet is exposed to credential stuffing and data exfiltration.',
  remediation:
    'Set `public_network_access_enabled = false` and reach the registry through private endpoints (declaration: `publicNetworkAccess: false`).',
  references: { checkov: ['CKV_AZURE_139'], azurePolicy: ['0fdf0491-d080-4575-b627-ad0e843cba0f'] },
  judge: (out, registry) =>
    expectTierSetting(
      out,
      registry,
      registry.publicNetworkAccess,
      false,
      'Public network access',
      'disablePublicNetworkAccess',
      true,
    ),
};

/** ACR-004: network access is not unrestricted. */
export const networkRestricted: RegistryRuleDefinition = {
  id: 'ACR-004',
  title: 'Network access is not unrestricted',
  severity: 'high',
  posture: 'hardened',
  rationale:
    'With public access on and the default action Allow, or an IP allow list that admits every address (`0.0.0.0/0`), every network on the internet can reach the registry.',
  remediation:
    'Disable public network access, or set `network_rule_set.default_action = "Deny"` with an IP allow list of the ranges that need access (not `0.0.0.0/0`).',
  references: { azurePolicy: ['d0793b48-0edc-4296-a390-4c75d1bdfd71'] },
  judge: (out, registry) => {
    const name = registryLabel(registry);
    // A SKU without network rules cannot deny by default, nor (below Premium) turn public access off.
    const access = boundByTier(
      registry,
      registry.publicNetworkAccess,
      'disablePublicNetworkAccess',
      true,
      'public network access',
    );
    const action = boundByTier(
      registry,
      registry.networkDefaultAction,
      'networkRules',
      'Allow',
      'the network default action',
    );
    if (access.value === false) return out.pass(`public network access is disabled on ${name}`);
    if (isUnknown(access.value) || isUnknown(action.value)) {
      const value = isUnknown(access.value) ? access.value : action.value;
      return out.unknown(`the network exposure of ${name} ${unknownText(value)}`);
    }
    if (action.value !== 'Deny') {
      const notes = [access.note, action.note].filter((n) => n !== '');
      return out.fail(
        `${name} is public with network default action ${action.value}${notes.length > 0 ? `: ${notes.join('; ')}` : ''}`,
      );
    }
    const open = openIpRanges(registry.ipRanges);
    if (isUnknown(open))
      return out.unknown(`whether the IP rules of ${name} admit every address ${unknownText(open)}`);
    if (open.length > 0)
      return out.fail(
        `${name} denies by default but its IP rule${open.length > 1 ? 's' : ''} ${open.join(', ')} admit${open.length > 1 ? '' : 's'} every address on the internet`,
      );
    out.pass(`${name} denies networks outside its allow list`);
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
function privateEndpointOutcome(
  out: Outcomes,
  name: string,
  endpoints: readonly PrivateEndpoint[],
  gap: unknown,
): void {
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
    else return out.pass(`${name} has a private endpoint (${endpointLabel(endpoint)})`);
  }
  doubt ??= gap;
  if (doubt)
    return out.unknown(`whether ${name} has a connected private endpoint is not known${becauseOf(doubt)}`);
  if (manual.length > 0)
    return out.fail(
      `${name} has only manual private endpoint connections (${manual.map(endpointLabel).join(', ')}): they stay Pending until the registry owner approves them, and Azure Policy e8eef0a8 counts only approved connections`,
    );
  out.fail(`${name} has no private endpoint for sub-resource "${PRIVATE_ENDPOINT_GROUP_ID}"`);
}

const REGISTERS_IN_ZONE = ` registers in ${PRIVATE_DNS_ZONE}`;

/** ACR-006 on one endpoint: it registers in the privatelink zone. */
function zoneGroupOutcome(out: Outcomes, endpoint: PrivateEndpoint): void {
  const label = endpointLabel(endpoint);
  if (endpoint.dnsZones.some((zone) => isPrivateDnsZoneName(zone.name)))
    return out.pass(label + REGISTERS_IN_ZONE, endpoint.source);
  const unknownName = endpoint.dnsZones.find((zone) => isUnknown(zone.name))?.name;
  if (unknownName)
    return out.unknown(`the DNS zone of ${label} ${unknownText(unknownName)}`, endpoint.source);
  out.fail(`${label} has no DNS zone group in ${PRIVATE_DNS_ZONE}`, endpoint.source);
}

/** ` is linked to <count> VNet(s)`, once per count (a few counts on thousands of zones). */
const LINKED_TO = new BoundedCache<number, string>(1_000);

function linkedToText(count: number): string {
  return ` is linked to ${count} VNet(s)`;
}

/** ACR-007 on one endpoint: each of its privatelink zones is linked to a VNet; false when it has none. */
function vnetLinkOutcomes(out: Outcomes, endpoint: PrivateEndpoint): boolean {
  let judged = false;
  for (const z of endpoint.dnsZones) {
    if (!isPrivateDnsZoneName(z.name)) continue;
    judged = true;
    const label = endpointLabel(endpoint);
    // Only links known to exist and to be this zone's count (see VnetLink's presence). Counted only
    // when one is uncertain: the usual list is all certain.
    const certain = z.vnetLinks.every(isCertain) ? z.vnetLinks.length : z.vnetLinks.filter(isCertain).length;
    if (certain > 0) out.pass(`the zone of ${label}` + LINKED_TO.get(certain, linkedToText), endpoint.source);
    else if (z.vnetLinks.length > 0)
      out.unknown(
        `whether the zone of ${label} is linked to a VNet is not known${becauseOf(z.vnetLinks[0].presence)}`,
        endpoint.source,
      );
    else if (!z.managedHere)
      out.unknown(
        `the zone of ${label} is managed elsewhere; its VNet links are not visible here`,
        endpoint.source,
      );
    else out.fail(`the ${PRIVATE_DNS_ZONE} zone of ${label} is linked to no VNet`, endpoint.source);
  }
  return judged;
}

/** ACR-005: a private endpoint connects to the registry. */
export const privateEndpointPresent: RegistryRuleDefinition = {
  id: 'ACR-005',
  title: 'A private endpoint connects to the registry',
  severity: 'high',
  posture: 'hardened',
  rationale:
    'Private endpoints keep registry traffic on private networks; without one, clients need public access. A manual connection (`is_manual_connection = true`) stays Pending, and carries no traffic, until the registry owner approves it.',
  remediation: `Add an \`azurerm_private_endpoint\` with subresource \`${PRIVATE_ENDPOINT_GROUP_ID}\` and \`is_manual_connection = false\` (declaration: \`privateEndpoints\`); requires Premium.`,
  references: { azurePolicy: ['e8eef0a8-67cf-4eb4-9386-14b0e78733d4'] },
  judge: (out, registry) =>
    privateEndpointOutcome(
      out,
      registryLabel(registry),
      registry.privateEndpoints,
      listGap(registry, 'privateEndpoints') ??
        undecidedDoubt(
          registry,
          'privateEndpoints',
          (e) => servesRegistry(e) !== false && manualConnection(e) !== true,
        ),
    ),
};

/** ACR-006: every private endpoint registers in the privatelink.azurecr.io zone. */
export const privateDnsZoneGroup: RegistryRuleDefinition = {
  id: 'ACR-006',
  title: `Private endpoints have a ${PRIVATE_DNS_ZONE} DNS zone group`,
  severity: 'medium',
  posture: 'hardened',
  rationale: `Without a DNS zone group in ${PRIVATE_DNS_ZONE}, clients resolve the public address and the endpoint is not used; replica data endpoints go stale.`,
  remediation: `Add a \`private_dns_zone_group\` with the ID of the ${PRIVATE_DNS_ZONE} zone to each private endpoint.`,
  references: {},
  judge: (out, registry) => eachItem(out, registry, 'privateEndpoints', zoneGroupOutcome),
  judgeUnattached: (out, items) => {
    for (const u of unattachedOf(items, 'privateEndpoints')) zoneGroupOutcome(out, u.item);
  },
};

/** True when an endpoint has, or may have, a zone group in the privatelink zone. */
function mayUsePrivateLinkZone(endpoint: PrivateEndpoint): boolean {
  return endpoint.dnsZones.some((z) => isUnknown(z.name) || isPrivateDnsZoneName(z.name));
}

/** ACR-007: the private DNS zone is linked to a virtual network. */
export const privateDnsVnetLink: RegistryRuleDefinition = {
  id: 'ACR-007',
  title: 'The private DNS zone is linked to a virtual network',
  severity: 'medium',
  posture: 'hardened',
  rationale:
    'A private DNS zone resolves only in virtual networks linked to it; without a link no client finds the private endpoint.',
  remediation: `Add an \`azurerm_private_dns_zone_virtual_network_link\` from ${PRIVATE_DNS_ZONE} to each VNet that pulls images (declaration: \`privateDns.vnetLinks\`).`,
  references: {},
  judge: (out, registry) => {
    let judged = false;
    for (const endpoint of registry.privateEndpoints) judged = vnetLinkOutcomes(out, endpoint) || judged;
    if (reportGap(out, registry, 'privateEndpoints') || judged) return;
    // No privatelink zone group seen: not applicable only when every endpoint's zones are known.
    const unknownZone = registry.privateEndpoints
      .flatMap((e) => e.dnsZones.map((z) => z.name))
      .find(isUnknown);
    if (unknownZone)
      return out.unknown(
        `the DNS zones of ${registryLabel(registry)}'s endpoints are not known${becauseOf(unknownZone)}`,
      );
    // An endpoint the input does not place may be this registry's, with a privatelink zone group.
    const doubt = undecidedDoubt(registry, 'privateEndpoints', mayUsePrivateLinkZone);
    if (doubt)
      return out.unknown(
        `whether ${registryLabel(registry)} has a ${PRIVATE_DNS_ZONE} zone group is not known${becauseOf(doubt)}`,
      );
    out.notApplicable(`${registryLabel(registry)} has no ${PRIVATE_DNS_ZONE} zone group`);
  },
  judgeUnattached: (out, items) => {
    for (const u of unattachedOf(items, 'privateEndpoints')) vnetLinkOutcomes(out, u.item);
  },
};

/** ACR-014: exports are disabled, with public access off. */
export const exportDisabled: RegistryRuleDefinition = {
  id: 'ACR-014',
  title: 'Exports are disabled (with public access off)',
  severity: 'medium',
  posture: 'production',
  rationale:
    'Export (and import out of this registry) copies images to registries outside your control; Azure only honours the policy with public access off.',
  remediation:
    'Set `export_policy_enabled = false` and `public_network_access_enabled = false` (declaration: `exportEnabled: false`).',
  references: { azurePolicy: ['524b0254-c285-4903-bee6-bb8126cde579'] },
  judge: (out, registry) => {
    const name = registryLabel(registry);
    // Exports on, or unknown: that is the outcome, whatever the network.
    if (registry.exportEnabled !== false)
      return expectTierSetting(out, registry, registry.exportEnabled, false, 'Export', 'exportPolicy', true);
    if (isUnknown(registry.publicNetworkAccess))
      return out.unknown(`public network access of ${name} ${unknownText(registry.publicNetworkAccess)}`);
    if (registry.publicNetworkAccess)
      out.fail(
        `exports are disabled on ${name} but public network access is on, so Azure does not enforce it`,
      );
    else out.pass(`exports are disabled on ${name} with public access off`);
  },
};

/** ACR-015: dedicated data endpoints are enabled. */
export const dataEndpointsEnabled: RegistryRuleDefinition = {
  id: 'ACR-015',
  title: 'Dedicated data endpoints are enabled',
  severity: 'low',
  posture: 'production',
  rationale:
    'Dedicated data endpoints let firewalls allow exactly this registry’s blob traffic instead of `*.blob.core.windows.net`.',
  remediation: 'Set `data_endpoint_enabled = true` (declaration: `dataEndpoints: true`); requires Premium.',
  references: { checkov: ['CKV_AZURE_237'] },
  judge: (out, registry) =>
    expectTierSetting(
      out,
      registry,
      registry.dataEndpoints,
      true,
      'Dedicated data endpoints',
      'dataEndpoints',
      false,
    ),
};

/** Rules of this file. */
export const NETWORK_RULES: readonly RegistryRuleDefinition[] = [
  publicNetworkDisabled,
  networkRestricted,
  privateEndpointPresent,
  privateDnsZoneGroup,
  privateDnsVnetLink,
  exportDisabled,
  dataEndpointsEnabled,
];
