/**
 * The danger block reads what the twins of twin-dangers.test.ts keep in their own spelling: an azapi
 * token's, scope map's and webhook's ARM properties under `body.properties` (`scopeMapId`,
 * `actions`, `status`: Microsoft.ContainerRegistry/registries/tokens, scopeMaps, webhooks, ARM
 * template reference), an azapi registry's `body.sku.name` and `body.properties.encryption`, a classic
 * registry's `encryption.keyVaultKeyId` (`@pulumi/azure` 6.x `RegistryEncryption`, azurerm's
 * `key_vault_key_id` in camelCase). A value that cannot be read gives a "may", never silence.
 * Inputs are hand-written in the shape `terraform show -json` and `pulumi preview --json` print.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Danger } from '../../preview';
import {
  buildReport,
  diffSynthTrees,
  findDangers,
  parsePulumiPreview,
  parseTerraformPlan,
  renderComment,
} from '../../preview';
import { FIXTURES, planChange, pulumiState, terraformPlanOf } from './helpers';
import { visibleText } from '../support/gfm';

const ORDER = ['dev', 'staging', 'prod'];
const SUB = '/subscriptions/5f3c1b2a-9d8e-4c7b-a6f5-1e2d3c4b5a69';
const RG = `${SUB}/resourceGroups/rg-acr-prod`;
const ACR = `${RG}/providers/Microsoft.ContainerRegistry/registries/acrprod01`;
/** What `pulumi preview` shows for a value known only after apply. */
const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

const lines = (dangers: readonly Danger[], kind?: Danger['kind']): string[] =>
  dangers
    .filter((d) => kind === undefined || d.kind === kind)
    .map((d) => `${d.address}: ${d.message}${d.after !== undefined ? ` -> ${d.after}` : ''}`);

// ---------------------------------------------------------------------------------------------------
// Terraform plans with azapi_resource
// ---------------------------------------------------------------------------------------------------

const change = (
  name: string,
  actions: string[],
  before: object | null,
  after: object | null,
  afterUnknown: object = {},
) => planChange('azapi_resource', name, actions, before, after, afterUnknown);
const created = (name: string, values: object, afterUnknown: object = {}) =>
  change(name, ['create'], null, values, afterUnknown);
const kept = (name: string, values: object) => change(name, ['no-op'], values, values);
const plan = terraformPlanOf;
const planDangers = (stack: string, ...changes: object[]) =>
  findDangers([parseTerraformPlan(plan(...changes), stack)], { order: ORDER });

const registry = (sku = 'Premium', properties: object = {}) => ({
  type: 'Microsoft.ContainerRegistry/registries@2023-07-01',
  name: 'acrprod01',
  parent_id: RG,
  location: 'westeurope',
  id: ACR,
  body: { sku: { name: sku }, properties: { publicNetworkAccess: 'Enabled', ...properties } },
});
const token = (scopeMapId: string | undefined, status = 'enabled') => ({
  type: 'Microsoft.ContainerRegistry/registries/tokens@2023-07-01',
  name: 'ci-deployer',
  parent_id: ACR,
  body: { properties: { ...(scopeMapId !== undefined ? { scopeMapId } : {}), status } },
});
const scopeMap = (actions: string[]) => ({
  type: 'Microsoft.ContainerRegistry/registries/scopeMaps@2023-07-01',
  name: 'ci-deployer',
  parent_id: ACR,
  body: { properties: { actions } },
});
const PUSH_MAP = `${ACR}/scopeMaps/_repositories_push`;
const PULL_MAP = `${ACR}/scopeMaps/_repositories_pull`;
const WRITE = ['repositories/app/content/read', 'repositories/app/content/write'];
const READ = ['repositories/app/content/read', 'repositories/app/metadata/read'];

describe('azapi tokens and scope maps of a promotion target', () => {
  it('flags a push-capable azapi token added to prod, by system scope map', () => {
    expect(
      lines(
        planDangers('prod', kept('acr', registry()), created('ci', token(PUSH_MAP))),
        'promotion-weakened',
      ),
    ).toEqual([
      'azapi_resource.ci: push-capable token added to a promotion target -> repositories/*/content/read, repositories/*/content/write',
    ]);
    // A pull-only token, or dev (no promotion target): nothing to say.
    expect(lines(planDangers('prod', created('ci', token(PULL_MAP))), 'promotion-weakened')).toEqual([]);
    expect(lines(planDangers('dev', created('ci', token(PUSH_MAP))), 'promotion-weakened')).toEqual([]);
  });

  it('reads the actions of the azapi scope map the token names by ID', () => {
    const byName = `${ACR}/scopeMaps/ci-deployer`;
    expect(
      lines(
        planDangers('prod', created('map', scopeMap(WRITE)), created('ci', token(byName))),
        'promotion-weakened',
      ),
    ).toEqual([
      'azapi_resource.ci: push-capable token added to a promotion target -> repositories/app/content/read, repositories/app/content/write',
    ]);
    expect(
      lines(
        planDangers('prod', created('map', scopeMap(READ)), created('ci', token(byName))),
        'promotion-weakened',
      ),
    ).toEqual([]);
  });

  it('says "may" for an azapi token whose scope map is known only after apply, or whose body cannot be read', () => {
    // The usual plan: the scope map is created with the token, so its ID is known only after apply.
    const fresh = planDangers(
      'prod',
      created('map', scopeMap(WRITE)),
      created('ci', token(undefined), { body: { properties: { scopeMapId: true } } }),
    );
    expect(lines(fresh, 'promotion-weakened')).toEqual([
      'azapi_resource.ci: token added to a promotion target whose scope map cannot be read: it may be push-capable -> unknown scope map',
    ]);
    const hidden = planDangers('prod', created('ci', { ...token(PUSH_MAP), body: null }, { body: true }));
    expect(lines(hidden, 'promotion-weakened')).toEqual([
      'azapi_resource.ci: token added to a promotion target whose scope map cannot be read: it may be push-capable -> unknown scope map',
    ]);
    // A scope map outside the plan, by name: what it allows is not known either.
    expect(
      lines(planDangers('prod', created('ci', token(`${ACR}/scopeMaps/elsewhere`))), 'promotion-weakened'),
    ).toHaveLength(1);
  });

  it('flags an azapi token moved to a push scope map, and an azapi scope map gaining write', () => {
    const moved = change('ci', ['update'], token(PULL_MAP), token(PUSH_MAP));
    expect(lines(planDangers('prod', moved), 'promotion-weakened')).toEqual([
      'azapi_resource.ci: token of a promotion target gains write access -> repositories/*/content/read, repositories/*/content/write',
    ]);
    const widened = change('map', ['update'], scopeMap(READ), scopeMap(WRITE));
    const dangers = planDangers('prod', widened);
    expect(lines(dangers, 'promotion-weakened')).toEqual([
      'azapi_resource.map: scope map of a promotion target gains write access -> repositories/app/content/read, repositories/app/content/write',
    ]);
    expect(dangers[0].before).toBe('repositories/app/content/read, repositories/app/metadata/read');
    // Its actions known only after apply: it may.
    const hidden = change(
      'map',
      ['update'],
      scopeMap(READ),
      { ...scopeMap(READ), body: null },
      { body: true },
    );
    expect(lines(planDangers('prod', hidden), 'promotion-weakened')).toEqual([
      'azapi_resource.map: scope map of a promotion target changes to actions that cannot be read: it may gain write access -> unknown actions',
    ]);
  });

  it('shows the azapi push token in the rendered comment', () => {
    const comment = renderComment(
      buildReport(
        [parseTerraformPlan(plan(kept('acr', registry()), created('ci', token(PUSH_MAP))), 'prod')],
        {
          order: ORDER,
        },
      ),
    );
    const danger = visibleText(comment.slice(comment.indexOf('### Danger'), comment.indexOf('### Changes')));
    expect(danger).toContain(
      'critical prod: azapi_resource.ci: push-capable token added to a promotion target',
    );
  });

  it('resolves a synthesized azapi token that references an azapi scope map', () => {
    const base = JSON.parse(
      readFileSync(join(FIXTURES, 'synth', 'base', 'stacks', 'prod', 'cdk.tf.json'), 'utf8'),
    );
    const head = JSON.parse(JSON.stringify(base));
    head.resource.azapi_resource = {
      ci_map: {
        type: 'Microsoft.ContainerRegistry/registries/scopeMaps@2023-07-01',
        name: 'ci-deployer',
        parent_id: '${azurerm_container_registry.registry_4C1A2B3D.id}',
        body: { properties: { actions: WRITE } },
      },
      ci: {
        type: 'Microsoft.ContainerRegistry/registries/tokens@2023-07-01',
        name: 'ci-deployer',
        parent_id: '${azurerm_container_registry.registry_4C1A2B3D.id}',
        body: { properties: { scopeMapId: '${azapi_resource.ci_map.id}', status: 'enabled' } },
      },
    };
    const [set] = diffSynthTrees(
      { stacks: new Map([['prod', base]]) },
      { stacks: new Map([['prod', head]]) },
    );
    expect(lines(findDangers([set], { order: ORDER }), 'promotion-weakened')).toEqual([
      'azapi_resource.ci: push-capable token added to a promotion target -> repositories/app/content/read, repositories/app/content/write',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Pulumi previews with the classic provider
// ---------------------------------------------------------------------------------------------------

const CLASSIC = {
  registry: 'azure:containerservice/registry:Registry',
  token: 'azure:containerservice/registryToken:RegistryToken',
  scopeMap: 'azure:containerservice/registryScopeMap:RegistryScopeMap',
} as const;

type State = ReturnType<typeof pulumiState>;
const create = (s: State) => ({ op: 'create', urn: s.urn, newState: s });
const update = (before: State, after: State) => ({
  op: 'update',
  urn: before.urn,
  oldState: before,
  newState: after,
});
const preview = (...steps: object[]) => ({ steps, changeSummary: {} });
const pulumiDangers = (...steps: object[]) =>
  findDangers([parsePulumiPreview(preview(...steps), 'prod')], { order: ORDER });

const classicToken = (scopeMapId: string) =>
  pulumiState(CLASSIC.token, 'ci', {
    name: 'ci-deployer',
    containerRegistryName: 'acrprod01',
    resourceGroupName: 'rg-acr-prod',
    scopeMapId,
    enabled: true,
  });
const classicScopeMap = (actions: string[]) =>
  pulumiState(CLASSIC.scopeMap, 'ci-map', {
    name: 'ci-deployer',
    containerRegistryName: 'acrprod01',
    resourceGroupName: 'rg-acr-prod',
    actions,
  });

describe('classic tokens and scope maps of a promotion target', () => {
  it('flags push-capable classic tokens, and says "may" when the scope map is known only after apply', () => {
    expect(lines(pulumiDangers(create(classicToken(PUSH_MAP))), 'promotion-weakened')).toEqual([
      `${CLASSIC.token}::ci: push-capable token added to a promotion target -> repositories/*/content/read, repositories/*/content/write`,
    ]);
    expect(
      lines(
        pulumiDangers(create(classicScopeMap(WRITE)), create(classicToken(`${ACR}/scopeMaps/ci-deployer`))),
        'promotion-weakened',
      ),
    ).toEqual([
      `${CLASSIC.token}::ci: push-capable token added to a promotion target -> repositories/app/content/read, repositories/app/content/write`,
    ]);
    // `scopeMapId: scopeMap.id` of a map created in the same update: Pulumi shows it unknown.
    expect(
      lines(
        pulumiDangers(create(classicScopeMap(WRITE)), create(classicToken(UNKNOWN))),
        'promotion-weakened',
      ),
    ).toEqual([
      `${CLASSIC.token}::ci: token added to a promotion target whose scope map cannot be read: it may be push-capable -> unknown scope map`,
    ]);
    expect(
      lines(pulumiDangers(update(classicScopeMap(READ), classicScopeMap(WRITE))), 'promotion-weakened'),
    ).toEqual([
      `${CLASSIC.scopeMap}::ci-map: scope map of a promotion target gains write access -> repositories/app/content/read, repositories/app/content/write`,
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------
// azapi webhooks
// ---------------------------------------------------------------------------------------------------

const webhook = (actions: string[], status = 'enabled') => ({
  type: 'Microsoft.ContainerRegistry/registries/webhooks@2023-07-01',
  name: 'scanner',
  parent_id: ACR,
  location: 'westeurope',
  body: { properties: { serviceUri: 'https://scan.example.com/hook', actions, status, scope: '' } },
});

describe('azapi webhooks of the quarantine pattern', () => {
  it('flags the azapi scanner webhook removed, or no longer sending quarantine events', () => {
    expect(
      lines(
        planDangers('prod', change('hook', ['delete'], webhook(['quarantine']), null)),
        'quarantine-weakened',
      ),
    ).toEqual(['azapi_resource.hook: scanner webhook (quarantine action) removed -> (removed)']);
    expect(
      lines(
        planDangers(
          'prod',
          change('hook', ['update'], webhook(['quarantine']), webhook(['quarantine'], 'disabled')),
        ),
        'quarantine-weakened',
      ),
    ).toEqual([
      'azapi_resource.hook: scanner webhook no longer sends quarantine events -> actions quarantine, disabled',
    ]);
    // Another webhook, or the scanner's kept: nothing to say.
    expect(
      lines(planDangers('prod', change('hook', ['delete'], webhook(['push']), null)), 'quarantine-weakened'),
    ).toEqual([]);
    expect(
      lines(
        planDangers(
          'prod',
          change('hook', ['update'], webhook(['quarantine']), webhook(['quarantine', 'push'])),
        ),
        'quarantine-weakened',
      ),
    ).toEqual([]);
    // Its new body known only after apply: it may.
    const hidden = change(
      'hook',
      ['update'],
      webhook(['quarantine']),
      { ...webhook([]), body: null },
      { body: true },
    );
    expect(lines(planDangers('prod', hidden), 'quarantine-weakened')).toEqual([
      'azapi_resource.hook: scanner webhook changes to actions or a status that cannot be read: it may no longer send quarantine events -> actions (unknown), status unknown',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Registry SKU, customer-managed key and settings of azapi and classic registries
// ---------------------------------------------------------------------------------------------------

const CMK = {
  status: 'enabled',
  keyVaultProperties: {
    keyIdentifier: 'https://kv-acr-prod.vault.azure.net/keys/acr-cmk',
    identity: '00000000-0000-0000-0000-0000000000e1',
  },
};
const CMK_FAILS =
  'customer-managed key added to an existing registry: Azure enables one only when the registry is created, so the apply fails. Create a new registry with the key and import the images into it';

describe('azapi and classic registries: SKU downgrade, customer-managed key, settings', () => {
  it('flags an azapi registry downgraded in its body, and says "may" when the new SKU is known only after apply', () => {
    expect(
      lines(
        planDangers('prod', change('acr', ['update'], registry('Premium'), registry('Standard'))),
        'sku-downgrade',
      ),
    ).toEqual(['azapi_resource.acr: SKU downgrade Premium -> Standard: features of Premium are lost']);
    expect(
      lines(
        planDangers('prod', change('acr', ['update'], registry('Standard'), registry('Premium'))),
        'sku-downgrade',
      ),
    ).toEqual([]);
    const hidden = change(
      'acr',
      ['update'],
      registry('Premium'),
      { ...registry(), body: { properties: {} } },
      { body: { sku: true } },
    );
    const found = lines(planDangers('prod', hidden), 'sku-downgrade');
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('SKU may be downgraded from Premium');
    // An azapi 1.x body that is not JSON cannot be read: the old SKU is unknown, the new one lower.
    const unreadable = change('acr', ['update'], { ...registry(), body: '${local.body}' }, registry('Basic'));
    expect(lines(planDangers('prod', unreadable), 'sku-downgrade')).toEqual([
      'azapi_resource.acr: SKU may be downgraded to Basic: the old SKU cannot be read, and features of a higher tier would be lost',
    ]);
  });

  it('fails a customer-managed key added to an existing azapi registry; "may" when its encryption is known only after apply', () => {
    expect(
      lines(
        planDangers('prod', change('acr', ['update'], registry(), registry('Premium', { encryption: CMK }))),
        'apply-blocked',
      ),
    ).toEqual([`azapi_resource.acr: ${CMK_FAILS}`]);
    // Created with the key: what Azure allows.
    expect(
      lines(planDangers('prod', created('acr', registry('Premium', { encryption: CMK }))), 'apply-blocked'),
    ).toEqual([]);
    // Disabled encryption is no key.
    expect(
      lines(
        planDangers(
          'prod',
          change('acr', ['update'], registry(), registry('Premium', { encryption: { status: 'disabled' } })),
        ),
        'apply-blocked',
      ),
    ).toEqual([]);
    const hidden = change('acr', ['update'], registry(), registry(), {
      body: { properties: { encryption: true } },
    });
    const found = lines(planDangers('prod', hidden), 'apply-blocked');
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('customer-managed key may be added to an existing registry');
  });

  it('fails a customer-managed key added to an existing classic registry', () => {
    const classic = (extra: object = {}) =>
      pulumiState(CLASSIC.registry, 'acr', {
        name: 'acrprod01',
        resourceGroupName: 'rg-acr-prod',
        location: 'westeurope',
        sku: 'Premium',
        ...extra,
      });
    const encryption = {
      keyVaultKeyId: 'https://kv-acr-prod.vault.azure.net/keys/acr-cmk',
      identityClientId: '00000000-0000-0000-0000-0000000000e1',
    };
    expect(lines(pulumiDangers(update(classic(), classic({ encryption }))), 'apply-blocked')).toEqual([
      `${CLASSIC.registry}::acr: ${CMK_FAILS}`,
    ]);
    // The key's ID known only after apply (a key created in the same update): it may.
    const found = lines(
      pulumiDangers(update(classic(), classic({ encryption: { ...encryption, keyVaultKeyId: UNKNOWN } }))),
      'apply-blocked',
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('customer-managed key may be added to an existing registry');
  });

  it("reads an azapi registry's settings for regressions: admin user turned on", () => {
    const dangers = planDangers(
      'prod',
      change('acr', ['update'], registry(), registry('Premium', { adminUserEnabled: true })),
    );
    expect(
      dangers
        .filter((d) => d.kind === 'exposure-increased')
        .map((d) => `${d.message} ${d.before} -> ${d.after}`),
    ).toEqual(['admin user turned on off -> on']);
  });
});

// ---------------------------------------------------------------------------------------------------
// Cost of azapi registries
// ---------------------------------------------------------------------------------------------------

describe('the cost of azapi registries', () => {
  const replication = {
    type: 'Microsoft.ContainerRegistry/registries/replications@2023-07-01',
    name: 'swedencentral',
    parent_id: ACR,
    location: 'swedencentral',
    body: { properties: { zoneRedundancy: 'Enabled' } },
  };
  const azurerm = (georeplications: object[]) => ({
    address: 'azurerm_container_registry.acr',
    mode: 'managed',
    type: 'azurerm_container_registry',
    name: 'acr',
    change: {
      actions: ['no-op'],
      before: {
        name: 'acrprod01',
        resource_group_name: 'rg-acr-prod',
        location: 'westeurope',
        sku: 'Premium',
        georeplications,
      },
      after: {
        name: 'acrprod01',
        resource_group_name: 'rg-acr-prod',
        location: 'westeurope',
        sku: 'Premium',
        georeplications,
      },
      after_unknown: {},
    },
  });
  const costOf = (...changes: object[]) =>
    buildReport([parseTerraformPlan(plan(...changes), 'prod')], { order: ORDER }).cost.stacks[0];

  it('counts an azapi registry and its azapi replication as azurerm would the same registry', () => {
    const viaAzapi = costOf(kept('acr', registry()), created('sweden', replication));
    expect(viaAzapi.before).toMatchObject({ registries: 1, replicas: 0, unknownSku: 0 });
    expect(viaAzapi.after).toMatchObject({ registries: 1, replicas: 1, unknownSku: 0 });
    const before = costOf(azurerm([]));
    const after = costOf(azurerm([{ location: 'swedencentral', zone_redundancy_enabled: true }]));
    expect(viaAzapi.before.totalUsd).toBe(before.before.totalUsd);
    expect(viaAzapi.after.totalUsd).toBe(after.after.totalUsd);
    expect(viaAzapi.after.totalUsd).toBeGreaterThan(viaAzapi.before.totalUsd);
  });

  it('prices an azapi SKU downgrade, and counts an azapi registry whose body is unknown as of unknown SKU', () => {
    const down = costOf(change('acr', ['update'], registry('Premium'), registry('Basic')));
    expect(down.after.totalUsd).toBeLessThan(down.before.totalUsd);
    expect(down.after.totalUsd).toBeGreaterThan(0);
    const hidden = costOf(created('acr', { ...registry(), body: null }, { body: true }));
    expect(hidden.after).toMatchObject({ registries: 1, unknownSku: 1, totalUsd: 0 });
    // The rendered comment has the registry in its cost table.
    const comment = renderComment(
      buildReport([parseTerraformPlan(plan(created('acr', registry())), 'prod')], { order: ORDER }),
    );
    expect(comment).toMatch(/\| prod \| - \| \$[\d,.]+ \(1 registry, 0 replicas\) \| \+\$[\d,.]+ \|/);
  });
});
