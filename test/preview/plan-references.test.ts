/**
 * A role assignment whose role is a custom role created in the same apply: the plan knows its
 * `role_definition_id` only after apply, and its `configuration` section says which resource it
 * references (Terraform JSON output format: `expressions.<attribute>.references`). The danger block
 * follows that reference to the role definition in the change set and judges its permissions, rather
 * than warn that any such grant "may be push-capable". The same for a Pulumi preview, whose
 * assignment's `roleDefinitionId` depends on the new definition (`propertyDependencies`). Plans and
 * previews hand-written in the shapes `terraform show -json` (format 1.2) and `pulumi preview --json` print.
 */
import type { Danger } from '../../preview';
import { findDangers, parsePulumiPreview, parseTerraformPlan } from '../../preview';
import { pulumiState } from './helpers';

const SUB = '/subscriptions/5f3c1b2a-9d8e-4c7b-a6f5-1e2d3c4b5a69';
const ACR = `${SUB}/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acrprod01`;

/** A plan creating a custom role with `action` and assigning it on the prod registry, in `module` (or the root). */
function plan(
  action: string,
  module = '',
  reference = 'azurerm_role_definition.reader.role_definition_resource_id',
) {
  const change = (type: string, name: string, after: object, unknown: object) => ({
    address: `${module}${type}.${name}`,
    ...(module ? { module_address: module.slice(0, -1) } : {}),
    mode: 'managed',
    type,
    name,
    provider_name: 'registry.terraform.io/hashicorp/azurerm',
    change: { actions: ['create'], before: null, after, after_unknown: unknown, after_sensitive: {} },
  });
  const role = {
    name: 'acr-custom',
    scope: SUB,
    permissions: [{ actions: [action], not_actions: [], data_actions: [], not_data_actions: [] }],
    assignable_scopes: [SUB],
  };
  const grant = {
    scope: ACR,
    principal_id: '11111111-1111-1111-1111-111111111111',
    principal_type: 'ServicePrincipal',
  };
  const resources = [
    {
      address: 'azurerm_role_definition.reader',
      mode: 'managed',
      type: 'azurerm_role_definition',
      name: 'reader',
      expressions: {},
    },
    {
      address: 'azurerm_role_assignment.ci',
      mode: 'managed',
      type: 'azurerm_role_assignment',
      name: 'ci',
      expressions: {
        role_definition_id: { references: [reference, reference.split('.').slice(0, 2).join('.')] },
      },
    },
  ];
  const root = module
    ? { module_calls: { registry: { source: './registry', module: { resources } } } }
    : { resources };
  return {
    format_version: '1.2',
    terraform_version: '1.9.5',
    resource_changes: [
      change('azurerm_role_definition', 'reader', role, {
        id: true,
        role_definition_id: true,
        role_definition_resource_id: true,
      }),
      change('azurerm_role_assignment', 'ci', grant, {
        id: true,
        name: true,
        role_definition_id: true,
        role_definition_name: true,
      }),
    ],
    configuration: { root_module: root },
  };
}

const grantDangers = (document: unknown): string[] =>
  findDangers([parseTerraformPlan(document, 'prod')], { order: ['dev', 'staging', 'prod'] })
    .filter((d: Danger) => d.kind === 'promotion-weakened')
    .map((d) => `${d.address}: ${d.message}`);

describe('a grant of a custom role created in the same apply', () => {
  it('is judged by the role’s permissions: a pull-only role is no danger', () => {
    expect(grantDangers(plan('Microsoft.ContainerRegistry/registries/pull/read'))).toEqual([]);
  });

  it('is a push-capable grant when the role can push, in the root module and in a child module', () => {
    expect(grantDangers(plan('Microsoft.ContainerRegistry/registries/push/write'))).toEqual([
      'azurerm_role_assignment.ci: push-capable grant added to a promotion target',
    ]);
    expect(
      grantDangers(plan('Microsoft.ContainerRegistry/registries/push/write', 'module.registry.')),
    ).toEqual(['module.registry.azurerm_role_assignment.ci: push-capable grant added to a promotion target']);
  });

  it('still may be push-capable when the reference is not a resource of the change set', () => {
    expect(
      grantDangers(
        plan('Microsoft.ContainerRegistry/registries/pull/read', '', 'data.azurerm_role_definition.other.id'),
      ),
    ).toEqual([
      'azurerm_role_assignment.ci: grant added to a promotion target whose role cannot be read: it may be push-capable',
    ]);
  });
});

/** What `pulumi preview` shows for a value known only after the update. */
const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

/** A preview creating a custom role with `action` and assigning it on the prod registry (`dependsOnRole`: the dependency is recorded). */
function preview(action: string, dependsOnRole = true) {
  const role = pulumiState('azure-native:authorization:RoleDefinition', 'custom', {
    roleName: 'acr-custom',
    scope: SUB,
    permissions: [{ actions: [action], notActions: [], dataActions: [], notDataActions: [] }],
    assignableScopes: [SUB],
  });
  const grant = {
    ...pulumiState('azure-native:authorization:RoleAssignment', 'ci', {
      scope: ACR,
      principalId: '11111111-1111-1111-1111-111111111111',
      principalType: 'ServicePrincipal',
      roleDefinitionId: UNKNOWN,
    }),
    ...(dependsOnRole ? { propertyDependencies: { roleDefinitionId: [role.urn] } } : {}),
  };
  return {
    steps: [
      { op: 'create', urn: role.urn, newState: role },
      { op: 'create', urn: grant.urn, newState: grant },
    ],
    changeSummary: {},
  };
}

const pulumiGrantDangers = (document: unknown): string[] =>
  findDangers([parsePulumiPreview(document, 'prod')], { order: ['dev', 'staging', 'prod'] })
    .filter((d: Danger) => d.kind === 'promotion-weakened')
    .map((d) => `${d.address}: ${d.message}`);

describe('a Pulumi grant of a custom role created in the same update', () => {
  it('is judged by the role the roleDefinitionId depends on', () => {
    expect(pulumiGrantDangers(preview('Microsoft.ContainerRegistry/registries/pull/read'))).toEqual([]);
    expect(pulumiGrantDangers(preview('Microsoft.ContainerRegistry/registries/push/write'))).toEqual([
      'azure-native:authorization:RoleAssignment::ci: push-capable grant added to a promotion target',
    ]);
  });

  it('may be push-capable when no dependency says which role it is', () => {
    expect(pulumiGrantDangers(preview('Microsoft.ContainerRegistry/registries/pull/read', false))).toEqual([
      'azure-native:authorization:RoleAssignment::ci: grant added to a promotion target whose role cannot be read: it may be push-capable',
    ]);
  });
});
