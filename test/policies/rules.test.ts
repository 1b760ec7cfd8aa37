/**
 * Each registry rule: the hand-written prod fixture passes it, and one tampering makes exactly that
 * rule fail (other rules may fail too when the tampering touches them, but the named one must).
 */
import type { Doc } from './helpers';
import { evaluateDoc, failedRules, fixture, results, withCache } from './helpers';
import { REGISTRY_RULES } from '../../policies';

const registry = (doc: Doc): Doc => doc.resource.azurerm_container_registry.registry;
const res = (doc: Doc, type: string): Doc => doc.resource[type];

/** The rules whose pass needs the cache, which the production posture forbids. */
const CACHE_RULES = ['ACR-054', 'ACR-055'];

const TAMPERINGS: Readonly<Record<string, (doc: Doc) => void>> = {
  'ACR-001': (d) => (registry(d).admin_enabled = true),
  'ACR-002': (d) => (registry(d).anonymous_pull_enabled = true),
  'ACR-003': (d) => (registry(d).public_network_access_enabled = true),
  'ACR-004': (d) => delete registry(d).public_network_access_enabled,
  'ACR-005': (d) => delete d.resource.azurerm_private_endpoint,
  'ACR-006': (d) => delete res(d, 'azurerm_private_endpoint').pe_weu.private_dns_zone_group,
  'ACR-007': (d) => delete d.resource.azurerm_private_dns_zone_virtual_network_link,
  'ACR-008': (d) => registry(d).georeplications.pop(),
  'ACR-009': (d) => (registry(d).georeplications[0].location = 'eastus'),
  'ACR-010': (d) => (registry(d).georeplications[1].zone_redundancy_enabled = false),
  'ACR-011': (d) => delete registry(d).quarantine_policy_enabled,
  'ACR-012': (d) => (registry(d).retention_policy_in_days = 0),
  'ACR-013': (d) => delete res(d, 'azurerm_role_assignment').signer,
  'ACR-014': (d) => (registry(d).export_policy_enabled = true),
  'ACR-015': (d) => (registry(d).data_endpoint_enabled = false),
  'ACR-016': (d) => delete registry(d).encryption,
  'ACR-017': (d) =>
    (res(d, 'azurerm_monitor_diagnostic_setting').audit.enabled_log = [
      { category: 'ContainerRegistryLoginEvents' },
    ]),
  'ACR-018': (d) => delete d.resource.azurerm_management_lock,
  'ACR-019': (d) => delete registry(d).lifecycle,
  'ACR-020': (d) =>
    (res(d, 'azurerm_container_registry_webhook').scanner.service_uri = 'http://scanner.example.com/hook'),
  'ACR-021': (d) => {
    registry(d).sku = 'Basic';
  },
  'ACR-022': (d) => delete res(d, 'azurerm_container_registry_token_password').pull.password1.expiry,
  'ACR-023': (d) =>
    res(d, 'azurerm_container_registry_scope_map').pull.actions.push('repositories/apps/*/content/write'),
  'ACR-024': (d) =>
    (res(d, 'azurerm_role_assignment').ci = {
      scope: '${azurerm_container_registry.registry.id}',
      role_definition_name: 'AcrPush',
      principal_id: '11111111-1111-1111-1111-111111111111',
    }),
  'ACR-025': (d) => (registry(d).sku = 'Standard'),
  'ACR-026': (d) => (registry(d).sku = 'Standard'),
  'ACR-050': (d) => delete res(d, 'azurerm_container_registry_task').purge.agent_pool_name,
  'ACR-051': (d) => delete res(d, 'azurerm_container_registry_webhook').scanner_sec,
  'ACR-052': (d) =>
    (res(
      d,
      'azapi_update_resource',
    ).registry_policies.body.properties.policies.azureADAuthenticationAsArmPolicy.status = 'enabled'),
  'ACR-053': (d) =>
    (res(d, 'azapi_update_resource').registry_policies.body.properties.policies.softDeletePolicy = {
      status: 'enabled',
      retentionDays: 7,
    }),
  'ACR-054': (d) =>
    (res(withCache(d), 'azurerm_container_registry_cache_rule').nginx.source_repo =
      'images.example.net/nginx'),
  'ACR-055': (d) =>
    (res(
      withCache(d),
      'azurerm_container_registry_credential_set',
    ).hub.authentication_credentials.password_secret_id = 'hunter2'),
  'ACR-056': (d) =>
    (res(d, 'azurerm_monitor_diagnostic_setting').audit.enabled_log = [
      { category: 'ContainerRegistryLoginEvents' },
      { category: 'ContainerRegistryRepositoryEvents' },
    ]),
};

describe('registry rules on the hand-written prod stack', () => {
  const clean = evaluateDoc(fixture('prod.cdk.tf.json'), 'prod', {
    replicaRegions: { prod: ['northeurope', 'swedencentral'] },
  });

  it('passes every registry rule in the production posture', () => {
    expect(failedRules(clean)).toEqual([]);
    expect(clean.findings.filter((f) => f.result === 'unknown')).toEqual([]);
    for (const rule of REGISTRY_RULES)
      if (!CACHE_RULES.includes(rule.id)) expect(results(clean, rule.id, 'pass').length).toBeGreaterThan(0);
    const cached = evaluateDoc(withCache(fixture('prod.cdk.tf.json')), 'prod', {
      postures: { prod: 'baseline' },
    });
    for (const id of CACHE_RULES) expect(results(cached, id, 'pass').length).toBeGreaterThan(0);
  });

  it('fails ACR-024 on a cache rule: it fills its repository from Docker Hub as clients pull, past promotion', () => {
    const result = evaluateDoc(withCache(fixture('prod.cdk.tf.json')), 'prod', {
      replicaRegions: { prod: ['northeurope', 'swedencentral'] },
    });
    expect(failedRules(result)).toEqual(['ACR-024']);
    expect(results(result, 'ACR-024', 'fail').map((f) => [f.location.address, f.message])).toEqual([
      [
        'azurerm_container_registry_cache_rule.nginx',
        'cache rule hub-nginx pulls docker.io/library/nginx into repository hub/nginx: it caches what clients pull through it, with no promotion step (into contosoacrprod, past promotion)',
      ],
    ]);
  });

  it('has a tampering for every registry rule', () => {
    expect(Object.keys(TAMPERINGS).sort()).toEqual(REGISTRY_RULES.map((r) => r.id).sort());
  });

  it.each(Object.entries(TAMPERINGS))('%s fails when the stack is tampered with', (ruleId, tamper) => {
    const doc = fixture('prod.cdk.tf.json');
    if (ruleId === 'ACR-021') {
      // Three webhooks on a Basic registry (limit 2).
      tamper(doc);
      const hooks = doc.resource.azurerm_container_registry_webhook;
      hooks.b = { ...hooks.scanner, name: 'scannerb' };
      hooks.c = { ...hooks.scanner, name: 'scannerc' };
    } else {
      tamper(doc);
    }
    const result = evaluateDoc(doc, 'prod', { replicaRegions: { prod: ['northeurope', 'swedencentral'] } });
    const failures = results(result, ruleId, 'fail');
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0].location.file).toBe('stacks/prod/cdk.tf.json');
  });

  it('names the capability and the tier needed for a Premium-only setting on Standard', () => {
    const doc = fixture('prod.cdk.tf.json');
    registry(doc).sku = 'Standard';
    const messages = results(evaluateDoc(doc), 'ACR-025', 'fail').map((f) => f.message);
    expect(messages).toContain('contosoacrprod uses geo-replication, which needs Premium, on Standard');
    expect(messages).toContain('contosoacrprod uses the quarantine policy, which needs Premium, on Standard');
  });

  it('applies provider defaults to absent attributes (public access on, export on)', () => {
    const doc = fixture('prod.cdk.tf.json');
    delete registry(doc).public_network_access_enabled;
    delete registry(doc).export_policy_enabled;
    const result = evaluateDoc(doc);
    expect(results(result, 'ACR-003', 'fail')[0].message).toBe(
      'Public network access is enabled on contosoacrprod',
    );
    expect(results(result, 'ACR-014', 'fail')[0].message).toBe('Export is enabled on contosoacrprod');
  });

  it('never fails the gate on the advisory-only CMK rule', () => {
    const doc = fixture('prod.cdk.tf.json');
    delete registry(doc).encryption;
    const result = evaluateDoc(doc);
    expect(results(result, 'ACR-016', 'fail')).toHaveLength(1);
    expect(result.mandatoryFailures).toBe(0);
  });

  it('treats rules above the posture of an environment as not applicable', () => {
    const doc = fixture('prod.cdk.tf.json');
    delete registry(doc).lifecycle;
    const result = evaluateDoc(doc, 'prod', { postures: { prod: 'baseline' } });
    expect(results(result, 'ACR-019', 'not-applicable')).toHaveLength(1);
    expect(results(result, 'ACR-019', 'fail')).toHaveLength(0);
  });

  it('redacts webhook URIs down to scheme and host', () => {
    const doc = fixture('prod.cdk.tf.json');
    res(doc, 'azurerm_container_registry_webhook').scanner.service_uri =
      'http://user:pw@hooks.example.com/x?code=secret';
    const [finding] = results(evaluateDoc(doc), 'ACR-020', 'fail');
    expect(finding.message).toBe('webhook scannerquarantine sends to http://hooks.example.com, not https');
  });
});
