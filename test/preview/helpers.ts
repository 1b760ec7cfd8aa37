/**
 * Shared helpers of the preview tests: fixture paths, JSON loading, golden files (regenerate with
 * UPDATE_GOLDEN=1 npx jest test/preview).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The preview fixtures folder. */
export const FIXTURES = join(__dirname, '..', 'fixtures', 'preview');

/** Path of a plan fixture. */
export function planFixture(name: string): string {
  return join(FIXTURES, 'plans', name);
}

/** A parsed plan fixture. */
export function loadPlan(name: string): unknown {
  return JSON.parse(readFileSync(planFixture(name), 'utf8'));
}

/** Secret-looking values planted in the fixtures; none may ever appear in output. */
export const PLANTED_SECRETS = [
  's3cr3t-admin-password-VALUE',
  's3cr3t-token-password-VALUE',
  's3cr3t-webhook-header-VALUE',
  's3cr3t',
];

/** Compares `actual` with a golden file, or rewrites it when UPDATE_GOLDEN=1. */
export function expectGolden(name: string, actual: string): void {
  const file = join(FIXTURES, 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.UPDATE_GOLDEN !== '1')
      throw new Error(`golden file ${name} is missing: run with UPDATE_GOLDEN=1`);
    writeFileSync(file, actual);
    return;
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

/** A resource state as `pulumi preview --json` prints it, in stack `prod` of project `acr`. */
export function pulumiState(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
): { urn: string; type: string; custom: true; inputs: Record<string, unknown> } {
  return { urn: `urn:pulumi:prod::acr::${type}::${name}`, type, custom: true, inputs };
}

/** The state of registry `acrprod01` (Premium, westeurope) in a Pulumi preview. */
export const PULUMI_REGISTRY = pulumiState('azure-native:containerregistry:Registry', 'acr', {
  registryName: 'acrprod01',
  resourceGroupName: 'rg-acr-prod',
  location: 'westeurope',
  sku: { name: 'Premium' },
});

/** A geo-replica `name` of `acrprod01` in `location`, as a Pulumi preview state. */
export function pulumiReplication(name: string, location: string) {
  return pulumiState('azure-native:containerregistry:Replication', name, {
    registryName: 'acrprod01',
    resourceGroupName: 'rg-acr-prod',
    replicationName: location,
    location,
  });
}

/** A `same` step: the resource exists before and after, unchanged. */
export function sameStep(state: { urn: string }) {
  return { op: 'same', urn: state.urn, oldState: state, newState: state };
}

/** One entry of a plan's `resource_changes`, as `terraform show -json` prints it. */
export function planChange(
  type: string,
  name: string,
  actions: readonly string[],
  before: object | null,
  after: object | null,
  afterUnknown: object = {},
) {
  return {
    address: `${type}.${name}`,
    mode: 'managed',
    type,
    name,
    change: { actions, before, after, after_unknown: afterUnknown },
  };
}

/** A plan of `changes`, as `terraform show -json` prints it. */
export function terraformPlanOf(...changes: readonly object[]) {
  return { format_version: '1.2', terraform_version: '1.9.5', resource_changes: changes };
}

type StepState = ReturnType<typeof pulumiState>;

/** An `update` step of `pulumi preview --json`. */
export function updateStep(before: StepState, after: StepState) {
  return { op: 'update', urn: before.urn, oldState: before, newState: after };
}

/** A `create` step of `pulumi preview --json`. */
export function createStep(state: StepState) {
  return { op: 'create', urn: state.urn, newState: state };
}

/** A preview of `steps`, as `pulumi preview --json` prints it. */
export function pulumiPreviewOf(...steps: readonly object[]) {
  return { steps, changeSummary: {} };
}

/** The promotion order of the preview tests: staging and prod are promotion targets. */
export const ORDER = ['dev', 'staging', 'prod'];

/** The ID of registry `acrprod01` in resource group `rg-acr-prod`. */
export const REGISTRY_ID =
  '/subscriptions/5f3c1b2a-9d8e-4c7b-a6f5-1e2d3c4b5a69/resourceGroups/rg-acr-prod/providers/Microsoft.ContainerRegistry/registries/acrprod01';

/** What `pulumi preview --json` shows for a value known only after apply. */
export const PULUMI_UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';
