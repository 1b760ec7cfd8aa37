/**
 * A role definition ID written as a scope then a role definition data source, all references
 * (`"${data.azurerm_subscription.primary.id}${data.azurerm_role_definition.x.id}"`, as azurerm's older
 * role assignment examples write it), names that definition's role. Anything else before the data
 * source (a literal, a variable) is not such an ID, and the role stays unidentified.
 */
import { rootModuleCheck } from './helpers';

const check = rootModuleCheck('acr-role-after-scope-', {});

const resources = (roleDefinitionId: string): Record<string, unknown> => ({
  azurerm_container_registry: {
    acr: {
      name: 'contosoacrprod',
      resource_group_name: 'rg-acr-prod',
      location: 'westeurope',
      sku: 'Premium',
      public_network_access_enabled: false,
    },
  },
  azurerm_role_assignment: {
    ci: {
      scope: '${azurerm_container_registry.acr.id}',
      role_definition_id: roleDefinitionId,
      principal_id: '11111111-1111-1111-1111-111111111111',
    },
  },
});

const data = {
  azurerm_subscription: { primary: {} },
  azurerm_role_definition: { push: { name: 'AcrPush' }, pull: { name: 'AcrPull' } },
};

describe('a role definition ID written as a scope then a role definition', () => {
  it('names the data source’s role', () => {
    expect(
      check(
        resources('${data.azurerm_subscription.primary.id}${data.azurerm_role_definition.push.id}'),
        ['ACR-024'],
        'prod',
        data,
      ),
    ).toEqual(['ACR-024 fail: 11111111-1111-1111-1111-111111111111 can push (AcrPush) on contosoacrprod']);
    expect(
      check(
        resources('${data.azurerm_subscription.primary.id}${data.azurerm_role_definition.pull.id}'),
        ['ACR-024'],
        'prod',
        data,
      ),
    ).toEqual(['ACR-024 pass: nothing but promotion can push into contosoacrprod']);
  });

  it('leaves the role unidentified when something else comes before it', () => {
    const [finding] = check(
      resources('/custom${data.azurerm_role_definition.push.id}'),
      ['ACR-024'],
      'prod',
      data,
    );
    expect(finding).toMatch(/^ACR-024 unknown: .*holds an unidentified role/);
  });
});
