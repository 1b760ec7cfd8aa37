/**
 * A registry's admin user as a way into it past promotion. Microsoft Learn, "Authenticate with an
 * Azure container registry", Admin account: "The admin account has full permissions to the
 * registry", push included, with one shared username and two passwords. So an enabled admin user
 * in a promotion target lets in images no promotion chose (ACR-024 in production, ACR-105 in any
 * target), besides failing ACR-001; one the input does not decide is unknown there. Inputs are
 * hand-written azurerm and azapi Terraform JSON and azure-native resources as Pulumi registers them.
 */
import { checkInventories } from '../../policies';
import { inventoryFromPulumiResources } from '../../policies/inventory/pulumi-resources/build';
import { NATIVE_PROD_REGISTRY } from '../support/pulumi-records';
import { checkDevEstate, lockedDownAcr, registryIdOf, rootModuleCheck } from './helpers';

const ADMIN_PUSHES = (name: string): string =>
  `the admin user of ${name} can push: its shared credentials have full permissions to the registry`;

describe('an enabled admin user', () => {
  const check = rootModuleCheck('acr-admin-push-', { admin: { type: 'bool' } });
  const registry = (env: string, admin: unknown): Record<string, unknown> => ({
    azurerm_container_registry: { acr: { ...lockedDownAcr(env), admin_enabled: admin } },
  });

  it('fails ACR-024 in production beside ACR-001', () => {
    expect(check(registry('prod', true), ['ACR-001', 'ACR-024'])).toEqual([
      'ACR-001 fail: The admin user is enabled on contosoacrprod',
      `ACR-024 fail: ${ADMIN_PUSHES('contosoacrprod')} (past promotion)`,
    ]);
  });

  it('fails ACR-105 in staging, a promotion target', () => {
    expect(check(registry('staging', true), ['ACR-105'], 'staging')).toEqual([
      `ACR-105 fail: staging lets an image into staging past promotion: ${ADMIN_PUSHES('contosoacrstaging')}`,
    ]);
  });

  it('off (azurerm’s default) lets nothing in', () => {
    const off = { azurerm_container_registry: { acr: lockedDownAcr('staging') } };
    expect(check(off, ['ACR-105'], 'staging')).toEqual([
      'ACR-105 pass: nothing but promotion can push into staging',
    ]);
    expect(check(registry('prod', false), ['ACR-024'])).toEqual([
      'ACR-024 pass: nothing but promotion can push into contosoacrprod',
    ]);
  });

  it('that the input does not decide is unknown, with the reason', () => {
    expect(check(registry('prod', '${var.admin}'), ['ACR-024'])).toEqual([
      expect.stringMatching(
        /^ACR-024 unknown: whether the admin user of contosoacrprod is enabled is not known \(.*var\.admin.*\); enabled, its shared credentials can push$/,
      ),
    ]);
    expect(check(registry('staging', '${var.admin}'), ['ACR-105'], 'staging')).toEqual([
      expect.stringMatching(
        /^ACR-105 unknown: whether anything but promotion can push into staging is not known: whether the admin user of contosoacrstaging is enabled is not known \(.*var\.admin/,
      ),
    ]);
  });

  it('set by an azapi update of the registry fails ACR-024', () => {
    const resources = {
      ...registry('prod', false),
      azapi_update_resource: {
        admin: {
          type: 'Microsoft.ContainerRegistry/registries@2023-07-01',
          resource_id: '${azurerm_container_registry.acr.id}',
          body: { properties: { adminUserEnabled: true } },
        },
      },
    };
    expect(check(resources, ['ACR-024'])).toEqual([
      `ACR-024 fail: ${ADMIN_PUSHES('contosoacrprod')} (past promotion)`,
    ]);
  });

  it('of an azure-native registry fails ACR-024', () => {
    const inventory = inventoryFromPulumiResources(
      [{ ...NATIVE_PROD_REGISTRY, inputs: { ...NATIVE_PROD_REGISTRY.inputs, adminUserEnabled: true } }],
      { environment: 'prod', file: 'Pulumi.prod.yaml' },
    );
    const findings = checkInventories([inventory], { config: { order: ['prod'] } }).findings;
    expect(findings.filter((f) => f.ruleId === 'ACR-024').map((f) => `${f.result}: ${f.message}`)).toEqual([
      `fail: ${ADMIN_PUSHES('contosoacrprod')} (past promotion)`,
    ]);
  });
});

describe('an admin user enabled from another stack', () => {
  const update = (env: string, properties: Record<string, unknown>, extra = {}): Record<string, unknown> => ({
    type: 'Microsoft.ContainerRegistry/registries@2023-07-01',
    resource_id: registryIdOf(env),
    body: { properties },
    ...extra,
  });
  const acr105 = (format: 'cdktf' | 'plan', updates: Record<string, unknown>): string[] =>
    checkDevEstate(format, { azapi_update_resource: updates })
      .findings.filter((f) => f.ruleId === 'ACR-105')
      .map((f) => `${f.environment} ${f.result} ${f.location.address}: ${f.message}`);

  it.each(['cdktf', 'plan'] as const)(
    'by an azapi update of its registry’s ID fails ACR-105 there (%s)',
    (format) => {
      const updates = {
        admin: update('staging', { adminUserEnabled: true }),
        // An update that leaves the admin user alone lets nothing in.
        network: update('prod', { publicNetworkAccess: 'Disabled' }),
      };
      expect(acr105(format, updates)).toEqual([
        `staging fail azapi_update_resource.admin: dev lets an image into staging past promotion: the admin user of contosoacrstaging, which azapi_update_resource.admin enables, can push: its shared credentials have full permissions to the registry`,
        'prod pass azurerm_container_registry.acr: nothing but promotion can push into prod from another stack (its own admin user, grants, tokens, tasks, imports and cache rules: ACR-024)',
      ]);
    },
  );

  it('by an update that may not exist is unknown, with the reason', () => {
    const updates = { admin: update('prod', { adminUserEnabled: true }, { count: '${var.open ? 1 : 0}' }) };
    expect(acr105('cdktf', updates)).toEqual([
      'staging pass azurerm_container_registry.acr: nothing but promotion can push into staging',
      expect.stringMatching(
        /^prod unknown azurerm_container_registry\.acr: whether anything but promotion can push into prod is not known: whether azapi_update_resource\.admin enables the admin user of contosoacrprod is not known \(.*var\.open.*\); enabled, its shared credentials can push$/,
      ),
    ]);
  });
});
