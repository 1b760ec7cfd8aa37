/**
 * The installed bin on hand-written Terraform with ways into a promotion target that are not grants:
 * a connected registry (ReadWrite, azurerm's default, syncs what is pushed to it on premises) and the
 * admin user (its shared credentials can push), in the target's own stack and enabled by another
 * stack's azapi update (which also makes the target's own admin setting unknown: each stack writes its
 * value, and the last apply holds). A connected registry `mode` of the wrong JSON type is exit 2 with one line,
 * and nothing is written.
 */
import { foreignProject, premiumRegistry } from '../support/foreign-project';

const STAGING_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-acr-staging/providers/Microsoft.ContainerRegistry/registries/contosoacrstaging';

describe('the installed bin on ways in past promotion', () => {
  const project = foreignProject('ways-in-');
  const { bin, writeModule, resultsAt, refused } = project;

  /** prod's root module, its connected registry with `mode` when given (azurerm's default otherwise). */
  const prod = (mode?: unknown): string =>
    JSON.stringify({
      resource: {
        azurerm_container_registry: {
          acr: { ...premiumRegistry('contosoacrprod', 'rg-acr-prod'), admin_enabled: true },
        },
        azurerm_container_connected_registry: {
          factory: {
            name: 'factory1',
            container_registry_id: '${azurerm_container_registry.acr.id}',
            sync_token_id: '${azurerm_container_registry_token.sync.id}',
            ...(mode === undefined ? {} : { mode }),
          },
        },
      },
    });

  it('fails prod on its admin user and a ReadWrite connected registry, and refuses a mode that is no string', () => {
    writeModule('prod', 'main.tf.json', prod());
    const result = bin('check', 'prod', '--env', 'prod', '--format', 'json');
    expect(result.status).toBe(1);
    expect(resultsAt(result.stdout, 'ACR-024')).toEqual([
      'fail azurerm_container_connected_registry.factory',
      'fail azurerm_container_registry.acr',
    ]);
    writeModule('prod', 'main.tf.json', prod({ mode: 'ReadOnly' }));
    refused(
      bin('check', 'prod', '--env', 'prod', '-o', 'prod.json'),
      'prod/main.tf.json: resource.azurerm_container_connected_registry.factory.mode: expected a string, got an object',
      'prod.json',
    );
  });

  it('fails staging on an admin user that dev’s azapi update enables by its ID', () => {
    writeModule(
      'dev',
      'main.tf.json',
      JSON.stringify({
        resource: {
          azurerm_container_registry: { acr: premiumRegistry('contosoacrdev', 'rg-acr-dev') },
          azapi_update_resource: {
            admin: {
              type: 'Microsoft.ContainerRegistry/registries@2023-07-01',
              resource_id: STAGING_ID,
              body: { properties: { adminUserEnabled: true } },
            },
          },
        },
      }),
    );
    writeModule(
      'staging',
      'main.tf.json',
      JSON.stringify({
        resource: {
          azurerm_container_registry: { acr: premiumRegistry('contosoacrstaging', 'rg-acr-staging') },
        },
      }),
    );
    const result = bin('check', 'dev', 'staging', '--order', 'dev,staging', '--format', 'json');
    expect(resultsAt(result.stdout, 'ACR-105')).toEqual(['fail azapi_update_resource.admin']);
    expect(result.stdout).toContain(
      'dev lets an image into staging past promotion: the admin user of contosoacrstaging, which azapi_update_resource.admin enables, can push',
    );
    // staging's own configuration disables it, dev's update enables it: whichever applies last holds.
    expect(resultsAt(result.stdout, 'ACR-001')).toEqual([
      'pass azurerm_container_registry.acr',
      'unknown azurerm_container_registry.acr',
    ]);
    expect(result.stdout).toContain(
      'azapi_update_resource.admin (dev, dev/main.tf.json) writes true where contosoacrstaging has false: which holds depends on which stack applies last',
    );
  });
});
