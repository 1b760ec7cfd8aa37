/**
 * Shapes of Azure resource IDs and other identifiers a declaration refers to. A value that starts with
 * `${` is a reference to another resource's output and is taken as it is.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEGMENT = '[^/]+';

function resourceId(provider: string): RegExp {
  return new RegExp(`^/subscriptions/${SEGMENT}/resourceGroups/${SEGMENT}/providers/${provider}$`, 'i');
}

/** Resource ID patterns by kind. */
export const RESOURCE_ID_PATTERNS = {
  subnet: resourceId(`Microsoft\\.Network/virtualNetworks/${SEGMENT}/subnets/${SEGMENT}`),
  virtualNetwork: resourceId(`Microsoft\\.Network/virtualNetworks/${SEGMENT}`),
  privateDnsZone: resourceId(`Microsoft\\.Network/privateDnsZones/${SEGMENT}`),
  logAnalyticsWorkspace: resourceId(`Microsoft\\.OperationalInsights/workspaces/${SEGMENT}`),
  userAssignedIdentity: resourceId(`Microsoft\\.ManagedIdentity/userAssignedIdentities/${SEGMENT}`),
  containerRegistry: resourceId(`Microsoft\\.ContainerRegistry/registries/${SEGMENT}`),
  keyVault: resourceId(`Microsoft\\.KeyVault/vaults/${SEGMENT}`),
} as const;

/** A kind of resource ID. */
export type ResourceIdKind = keyof typeof RESOURCE_ID_PATTERNS;

/** True when `value` is a reference to another resource's output (`${...}`). */
export function isReference(value: string): boolean {
  return value.startsWith('${');
}

/** True when `value` is a resource ID of `kind`, or a reference. */
export function isResourceId(value: string, kind: ResourceIdKind): boolean {
  return isReference(value) || RESOURCE_ID_PATTERNS[kind].test(value);
}

/** True when `value` is a GUID (an Entra object ID), or a reference. */
export function isGuid(value: string): boolean {
  return isReference(value) || GUID.test(value);
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

/** True when `value` is a five-field cron expression (minute hour day month weekday). */
export function isCron(value: string): boolean {
  const fields = value.trim().split(/\s+/);
  return fields.length === 5 && fields.every((f) => /^[\d*,/-]+$|^[A-Za-z]{3}(?:-[A-Za-z]{3})?$/.test(f));
}

/** Azure region names as ARM spells them: lowercase letters and digits, e.g. `westeurope`. */
export function isRegionName(value: string): boolean {
  return /^[a-z][a-z0-9]{2,30}$/.test(value);
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
