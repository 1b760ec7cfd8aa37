/**
 * Protection regressions in the danger block, read from the change: a hand-written Terraform plan with a
 * child module, a hand-written Pulumi preview (azure-native spellings) and a synth pair (a hand-written
 * base tree, its head changed here). Each regression appears with its old and new value; goldens hold
 * the danger blocks (regenerate with UPDATE_GOLDEN=1).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChangeSet, Danger, JsonObject } from '../../preview';
import {
  buildReport,
  diffSynthTrees,
  parsePulumiPreview,
  parseTerraformPlan,
  renderComment,
} from '../../preview';
import { expectGolden, FIXTURES, PLANTED_SECRETS } from './helpers';
import { visibleText } from '../support/gfm';

const ORDER = ['dev', 'staging', 'prod'];

function planSet(): ChangeSet {
  const plan = JSON.parse(readFileSync(join(FIXTURES, 'regressions', 'prod-weakened.tfplan.json'), 'utf8'));
  return parseTerraformPlan(plan, 'prod');
}

function dangerBlock(sets: readonly ChangeSet[]): string {
  const comment = renderComment(buildReport(sets, { order: ORDER }));
  return comment.slice(comment.indexOf('### Danger'), comment.indexOf('### Changes'));
}

function shown(dangers: readonly Danger[]): string[] {
  return dangers.map((d) => `${d.message} | ${d.before ?? '-'} -> ${d.after ?? '-'}`);
}

describe('protection regressions from a Terraform plan (child module)', () => {
  const set = planSet();
  const { dangers } = buildReport([set], { order: ORDER });

  it('finds every weakened protection with its old and new value', () => {
    expect(shown(dangers)).toEqual(
      expect.arrayContaining([
        'public network access turned on | off -> on',
        'network rules opened (default action Allow) | Deny -> Allow',
        'admin user turned on | off -> on',
        'anonymous pull turned on | off -> on',
        'export turned on | off -> on',
        'quarantine turned off | on -> off',
        'retention of untagged manifests shortened | 30 days -> 1 day',
        'purge filter widened | apps/.*:^(?!(?:latest|stable)$)(?:.*)$ -> .*:.*',
        'purge age (--ago) shortened | --ago 180d -> --ago 1d',
        'purge keeps fewer tags (--keep lowered) | --keep 20 -> (none)',
        'protected tags removed from the purge | latest, stable -> (none)',
        'purge also deletes untagged manifests (--untagged) | tagged only -> --untagged',
        'scanner webhook (quarantine action) removed | quarantine webhook -> (removed)',
        'release grant removed (AcrQuarantineWriter) | AcrQuarantineWriter -> (removed)',
        'push-capable grant added to a promotion target | - -> AcrPush',
        'push-capable token added to a promotion target | - -> repositories/*/content/read, repositories/*/content/write',
        'scope map of a promotion target gains write access | repositories/apps/*/content/read, repositories/apps/*/metadata/read -> repositories/apps/*/content/read, repositories/apps/*/content/write, repositories/apps/*/metadata/read',
        'promotion hop removed (import grant deleted) | AcrImporter-contosoacrprod -> (removed)',
        'promotion hop removed (importer role deleted) | AcrImporter-contosoacrprod -> (removed)',
      ]),
    );
    expect(dangers.filter((d) => d.kind === 'protection-removed').map((d) => d.message)).toEqual([
      'management lock removed',
    ]);
  });

  it('orders by category, then severity, and says why each matters', () => {
    const kinds = dangers.map((d) => d.kind);
    expect(kinds.indexOf('exposure-increased')).toBeLessThan(kinds.indexOf('quarantine-weakened'));
    const exposure = dangers.filter((d) => d.kind === 'exposure-increased').map((d) => d.severity);
    expect(exposure).toEqual(['critical', 'critical', 'critical', 'high', 'high']);
    expect(dangers.filter((d) => d.severity).every((d) => (d.why ?? '').length > 20)).toBe(true);
    const retention = dangers.find((d) => d.message.startsWith('retention'));
    expect(retention?.severity).toBe('high');
    expect(retention?.why).toContain('7-day minimum');
  });

  it('renders them in the danger block (golden), readable as text, without secrets', () => {
    const block = dangerBlock([set]);
    expectGolden('regressions-plan.md.golden', block);
    const text = visibleText(block);
    expect(text).toContain(
      'prod: module.acr.azurerm_container_registry_task.purge: purge filter widened (apps/.*:^(?!(?:latest|stable)$)(?:.*)$ → .*:.*): the purge now matches every repository and every tag',
    );
    for (const secret of PLANTED_SECRETS) expect(block).not.toContain(secret);
  });

  it('judges push grants only in promotion targets', () => {
    const dev = { ...set, stack: 'dev' };
    const messages = buildReport([dev], { order: ORDER }).dangers.map((d) => d.message);
    expect(messages).not.toContain('push-capable grant added to a promotion target');
    expect(messages).toContain('public network access turned on');
  });

  it('says nothing about values known only after apply', () => {
    const plan = JSON.parse(readFileSync(join(FIXTURES, 'regressions', 'prod-weakened.tfplan.json'), 'utf8'));
    const registry = plan.resource_changes[0].change;
    delete registry.after.public_network_access_enabled;
    registry.after_unknown = { public_network_access_enabled: true };
    const messages = buildReport([parseTerraformPlan(plan, 'prod')], { order: ORDER }).dangers.map(
      (d) => d.message,
    );
    expect(messages).not.toContain('public network access turned on');
    expect(messages).toContain('admin user turned on');
  });
});

describe('protection regressions from a Pulumi preview', () => {
  const urn = (type: string, name: string): string =>
    `urn:pulumi:prod::acr-iac::acr-iac:index:Registry$${type}::${name}`;
  const state = (type: string, inputs: JsonObject): JsonObject => ({ custom: true, type, inputs });
  const registryType = 'azure-native:containerregistry:Registry';
  const before = {
    registryName: 'contosoacrprod',
    sku: { name: 'Premium' },
    publicNetworkAccess: 'Disabled',
    adminUserEnabled: false,
    policies: {
      quarantinePolicy: { status: 'enabled' },
      retentionPolicy: { status: 'enabled', days: 30 },
      exportPolicy: { status: 'disabled' },
    },
  };
  const after = {
    ...before,
    publicNetworkAccess: 'Enabled',
    adminUserEnabled: true,
    policies: {
      quarantinePolicy: { status: 'disabled' },
      retentionPolicy: { status: 'disabled' },
      exportPolicy: { status: 'enabled' },
    },
  };
  const writer = 'azure-native:authorization:RoleAssignment';
  const preview = {
    steps: [
      {
        op: 'update',
        urn: urn(registryType, 'contosoacrprod'),
        oldState: state(registryType, before),
        newState: state(registryType, after),
      },
      {
        op: 'delete',
        urn: urn('azure-native:containerregistry:Webhook', 'scanner'),
        oldState: state('azure-native:containerregistry:Webhook', {
          actions: ['quarantine'],
          status: 'enabled',
          serviceUri: 'https://scanner.example.com/?sig=s3cr3t-webhook-header-VALUE',
        }),
      },
      {
        op: 'delete',
        urn: urn(writer, 'scanner-release'),
        oldState: state(writer, {
          roleDefinitionId:
            '/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/c8d4ff99-41c3-41a8-9f60-21dfdad59608',
          principalId: '55555555-5555-5555-5555-555555555555',
        }),
      },
    ],
  };

  it('reads the azure-native spellings', () => {
    const set = parsePulumiPreview(preview, 'prod');
    const report = buildReport([set], { order: ORDER });
    expect(shown(report.dangers)).toEqual([
      'public network access turned on | off -> on',
      'admin user turned on | off -> on',
      'export turned on | off -> on',
      'release grant removed (AcrQuarantineWriter) | AcrQuarantineWriter -> (removed)',
      'quarantine turned off | on -> off',
      'scanner webhook (quarantine action) removed | quarantine webhook -> (removed)',
      'retention of untagged manifests turned off | 30 days -> off',
    ]);
    const comment = renderComment(report);
    expect(comment).not.toContain('s3cr3t');
  });
});

describe('protection regressions from a synth pair', () => {
  const base = JSON.parse(
    readFileSync(join(FIXTURES, 'synth', 'base', 'stacks', 'prod', 'cdk.tf.json'), 'utf8'),
  );

  function head(): JsonObject {
    const doc = JSON.parse(JSON.stringify(base));
    const registry = doc.resource.azurerm_container_registry.registry_4C1A2B3D;
    registry.admin_enabled = true;
    registry.quarantine_policy_enabled = false;
    delete registry.public_network_access_enabled; // absent: the provider default, on
    delete doc.resource.azurerm_container_registry_webhook;
    doc.resource.azurerm_container_registry_token = {
      hotfix: {
        name: 'hotfix',
        scope_map_id: '${azurerm_container_registry_scope_map.hotfix.id}',
        container_registry_name: 'contosoacrprod',
      },
    };
    doc.resource.azurerm_container_registry_scope_map = {
      hotfix: { name: 'hotfix', actions: ['repositories/apps/content/write'] },
    };
    return doc;
  }

  it('compares the two trees', () => {
    const [set] = diffSynthTrees(
      { stacks: new Map([['prod', base]]) },
      { stacks: new Map([['prod', head()]]) },
    );
    const report = buildReport([set], { order: ORDER });
    const expected = [
      'admin user turned on | off -> on',
      'scanner webhook (quarantine action) removed | quarantine webhook -> (removed)',
      'push-capable token added to a promotion target | - -> repositories/apps/content/write',
    ];
    const registry = base.resource.azurerm_container_registry.registry_4C1A2B3D;
    if (registry.public_network_access_enabled === false)
      expected.unshift('public network access turned on | off -> on');
    if (registry.quarantine_policy_enabled === true) expected.push('quarantine turned off | on -> off');
    expect(shown(report.dangers)).toEqual(expect.arrayContaining(expected));
    expectGolden('regressions-synth.md.golden', dangerBlock([set]));
  });
});

describe('grants added through azapi and custom roles of several permission objects', () => {
  const base = JSON.parse(
    readFileSync(join(FIXTURES, 'synth', 'base', 'stacks', 'prod', 'cdk.tf.json'), 'utf8'),
  );
  const ACR_PUSH = '8311e382-0749-4cb8-b61a-304f252e45ec';
  const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';

  function pushMessages(change: (doc: Record<string, unknown>) => void): string[] {
    const head = JSON.parse(JSON.stringify(base));
    change(head);
    const [set] = diffSynthTrees(
      { stacks: new Map([['prod', base]]) },
      { stacks: new Map([['prod', head]]) },
    );
    return shown(buildReport([set], { order: ORDER }).dangers).filter((m) => m.includes('grant'));
  }

  it('sees a push grant written as an azapi roleAssignments resource (body object or JSON string)', () => {
    const body = {
      properties: {
        roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${ACR_PUSH}`,
        principalId: '11111111-1111-1111-1111-111111111111',
      },
    };
    for (const written of [body, JSON.stringify(body)]) {
      expect(
        pushMessages((doc) => {
          (doc.resource as Record<string, unknown>).azapi_resource = {
            ci_push: {
              type: 'Microsoft.Authorization/roleAssignments@2022-04-01',
              name: 'ci-push',
              parent_id: '${azurerm_container_registry.registry_4C1A2B3D.id}',
              body: written,
            },
          };
        }),
      ).toEqual(['push-capable grant added to a promotion target | - -> AcrPush']);
    }
  });

  it('judges each permission object of a custom role on its own', () => {
    // The second object's NotActions do not take away the first object's push (ARM evaluates each
    // permission object on its own).
    expect(
      pushMessages((doc) => {
        const resources = doc.resource as Record<string, unknown>;
        resources.azurerm_role_definition = {
          split: {
            name: 'AcrSplit',
            scope: SUB,
            permissions: [
              { actions: ['Microsoft.ContainerRegistry/registries/push/write'] },
              {
                actions: ['Microsoft.ContainerRegistry/registries/read'],
                not_actions: ['Microsoft.ContainerRegistry/registries/push/write'],
              },
            ],
          },
        };
        resources.azurerm_role_assignment = {
          ...(resources.azurerm_role_assignment as JsonObject),
          split: {
            scope: '${azurerm_container_registry.registry_4C1A2B3D.id}',
            role_definition_id: '${azurerm_role_definition.split.role_definition_resource_id}',
            principal_id: '11111111-1111-1111-1111-111111111111',
          },
        };
      }),
    ).toEqual(['push-capable grant added to a promotion target | - -> custom role']);
  });
});
