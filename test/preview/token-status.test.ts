/**
 * The danger block reads whether a token is enabled, in every engine's spelling: azurerm's and the
 * classic provider's `enabled` (default true), azure-native's and an azapi body's ARM `status`
 * (`enabled` / `disabled`: Microsoft.ContainerRegistry/registries/tokens). Re-enabling a disabled
 * token whose scope map can write to a promotion target adds a push capability, as a push-capable
 * token added does; a token that stays disabled cannot sign in. What is known only after apply says
 * "may". Inputs are hand-written in the shape `terraform show -json` and `pulumi preview --json` print.
 */
import type { Danger } from '../../preview';
import { findDangers, parsePulumiPreview, parseTerraformPlan } from '../../preview';
import {
  createStep,
  ORDER,
  planChange,
  PULUMI_UNKNOWN,
  pulumiPreviewOf,
  pulumiState,
  REGISTRY_ID,
  terraformPlanOf,
  updateStep,
} from './helpers';

const ACR = REGISTRY_ID;
const UNKNOWN = PULUMI_UNKNOWN;
const PUSH_MAP = `${ACR}/scopeMaps/_repositories_push`;
const PULL_MAP = `${ACR}/scopeMaps/_repositories_pull`;
const PUSH_ACTIONS = 'repositories/*/content/read, repositories/*/content/write';

const lines = (dangers: readonly Danger[]): string[] =>
  dangers
    .filter((d) => d.kind === 'promotion-weakened')
    .map((d) => `${d.address}: ${d.message} | ${d.before ?? '-'} -> ${d.after ?? '-'}`);

const AZURERM = 'azurerm_container_registry_token';
const azurermToken = (enabled: boolean | undefined, scopeMapId = PUSH_MAP) => ({
  name: 'ci-deployer',
  resource_group_name: 'rg-acr-prod',
  container_registry_name: 'acrprod01',
  scope_map_id: scopeMapId,
  ...(enabled !== undefined ? { enabled } : {}),
});
const azapiToken = (status: string | undefined, scopeMapId = PUSH_MAP) => ({
  type: 'Microsoft.ContainerRegistry/registries/tokens@2023-07-01',
  name: 'ci-deployer',
  parent_id: ACR,
  body: { properties: { scopeMapId, ...(status !== undefined ? { status } : {}) } },
});
const NATIVE = 'azure-native:containerregistry:Token';
const CLASSIC = 'azure:containerservice/registryToken:RegistryToken';
const nativeToken = (status: string, scopeMapId = PUSH_MAP) =>
  pulumiState(NATIVE, 'ci', {
    tokenName: 'ci-deployer',
    registryName: 'acrprod01',
    resourceGroupName: 'rg-acr-prod',
    scopeMapId,
    status,
  });
const classicToken = (enabled: boolean, scopeMapId = PUSH_MAP) =>
  pulumiState(CLASSIC, 'ci', {
    name: 'ci-deployer',
    containerRegistryName: 'acrprod01',
    resourceGroupName: 'rg-acr-prod',
    scopeMapId,
    enabled,
  });

const planDangers = (stack: string, ...changes: object[]) =>
  findDangers([parseTerraformPlan(terraformPlanOf(...changes), stack)], { order: ORDER });
const pulumiDangers = (...steps: object[]) =>
  findDangers([parsePulumiPreview(pulumiPreviewOf(...steps), 'prod')], { order: ORDER });

const REENABLED = `disabled token of a promotion target re-enabled with write access | disabled -> ${PUSH_ACTIONS}`;

describe('a disabled token of a promotion target re-enabled', () => {
  it('is flagged in an azurerm plan when its scope map can write, and only in a promotion target', () => {
    const reenabled = planChange(AZURERM, 'ci', ['update'], azurermToken(false), azurermToken(true));
    expect(lines(planDangers('prod', reenabled))).toEqual([`${AZURERM}.ci: ${REENABLED}`]);
    expect(lines(planDangers('dev', reenabled))).toEqual([]);
    // Left out, `enabled` is azurerm's default: true.
    const defaulted = planChange(AZURERM, 'ci', ['update'], azurermToken(false), azurermToken(undefined));
    expect(lines(planDangers('prod', defaulted))).toEqual([`${AZURERM}.ci: ${REENABLED}`]);
    // A pull-only token re-enabled: nothing to say.
    const pull = planChange(
      AZURERM,
      'ci',
      ['update'],
      azurermToken(false, PULL_MAP),
      azurermToken(true, PULL_MAP),
    );
    expect(lines(planDangers('prod', pull))).toEqual([]);
  });

  it('is flagged in an azapi body, an azure-native and a classic token', () => {
    const azapi = planChange(
      'azapi_resource',
      'ci',
      ['update'],
      azapiToken('disabled'),
      azapiToken('enabled'),
    );
    expect(lines(planDangers('prod', azapi))).toEqual([`azapi_resource.ci: ${REENABLED}`]);
    expect(lines(pulumiDangers(updateStep(nativeToken('disabled'), nativeToken('enabled'))))).toEqual([
      `${NATIVE}::ci: ${REENABLED}`,
    ]);
    expect(lines(pulumiDangers(updateStep(classicToken(false), classicToken(true))))).toEqual([
      `${CLASSIC}::ci: ${REENABLED}`,
    ]);
  });

  it('says "may" when the new status is known only after apply', () => {
    const may = `disabled push-capable token of a promotion target may be re-enabled: its new status cannot be read | disabled -> unknown status`;
    const hidden = planChange(AZURERM, 'ci', ['update'], azurermToken(false), azurermToken(undefined), {
      enabled: true,
    });
    expect(lines(planDangers('prod', hidden))).toEqual([`${AZURERM}.ci: ${may}`]);
    expect(lines(pulumiDangers(updateStep(nativeToken('disabled'), nativeToken(UNKNOWN))))).toEqual([
      `${NATIVE}::ci: ${may}`,
    ]);
  });

  it('says "may" when a re-enabled token keeps a scope map that cannot be read', () => {
    const elsewhere = `${ACR}/scopeMaps/elsewhere`;
    expect(
      lines(pulumiDangers(updateStep(classicToken(false, elsewhere), classicToken(true, elsewhere)))),
    ).toEqual([
      `${CLASSIC}::ci: disabled token of a promotion target re-enabled whose scope map cannot be read: it may be push-capable | disabled -> unknown scope map`,
    ]);
  });

  it('says nothing of a push-capable token that is disabled after the change', () => {
    const stays = planChange(AZURERM, 'ci', ['update'], azurermToken(false, PULL_MAP), azurermToken(false));
    expect(lines(planDangers('prod', stays))).toEqual([]);
    expect(lines(pulumiDangers(createStep(nativeToken('disabled'))))).toEqual([]);
    // Enabled, it is the push-capable token added it was before this change.
    expect(lines(pulumiDangers(createStep(nativeToken('enabled'))))).toEqual([
      `${NATIVE}::ci: push-capable token added to a promotion target | - -> ${PUSH_ACTIONS}`,
    ]);
  });
});
