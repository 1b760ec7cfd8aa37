/**
 * Hand-written Terraform whose `count`, variables or references leave attachments uncertain: a rule
 * never passes on an item that may not exist, never fails when an item it cannot place may be the
 * registry's, and what an ARM update that may not apply sets is unknown. Outcomes follow azurerm v4
 * and Azure semantics (FACTS.md sections 3 and 10).
 */
import type { Finding, Inventory } from '../../policies';
import { evaluate, inventoryFromTerraformJson, resolvePolicyConfig } from '../../policies';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const config = resolvePolicyConfig({ order: ['staging', 'prod'] });

type Json = Record<string, unknown>;

function registry(name: string, extra: Json = {}): Json {
  return {
    name,
    resource_group_name: `rg-${name}`,
    location: 'westeurope',
    sku: 'Premium',
    public_network_access_enabled: false,
    ...extra,
  };
}

function inventory(env: string, resource: Json, variable: Json = {}): Inventory {
  return inventoryFromTerraformJson({ variable, resource }, env, `${env}/main.tf.json`);
}

function outcomes(findings: readonly Finding[], ruleId: string): string[] {
  return findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.result}: ${f.message}`);
}

const staging = inventory('staging', { azurerm_container_registry: { acr: registry('contosoacrstaging') } });

/** Prod with the promotion identity, its importer grant, and its pull on staging (`pull` overrides). */
function prod(pull: Json, variable: Json = {}, extra: Json = {}): Inventory {
  return inventory(
    'prod',
    {
      azurerm_container_registry: { acr: registry('contosoacrprod') },
      azurerm_user_assigned_identity: {
        promote: { name: 'id-promote-staging-to-prod', location: 'westeurope', resource_group_name: 'rg-id' },
      },
      azurerm_role_assignment: {
        import: {
          scope: '${azurerm_container_registry.acr.id}',
          role_definition_name: 'Container Registry Data Importer and Data Reader',
          principal_id: '${azurerm_user_assigned_identity.promote.principal_id}',
        },
        pull: {
          scope: `${SUB}/resourceGroups/rg-contosoacrstaging/providers/Microsoft.ContainerRegistry/registries/contosoacrstaging`,
          role_definition_name: 'AcrPull',
          principal_id: '${azurerm_user_assigned_identity.promote.principal_id}',
          ...pull,
        },
      },
      ...extra,
    },
    variable,
  );
}

describe('a grant of another stack that may not exist', () => {
  it('lets the hop identity pull from the source only when it surely exists', () => {
    const sure = evaluate([staging, prod({})], config);
    expect(outcomes(sure.findings, 'ACR-102')).toEqual([
      'pass: id-promote-staging-to-prod can pull from staging',
    ]);
    const maybe = evaluate(
      [staging, prod({ count: '${var.promote ? 1 : 0}' }, { promote: { type: 'bool' } })],
      config,
    );
    expect(outcomes(maybe.findings, 'ACR-102')).toEqual([
      expect.stringMatching(
        /^unknown: whether id-promote-staging-to-prod can pull from staging is not known: .*var\.promote/,
      ),
    ]);
  });
});

describe('attachments whose registry the input does not decide', () => {
  const variable = { lock_scope: { type: 'string' }, registry_id: { type: 'string' } };
  const undecided = prod({}, variable, {
    azurerm_management_lock: {
      platform: { name: 'platform-delete', scope: '${var.lock_scope}', lock_level: 'CanNotDelete' },
    },
  });
  const result = evaluate([staging, undecided], config);

  it("does not fail on a missing lock when a lock it cannot place may be the registry's own", () => {
    expect(outcomes(result.findings, 'ACR-018').filter((o) => o.includes('contosoacrprod'))).toEqual([
      expect.stringMatching(
        /^unknown: whether a lock protects contosoacrprod is not known: azurerm_management_lock\.platform may be attached to it: .*var\.lock_scope/,
      ),
    ]);
    expect(outcomes(result.findings, 'ACR-111')).toEqual([
      expect.stringMatching(
        /^unknown: the registry of lock platform-delete \(azurerm_management_lock\.platform\) is not decided/,
      ),
    ]);
  });
});

describe('a grant at a resource group, and a registry whose resource group is not decided', () => {
  const judge = (group: string): string[] =>
    outcomes(
      evaluate(
        [
          inventory(
            'prod',
            {
              azurerm_container_registry: { acr: registry('contosoacrprod', { resource_group_name: group }) },
              azurerm_role_assignment: {
                push: {
                  scope: `${SUB}/resourceGroups/rg-team`,
                  role_definition_name: 'AcrPush',
                  principal_id: '00000000-0000-0000-0000-000000000001',
                },
              },
            },
            { group: { type: 'string' } },
          ),
        ],
        resolvePolicyConfig({ order: ['prod'] }),
      ).findings,
      'ACR-024',
    );

  it('does not pass ACR-024: the registry may be in that group', () => {
    expect(judge('${var.group}')).toEqual([
      expect.stringMatching(
        /^unknown: the grants, tokens, tasks, imports and cache rules of contosoacrprod are not all visible: azurerm_role_assignment\.push at resource group rg-team may reach it, whose resource group is not decided: var\.group has no value/,
      ),
    ]);
    expect(judge('rg-team')).toEqual([
      expect.stringMatching(
        /^fail: 00000000-0000-0000-0000-000000000001 can push \(AcrPush at resourceGroup scope\)/,
      ),
    ]);
    expect(judge('rg-other')).toEqual(['pass: nothing but promotion can push into contosoacrprod']);
  });
});

describe('a registry with no item of a kind, and an item of that kind the input does not place', () => {
  it('is unknown, not "not applicable": the item may be its own', () => {
    const judge = (scope: string): string[] =>
      outcomes(
        evaluate(
          [
            inventory(
              'prod',
              {
                azurerm_container_registry: { acr: registry('contosoacrprod') },
                azurerm_container_registry_webhook: {
                  hook: {
                    name: 'hook',
                    resource_group_name: 'rg-contosoacrprod',
                    registry_name: scope,
                    location: 'westeurope',
                    service_uri: 'https://scanner.example.com/hook',
                    actions: ['push'],
                  },
                },
              },
              { registry: { type: 'string' } },
            ),
          ],
          resolvePolicyConfig({ order: ['prod'] }),
        ).findings.filter((f) => f.registry === 'contosoacrprod'),
        'ACR-020',
      );
    expect(judge('${var.registry}')).toEqual([
      expect.stringMatching(
        /^unknown: whether contosoacrprod has webhooks is not known: azurerm_container_registry_webhook\.hook may be attached to it: .*var\.registry/,
      ),
    ]);
    expect(judge('otheracr')).toEqual(['not-applicable: contosoacrprod has no webhooks']);
  });
});

describe('ARM-only properties from an azapi update', () => {
  const update = (extra: Json): Json => ({
    azapi_update_resource: {
      arm: {
        type: 'Microsoft.ContainerRegistry/registries@2025-11-01',
        resource_id: '${azurerm_container_registry.acr.id}',
        body: { properties: { policies: { azureADAuthenticationAsArmPolicy: { status: 'disabled' } } } },
        ...extra,
      },
    },
  });
  const judge = (extra: Json, variable: Json = {}): string[] =>
    outcomes(
      evaluate(
        [
          inventory(
            'prod',
            { azurerm_container_registry: { acr: registry('contosoacrprod') }, ...update(extra) },
            variable,
          ),
        ],
        resolvePolicyConfig({ order: ['prod'] }),
      ).findings,
      'ACR-052',
    );

  it('passes on an update that surely applies to the registry', () => {
    expect(judge({})).toEqual(['pass: ARM-audience token authentication is disabled on contosoacrprod']);
  });

  it('is unknown when the update may not exist, or may patch another registry', () => {
    expect(judge({ count: '${var.harden ? 1 : 0}' }, { harden: { type: 'bool' } })).toEqual([
      expect.stringMatching(
        /^unknown: ARM-audience token authentication of contosoacrprod is unknown: .*var\.harden/,
      ),
    ]);
    expect(judge({ resource_id: '${var.registry_id}' }, { registry_id: { type: 'string' } })).toEqual([
      expect.stringMatching(
        /^unknown: ARM-audience token authentication of contosoacrprod is unknown: azapi_update_resource\.arm may update this registry: .*var\.registry_id/,
      ),
    ]);
  });

  it('fails when the update patches another registry, named by its literal ID', () => {
    expect(
      judge({
        resource_id: `${SUB}/resourceGroups/rg-other/providers/Microsoft.ContainerRegistry/registries/otheracr`,
      }),
    ).toEqual(['fail: ARM-audience token authentication is enabled on contosoacrprod']);
  });
});

describe('a lock at a resource group, and a registry whose resource group is not decided', () => {
  // A lock at a resource group is inherited by every resource in it (Microsoft Learn, ManagementLocks:
  // "When you apply a lock at a parent scope, all child resources inherit the same lock").
  const judge = (group: string, lock: Json = {}): string[] =>
    outcomes(
      evaluate(
        [
          inventory(
            'prod',
            {
              azurerm_container_registry: { acr: registry('contosoacrprod', { resource_group_name: group }) },
              azurerm_management_lock: {
                team: {
                  name: 'team',
                  scope: `${SUB}/resourceGroups/rg-team`,
                  lock_level: 'CanNotDelete',
                  ...lock,
                },
              },
            },
            { group: { type: 'string' }, locked: { type: 'bool' } },
          ),
        ],
        resolvePolicyConfig({ order: ['prod'] }),
      ).findings,
      'ACR-018',
    );

  it('does not fail ACR-018: the registry may be in that group', () => {
    expect(judge('${var.group}')).toEqual([
      expect.stringMatching(
        /^unknown: whether a lock protects contosoacrprod is not known: azurerm_management_lock\.team at resource group rg-team may reach it, whose resource group is not decided: var\.group has no value/,
      ),
    ]);
    expect(judge('rg-team')).toEqual(['pass: contosoacrprod has a delete lock']);
    expect(judge('rg-other')).toEqual(['fail: contosoacrprod has no CanNotDelete lock']);
  });

  it('does not pass on a lock that may not exist', () => {
    expect(judge('rg-team', { count: '${var.locked ? 1 : 0}' })).toEqual([
      expect.stringMatching(/^unknown: whether a lock protects contosoacrprod is not known: .*var\.locked/),
    ]);
    expect(judge('${var.group}', { count: '${var.locked ? 1 : 0}' })).toEqual([
      expect.stringMatching(/^unknown: whether a lock protects contosoacrprod is not known: /),
    ]);
  });
});

describe('a grant and a lock at the resource group a registry is in by reference, whose name is not decided', () => {
  // resource_group_name = azurerm_resource_group.rg.name puts the registry in that group, and a scope of
  // azurerm_resource_group.rg.id is that group, whatever var.group turns out to be: Azure inherits a
  // role assignment at a resource group by the resources in it (Microsoft Learn, "Understand scope for
  // Azure RBAC") and a lock too ("all child resources inherit the same lock").
  const findings = evaluate(
    [
      inventory(
        'prod',
        {
          azurerm_resource_group: { rg: { name: '${var.group}', location: 'westeurope' } },
          azurerm_container_registry: {
            acr: registry('contosoacrprod', { resource_group_name: '${azurerm_resource_group.rg.name}' }),
          },
          azurerm_role_assignment: {
            push: {
              scope: '${azurerm_resource_group.rg.id}',
              role_definition_name: 'AcrPush',
              principal_id: '00000000-0000-0000-0000-000000000001',
            },
          },
          azurerm_management_lock: {
            group: { name: 'group', scope: '${azurerm_resource_group.rg.id}', lock_level: 'CanNotDelete' },
          },
        },
        { group: { type: 'string' } },
      ),
    ],
    resolvePolicyConfig({ order: ['prod'] }),
  ).findings;

  it('reaches the registry: ACR-024 fails on the push grant, ACR-018 passes on the lock', () => {
    expect(outcomes(findings, 'ACR-024')).toEqual([
      expect.stringMatching(
        /^fail: 00000000-0000-0000-0000-000000000001 can push \(AcrPush at resourceGroup scope\)/,
      ),
    ]);
    expect(outcomes(findings, 'ACR-018')).toEqual(['pass: contosoacrprod has a delete lock']);
  });
});

describe('a grant at a resource group whose name is not decided, and a registry whose group is not decided', () => {
  // Neither group's name is known: they may be the same group, and a grant at a resource group reaches
  // the resources in it (Microsoft Learn, "Understand scope for Azure RBAC").
  it('does not pass ACR-024', () => {
    const findings = evaluate(
      [
        inventory(
          'prod',
          {
            azurerm_resource_group: { team: { name: '${var.team_group}', location: 'westeurope' } },
            azurerm_container_registry: {
              acr: registry('contosoacrprod', { resource_group_name: '${var.group}' }),
            },
            azurerm_role_assignment: {
              push: {
                scope: '${azurerm_resource_group.team.id}',
                role_definition_name: 'AcrPush',
                principal_id: '00000000-0000-0000-0000-000000000001',
              },
            },
          },
          { group: { type: 'string' }, team_group: { type: 'string' } },
        ),
      ],
      resolvePolicyConfig({ order: ['prod'] }),
    ).findings;
    expect(outcomes(findings, 'ACR-024')).toEqual([
      expect.stringMatching(
        /^unknown: the grants, tokens, tasks, imports and cache rules of contosoacrprod are not all visible: azurerm_role_assignment\.push at resource group azurerm_resource_group\.team may reach it, whose (resource group|name) is not decided: var\.(group|team_group) has no value/,
      ),
    ]);
  });
});

describe('a grant and a lock at a resource group whose name is not decided, and a registry in a known group', () => {
  // azurerm_resource_group.team with name = var.team may be rg-contosoacrprod, the registry's group;
  // a grant and a lock at a resource group reach the resources in it (Microsoft Learn, "Understand
  // scope for Azure RBAC"; ManagementLocks: "all child resources inherit the same lock").
  const judge = (team: Json): readonly Finding[] =>
    evaluate(
      [
        inventory(
          'prod',
          {
            azurerm_resource_group: { team: { name: '${var.team}', location: 'westeurope', ...team } },
            azurerm_container_registry: { acr: registry('contosoacrprod') },
            azurerm_role_assignment: {
              push: {
                scope: '${azurerm_resource_group.team.id}',
                role_definition_name: 'AcrPush',
                principal_id: '00000000-0000-0000-0000-000000000001',
              },
            },
            azurerm_management_lock: {
              team: { name: 'team', scope: '${azurerm_resource_group.team.id}', lock_level: 'CanNotDelete' },
            },
          },
          { team: { type: 'string' } },
        ),
      ],
      resolvePolicyConfig({ order: ['prod'] }),
    ).findings;

  it('neither passes ACR-024 nor fails ACR-018', () => {
    const findings = judge({});
    expect(outcomes(findings, 'ACR-024')).toEqual([
      expect.stringMatching(
        /^unknown: .*azurerm_role_assignment\.push at resource group azurerm_resource_group\.team may reach it, whose name is not decided: var\.team has no value/,
      ),
    ]);
    expect(outcomes(findings, 'ACR-018')).toEqual([
      expect.stringMatching(
        /^unknown: whether a lock protects contosoacrprod is not known: azurerm_management_lock\.team at resource group azurerm_resource_group\.team may reach it/,
      ),
    ]);
  });

  it('decides once the group has a literal name', () => {
    const other = judge({ name: 'rg-team' });
    expect(outcomes(other, 'ACR-024')).toEqual(['pass: nothing but promotion can push into contosoacrprod']);
    expect(outcomes(other, 'ACR-018')).toEqual(['fail: contosoacrprod has no CanNotDelete lock']);
    const same = judge({ name: 'rg-contosoacrprod' });
    expect(outcomes(same, 'ACR-018')).toEqual(['pass: contosoacrprod has a delete lock']);
  });
});
