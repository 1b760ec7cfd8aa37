/**
 * Shapes of Azure resource IDs and other identifiers a declaration refers to.
 *
 * A declaration is plain data that both engines render, so an ID must be the literal ID: a reference to
 * another resource's output (`${...}`) would be evaluated by Terraform and taken literally by Pulumi.
 * Resource IDs follow ARM: `/subscriptions/<GUID>/resourceGroups/<group>/providers/<namespace>/<type>/<name>`,
 * case-insensitive in everything but the names.
 */
import { NAME_RULES } from './names';

const GUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const GUID = new RegExp(`^${GUID_SOURCE}$`, 'i');
/** A resource group name, as NAME_RULES.resourceGroup has it. */
const GROUP = NAME_RULES.resourceGroup.pattern.source.slice(1, -1);
/** A name segment: what ARM accepts in the names of the resource types below. */
const SEGMENT = '[\\w.-]{1,128}';

/** The kinds of resource ID a declaration takes: provider path after `providers/`, and a label. */
const RESOURCE_ID_KINDS = {
  subnet: {
    path: `Microsoft\\.Network/virtualNetworks/${SEGMENT}/subnets/${SEGMENT}`,
    label: 'subnet',
    example: 'Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>',
  },
  virtualNetwork: {
    path: `Microsoft\\.Network/virtualNetworks/${SEGMENT}`,
    label: 'virtual network',
    example: 'Microsoft.Network/virtualNetworks/<vnet>',
  },
  privateDnsZone: {
    path: `Microsoft\\.Network/privateDnsZones/${SEGMENT}`,
    label: 'private DNS zone',
    example: 'Microsoft.Network/privateDnsZones/<zone>',
  },
  logAnalyticsWorkspace: {
    path: `Microsoft\\.OperationalInsights/workspaces/${SEGMENT}`,
    label: 'Log Analytics workspace',
    example: 'Microsoft.OperationalInsights/workspaces/<name>',
  },
  userAssignedIdentity: {
    path: `Microsoft\\.ManagedIdentity/userAssignedIdentities/${SEGMENT}`,
    label: 'user-assigned identity',
    example: 'Microsoft.ManagedIdentity/userAssignedIdentities/<name>',
  },
  containerRegistry: {
    path: `Microsoft\\.ContainerRegistry/registries/${SEGMENT}`,
    label: 'container registry',
    example: 'Microsoft.ContainerRegistry/registries/<name>',
  },
  keyVault: {
    path: `Microsoft\\.KeyVault/vaults/${SEGMENT}`,
    label: 'key vault',
    example: 'Microsoft.KeyVault/vaults/<name>',
  },
  storageAccount: {
    path: `Microsoft\\.Storage/storageAccounts/${SEGMENT}`,
    label: 'storage account',
    example: 'Microsoft.Storage/storageAccounts/<name>',
  },
  eventHubAuthorizationRule: {
    path: `Microsoft\\.EventHub/namespaces/${SEGMENT}/authorizationRules/${SEGMENT}`,
    label: 'Event Hub namespace authorization rule',
    example: 'Microsoft.EventHub/namespaces/<namespace>/authorizationRules/<rule>',
  },
} as const;

/** A kind of resource ID. */
export type ResourceIdKind = keyof typeof RESOURCE_ID_KINDS;

const KINDS = Object.keys(RESOURCE_ID_KINDS) as ResourceIdKind[];

/** Resource ID patterns by kind. */
export const RESOURCE_ID_PATTERNS: Readonly<Record<ResourceIdKind, RegExp>> = Object.fromEntries(
  KINDS.map((kind) => [
    kind,
    new RegExp(
      `^/subscriptions/${GUID_SOURCE}/resourceGroups/${GROUP}/providers/${RESOURCE_ID_KINDS[kind].path}$`,
      'i',
    ),
  ]),
) as Record<ResourceIdKind, RegExp>;

/** What a resource ID of `kind` looks like, for messages. */
export function resourceIdExample(kind: ResourceIdKind): string {
  return `/subscriptions/<subscription GUID>/resourceGroups/<group>/providers/${RESOURCE_ID_KINDS[kind].example}`;
}

/** The label of a kind, e.g. `virtual network`. */
export function resourceIdLabel(kind: ResourceIdKind): string {
  return RESOURCE_ID_KINDS[kind].label;
}

/** True when `value` is a reference to another resource's output (`${...}`). */
export function isReference(value: string): boolean {
  return value.startsWith('${');
}

/**
 * What is wrong with `value` as a resource ID of `kind` (`subscription "0" is not a GUID`, `it is a
 * virtual network ID`), or undefined when it is one.
 */
export function resourceIdProblem(value: string, kind: ResourceIdKind): string | undefined {
  if (RESOURCE_ID_PATTERNS[kind].test(value)) return undefined;
  const scope = /^\/subscriptions\/([^/]*)\/resourceGroups\/([^/]*)\/providers\//i.exec(value);
  if (!scope) return 'it is not an Azure resource ID';
  if (!GUID.test(scope[1])) return `its subscription "${scope[1]}" is not a GUID`;
  if (!NAME_RULES.resourceGroup.pattern.test(scope[2]))
    return `its resource group "${scope[2]}" is not a valid resource group name`;
  const other = KINDS.find((k) => RESOURCE_ID_PATTERNS[k].test(value));
  if (other) return `it is a ${RESOURCE_ID_KINDS[other].label} ID`;
  return `it names another type of resource`;
}

/** True when `value` is a resource ID of `kind`. */
export function isResourceId(value: string, kind: ResourceIdKind): boolean {
  return resourceIdProblem(value, kind) === undefined;
}

/** The subscription GUID a resource ID starts with, lowercased; undefined when it is not one. */
export function subscriptionOfId(resourceId: string): string | undefined {
  return /^\/subscriptions\/([0-9a-fA-F-]{36})(?:\/|$)/.exec(resourceId)?.[1]?.toLowerCase();
}

/** True when `value` is a GUID (an Entra object or client ID, a subscription ID). */
export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** The last segment (the name) of a resource ID. */
export function nameFromId(id: string): string {
  return id.split('/').pop() ?? id;
}

/** The resource group segment of a resource ID, if it has one. */
export function resourceGroupFromId(id: string): string | undefined {
  const match = /\/resourceGroups\/([^/]+)/i.exec(id);
  return match?.[1];
}

/** True when `value` is an IPv4 address or an IPv4 CIDR range. */
export function isIpv4Range(value: string): boolean {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(value);
  if (!match) return false;
  const octets = match.slice(1, 5).map(Number);
  const prefix = match[5] === undefined ? 32 : Number(match[5]);
  return octets.every((o) => o <= 255) && prefix <= 32;
}

/**
 * The resource group ID a resource ID lives in (`/subscriptions/<s>/resourceGroups/<rg>`); the ID
 * itself when it has no resource group segment.
 */
export function resourceGroupIdOf(resourceId: string): string {
  return /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+/i.exec(resourceId)?.[0] ?? resourceId;
}

/** The same as `resourceGroupIdOf`, as a Terraform `regex` pattern (RE2 syntax). */
export const RESOURCE_GROUP_ID_TERRAFORM_PATTERN = '(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+';

/**
 * A container registry's resource ID, to its end (case-insensitive, as Azure resource IDs are):
 * `.../registries/acr/webhooks/hook` is a child resource's ID, not the registry's, and a lock or grant
 * there is not one on the registry. Group 1 is the registry's name.
 */
export const REGISTRY_ID_PATTERN = /\/providers\/Microsoft\.ContainerRegistry\/registries\/([^/]+)\/?$/i;

/** The registry part of the ID of a registry or of one of its child resources. Group 1 is its name. */
export const REGISTRY_IN_ID_PATTERN = /\/providers\/Microsoft\.ContainerRegistry\/registries\/([^/]+)/i;
