/**
 * Helpers of the Pulumi tests: run a component or the program under mocks and pick resources.
 */
import type { PulumiResourceRecord } from '../../policies/inventory/pulumi-resources/build';
import { runUnderMocks } from '../../policies/inventory/pulumi-program/mocks';
import type { MockRunResult } from '../../policies/inventory/pulumi-program/mocks';
import { Environment } from '../../constructs/pulumi/environment';
import type { EnvironmentArgs } from '../../constructs/pulumi/environment';
import { defineEstate } from '../../constructs/model/estate';
import type { EstateDeclaration } from '../../constructs/model/declaration';

/** Renders every environment of `estate` (one mock run each), keyed by environment name. */
export async function renderEstate(
  estate: EstateDeclaration,
  extra: Partial<Omit<EnvironmentArgs, 'environment'>> = {},
): Promise<Map<string, MockRunResult>> {
  const resolved = defineEstate(estate);
  const out = new Map<string, MockRunResult>();
  for (const environment of resolved.environments) {
    const result = await runUnderMocks(
      () =>
        new Environment(environment.name, { tokenPasswordsIssuedOn: '2026-01-01', ...extra, environment }),
      { stack: environment.name },
    );
    out.set(environment.name, result);
  }
  return out;
}

/** Resources of a type token. */
export function ofType(result: MockRunResult, type: string): PulumiResourceRecord[] {
  return result.resources.filter((r) => r.type === type);
}

/** The one resource of a type token (fails when there is not exactly one). */
export function one(result: MockRunResult, type: string): PulumiResourceRecord {
  const found = ofType(result, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}

/** The type token at the end of a URN's type chain, e.g. `acr-iac:index:Registry`. */
export function parentType(record: PulumiResourceRecord): string | undefined {
  return record.parent?.split('::')[2]?.split('$').pop();
}

/** True when a value is a secret wrapper recorded by the mocks. */
export function isSecret(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { secret?: unknown }).secret === true;
}

/** azure-native type tokens the components register, written out independently of the adapter's list. */
export const AZURE_NATIVE = {
  registry: 'azure-native:containerregistry:Registry',
  replication: 'azure-native:containerregistry:Replication',
  task: 'azure-native:containerregistry:Task',
  webhook: 'azure-native:containerregistry:Webhook',
  token: 'azure-native:containerregistry:Token',
  tokenPassword: 'azure:containerservice/tokenPassword:TokenPassword',
  scopeMap: 'azure-native:containerregistry:ScopeMap',
  roleAssignment: 'azure-native:authorization:RoleAssignment',
  roleDefinition: 'azure-native:authorization:RoleDefinition',
  lock: 'azure-native:authorization:ManagementLockAtResourceLevel',
  diagnostics: 'azure-native:monitor:DiagnosticSetting',
  zone: 'azure-native:privatedns:PrivateZone',
  link: 'azure-native:privatedns:VirtualNetworkLink',
  endpoint: 'azure-native:network:PrivateEndpoint',
  zoneGroup: 'azure-native:network:PrivateDnsZoneGroup',
  identity: 'azure-native:managedidentity:UserAssignedIdentity',
  group: 'azure-native:resources:ResourceGroup',
} as const;
