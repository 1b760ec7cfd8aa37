/**
 * The same configuration in different forms gives the same findings:
 * - for random registry settings, Terraform JSON's object form and its array form (what HCL-to-JSON
 *   converters write);
 * - for the same settings, azurerm resources and the same resources as `azapi_resource` (ARM bodies,
 *   replications and a zone group as child resources);
 * - for random declarations, the cdk.tf.json synth writes, the same resources as hand-written
 *   `.tf.json` (no cdktf metadata), and a `terraform show -json` plan built from them: identical on
 *   every rule, except destroy protection, which plan JSON does not carry (ACR-019 is unknown there),
 *   and the deletion gate, which only a plan (a change) answers (ACR-115); and in a plan whose
 *   registry blocks azurerm computes are known only after apply (as real plans show them), the same
 *   verdicts, or unknown on the rules those blocks decide.
 * Runs are bounded (a few seconds in all).
 */
import fc from 'fast-check';
import type { EvaluationResult, Finding, Inventory } from '../../policies';
import {
  evaluate,
  inventoryFromCdktfJson,
  inventoryFromPlanJson,
  inventoryFromTerraformJson,
  resolvePolicyConfig,
} from '../../policies';
import type { RegistryDeclaration } from '../../constructs/model/declaration';
import { synthOne } from '../support/cdktf';
import { SUBNET, VNET, WORKSPACE, env } from '../support/declarations';

const CONFIG = resolvePolicyConfig({
  order: ['prod'],
  allowedRegions: ['westeurope', 'northeurope', 'swedencentral'],
});

function judge(inventory: Inventory): EvaluationResult {
  return evaluate([inventory], CONFIG);
}

const key = (f: Finding): string => `${f.ruleId} ${f.result} ${f.location.address} ${f.message}`;

/** A JSON value with every block body (an object in a resource body or a nested block) in the array form. */
function arrayForm(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) return value.map((v) => arrayForm(v, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // `tags` is a map attribute, not a block: it keeps the object form.
    const isBlock = typeof v === 'object' && v !== null && !Array.isArray(v) && k !== 'tags';
    out[k] = isBlock ? [arrayForm(v, depth + 1)] : arrayForm(v, depth + 1);
  }
  return out;
}

/** A document with its resource bodies (and their nested blocks) in the array form. */
function inArrayForm(doc: { resource: Record<string, Record<string, unknown>> }): unknown {
  const resource: Record<string, Record<string, unknown>> = {};
  for (const [type, byName] of Object.entries(doc.resource)) {
    resource[type] = {};
    for (const [name, body] of Object.entries(byName)) resource[type][name] = [arrayForm(body)];
  }
  return { ...doc, resource };
}

const replica = fc.record({
  location: fc.constantFrom('northeurope', 'swedencentral', 'eastus'),
  zone_redundancy_enabled: fc.boolean(),
});

/** Random registry settings, a webhook, and maybe a private endpoint and a network rule set. */
const handWritten = fc
  .record({
    sku: fc.constantFrom('Basic', 'Standard', 'Premium'),
    admin_enabled: fc.boolean(),
    public_network_access_enabled: fc.boolean(),
    zone_redundancy_enabled: fc.boolean(),
    quarantine_policy_enabled: fc.boolean(),
    retention_policy_in_days: fc.integer({ min: 0, max: 30 }),
    replicas: fc.uniqueArray(replica, { maxLength: 2, selector: (r) => r.location }),
    network: fc.option(fc.record({ default_action: fc.constantFrom('Allow', 'Deny') }), { nil: undefined }),
    https: fc.boolean(),
    endpoint: fc.boolean(),
  })
  .map((s) => {
    const registry: Record<string, unknown> = {
      name: 'contosoacrprod',
      resource_group_name: 'rg-acr',
      location: 'westeurope',
      sku: s.sku,
      admin_enabled: s.admin_enabled,
      public_network_access_enabled: s.public_network_access_enabled,
      zone_redundancy_enabled: s.zone_redundancy_enabled,
      quarantine_policy_enabled: s.quarantine_policy_enabled,
      retention_policy_in_days: s.retention_policy_in_days,
      georeplications: s.replicas,
      tags: { owner: 'platform' },
    };
    if (s.network) registry.network_rule_set = { default_action: s.network.default_action, ip_rule: [] };
    const resource: Record<string, Record<string, unknown>> = {
      azurerm_container_registry: { acr: registry },
      azurerm_container_registry_webhook: {
        hook: {
          name: 'hook',
          resource_group_name: 'rg-acr',
          registry_name: '${azurerm_container_registry.acr.name}',
          location: 'westeurope',
          service_uri: s.https ? 'https://hooks.example.com/a' : 'http://hooks.example.com/a',
          actions: ['push'],
        },
      },
    };
    if (s.endpoint)
      resource.azurerm_private_endpoint = {
        pe: {
          name: 'pe',
          location: 'westeurope',
          resource_group_name: 'rg-acr',
          subnet_id: SUBNET,
          private_service_connection: {
            name: 'registry',
            private_connection_resource_id: '${azurerm_container_registry.acr.id}',
            subresource_names: ['registry'],
            is_manual_connection: false,
          },
          private_dns_zone_group: {
            name: 'acr',
            private_dns_zone_ids: ['${azurerm_private_dns_zone.acr.id}'],
          },
        },
      };
    resource.azurerm_private_dns_zone = {
      acr: { name: 'privatelink.azurecr.io', resource_group_name: 'rg-acr' },
    };
    return { resource };
  });

describe('object form and array form', () => {
  it('give identical findings for random registry settings', () => {
    fc.assert(
      fc.property(handWritten, (doc) => {
        const object = judge(inventoryFromTerraformJson(doc, 'prod', 'main.tf.json'));
        const array = judge(inventoryFromTerraformJson(inArrayForm(doc), 'prod', 'main.tf.json'));
        expect(array.findings.map(key)).toEqual(object.findings.map(key));
        // The array form was once read as empty bodies: make sure these findings judged something.
        expect(object.findings.some((f) => f.ruleId === 'ACR-001' && f.result !== 'unknown')).toBe(true);
      }),
      { numRuns: 40, seed: 20261201 },
    );
  });
});

type Json = Record<string, unknown>;

/** An ARM status of a boolean (`Enabled`/`Disabled`; policies write it in lowercase). */
const armStatus = (on: unknown, lower = false): string => {
  const status = on ? 'Enabled' : 'Disabled';
  return lower ? status.toLowerCase() : status;
};

/**
 * The same resources written with `azapi_resource` (written here from the ARM template reference of
 * each type, not from the checker's reading): the registry's ARM body, each georeplication a
 * `registries/replications` child, the webhook a `registries/webhooks` child, the endpoint a
 * `privateEndpoints` resource with a `privateDnsZoneGroups` child. The DNS zone stays azurerm's.
 */
function inAzapiForm(doc: { resource: Record<string, Record<string, Json>> }): unknown {
  const registry = doc.resource.azurerm_container_registry.acr;
  const azapi: Record<string, Json> = {};
  const network = registry.network_rule_set as Json | undefined;
  const days = registry.retention_policy_in_days as number;
  azapi.acr = {
    type: 'Microsoft.ContainerRegistry/registries@2025-04-01',
    name: registry.name,
    parent_id: '/subscriptions/0/resourceGroups/rg-acr',
    location: registry.location,
    body: {
      sku: { name: registry.sku },
      properties: {
        adminUserEnabled: registry.admin_enabled,
        publicNetworkAccess: armStatus(registry.public_network_access_enabled),
        zoneRedundancy: armStatus(registry.zone_redundancy_enabled),
        ...(network ? { networkRuleSet: { defaultAction: network.default_action, ipRules: [] } } : {}),
        policies: {
          quarantinePolicy: { status: armStatus(registry.quarantine_policy_enabled, true) },
          retentionPolicy: days > 0 ? { status: 'enabled', days } : { status: 'disabled' },
        },
      },
    },
  };
  for (const replica of registry.georeplications as Json[])
    azapi[`replica_${String(replica.location)}`] = {
      type: 'Microsoft.ContainerRegistry/registries/replications@2025-04-01',
      name: replica.location,
      parent_id: '${azapi_resource.acr.id}',
      location: replica.location,
      body: { properties: { zoneRedundancy: armStatus(replica.zone_redundancy_enabled) } },
    };
  const hook = doc.resource.azurerm_container_registry_webhook.hook;
  azapi.hook = {
    type: 'Microsoft.ContainerRegistry/registries/webhooks@2025-04-01',
    name: hook.name,
    parent_id: '${azapi_resource.acr.id}',
    location: hook.location,
    body: { properties: { serviceUri: hook.service_uri, actions: hook.actions } },
  };
  const endpoint = doc.resource.azurerm_private_endpoint?.pe;
  if (endpoint) {
    azapi.pe = {
      type: 'Microsoft.Network/privateEndpoints@2024-05-01',
      name: endpoint.name,
      parent_id: '/subscriptions/0/resourceGroups/rg-acr',
      location: endpoint.location,
      body: {
        properties: {
          subnet: { id: endpoint.subnet_id },
          privateLinkServiceConnections: [
            {
              name: 'registry',
              properties: { privateLinkServiceId: '${azapi_resource.acr.id}', groupIds: ['registry'] },
            },
          ],
        },
      },
    };
    azapi.zones = {
      type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01',
      name: 'acr',
      parent_id: '${azapi_resource.pe.id}',
      body: {
        properties: {
          privateDnsZoneConfigs: [
            { name: 'acr', properties: { privateDnsZoneId: '${azurerm_private_dns_zone.acr.id}' } },
          ],
        },
      },
    };
  }
  return {
    resource: { azapi_resource: azapi, azurerm_private_dns_zone: doc.resource.azurerm_private_dns_zone },
  };
}

/** The azurerm address a finding of the azapi form stands for. */
const AZURERM_ADDRESS: Readonly<Record<string, string>> = {
  'azapi_resource.acr': 'azurerm_container_registry.acr',
  'azapi_resource.hook': 'azurerm_container_registry_webhook.hook',
  'azapi_resource.pe': 'azurerm_private_endpoint.pe',
};

describe('azurerm and azapi_resource', () => {
  it('give identical findings for random registry settings', () => {
    fc.assert(
      fc.property(handWritten, (doc) => {
        const azurerm = judge(inventoryFromTerraformJson(doc, 'prod', 'main.tf.json'));
        const azapi = judge(inventoryFromTerraformJson(inAzapiForm(doc as never), 'prod', 'main.tf.json'));
        const asAzurerm = azapi.findings.map((f) =>
          key({
            ...f,
            location: { ...f.location, address: AZURERM_ADDRESS[f.location.address] ?? f.location.address },
          }),
        );
        expect(asAzurerm).toEqual(azurerm.findings.map(key));
      }),
      { numRuns: 40, seed: 20261203 },
    );
  });
});

/** A copy without cdktf's `"//"` metadata: the same resources as a person would write them. */
function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== '//')
      .map(([k, v]) => [k, withoutMetadata(v)]),
  );
}

const WHOLE_REFERENCE = /^\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)\.[A-Za-z0-9_.[\]]+\}$/;

/**
 * A value split for plan JSON: known parts in `after`, references as `after_unknown: true` with the
 * configuration expression naming them (how `terraform show -json` shows values computed at apply).
 */
function planParts(value: unknown): { after: unknown; unknown: unknown; expression: unknown } {
  if (typeof value === 'string' && WHOLE_REFERENCE.test(value)) {
    const reference = value.slice(2, -1);
    const resource = WHOLE_REFERENCE.exec(value)?.[1] as string;
    return { after: null, unknown: true, expression: { references: [reference, resource] } };
  }
  if (Array.isArray(value)) {
    const parts = value.map(planParts);
    return {
      after: parts.map((p) => p.after),
      unknown: parts.map((p) => p.unknown),
      expression: parts.map((p) => p.expression),
    };
  }
  if (typeof value === 'object' && value !== null) {
    const after: Json = {};
    const unknown: Json = {};
    const expression: Json = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'lifecycle' || k === '//') continue;
      const p = planParts(v);
      after[k] = p.after;
      unknown[k] = p.unknown;
      expression[k] = p.expression;
    }
    return { after, unknown, expression };
  }
  return { after: value, unknown: false, expression: { constant_value: value } };
}

/**
 * A registry's blocks azurerm 4.x computes when the configuration leaves them out (Optional+Computed
 * in `container_registry_resource.go`): a real plan of a new registry marks them known only after apply.
 */
const COMPUTED_REGISTRY_BLOCKS = ['network_rule_set', 'encryption'];

/**
 * A plan creating every resource of a synthesized stack; `computed` marks the registry blocks azurerm
 * computes as known only after apply when the body leaves them out, as a real plan does.
 */
function planOf(
  doc: {
    resource: Record<string, Record<string, unknown>>;
    data?: Record<string, Record<string, unknown>>;
  },
  computed = false,
): Json {
  const changes: Json[] = [];
  const configuration: Json[] = [];
  for (const [type, byName] of Object.entries(doc.resource)) {
    for (const [name, body] of Object.entries(byName)) {
      const parts = planParts(body);
      const address = `${type}.${name}`;
      if (computed && type === 'azurerm_container_registry')
        for (const block of COMPUTED_REGISTRY_BLOCKS)
          if (!Object.hasOwn(body as Json, block)) (parts.unknown as Json)[block] = true;
      changes.push({
        address,
        mode: 'managed',
        type,
        name,
        change: { actions: ['create'], before: null, after: parts.after, after_unknown: parts.unknown },
      });
      configuration.push({ address, mode: 'managed', type, name, expressions: parts.expression });
    }
  }
  for (const [type, byName] of Object.entries(doc.data ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      const parts = planParts(body);
      configuration.push({
        address: `data.${type}.${name}`,
        mode: 'data',
        type,
        name,
        expressions: parts.expression,
      });
    }
  }
  return {
    format_version: '1.2',
    resource_changes: changes,
    configuration: { root_module: { resources: configuration } },
  };
}

const declaration = fc
  .record({
    adminEnabled: fc.boolean(),
    publicNetworkAccess: fc.boolean(),
    zoneRedundancy: fc.boolean(),
    quarantine: fc.boolean(),
    dataEndpoints: fc.boolean(),
    retentionDays: fc.integer({ min: 0, max: 30 }),
    replicas: fc.subarray(['northeurope', 'swedencentral']),
    endpoint: fc.boolean(),
    diagnostics: fc.boolean(),
    lock: fc.boolean(),
    preventDestroy: fc.boolean(),
    // The ARM-only properties (an azapi_update_resource on the registry).
    armAudienceTokens: fc.boolean(),
    taskNetworkBypass: fc.boolean(),
    softDeleteDays: fc.constantFrom(0, 7),
  })
  .map((s): Partial<RegistryDeclaration> => ({
    adminEnabled: s.adminEnabled,
    publicNetworkAccess: s.publicNetworkAccess || !s.endpoint,
    zoneRedundancy: s.zoneRedundancy,
    quarantine: s.quarantine,
    dataEndpoints: s.dataEndpoints,
    retentionDays: s.retentionDays,
    replicas: s.replicas.map((location) => ({ location, zoneRedundancy: s.zoneRedundancy })),
    privateEndpoints: s.endpoint ? [{ name: 'pe-acr', subnetId: SUBNET }] : [],
    ...(s.endpoint ? { privateDns: { vnetLinks: [{ name: 'hub', virtualNetworkId: VNET }] } } : {}),
    webhooks: [
      {
        name: 'scanner',
        serviceUri: 'https://scanner.example.com/hook',
        actions: ['quarantine'],
      },
    ],
    ...(s.diagnostics ? { diagnostics: { logAnalyticsWorkspaceId: WORKSPACE } } : {}),
    lock: s.lock,
    preventDestroy: s.preventDestroy,
    armAudienceTokens: s.armAudienceTokens,
    taskNetworkBypass: s.taskNetworkBypass,
    // Soft delete only without retention and replicas (the declaration refuses the others).
    ...(s.softDeleteDays > 0 && s.retentionDays === 0 && s.replicas.length === 0
      ? { softDeleteDays: s.softDeleteDays }
      : {}),
  }));

describe('cdk.tf.json, hand-written .tf.json and a plan of the same resources', () => {
  it('give identical findings on every rule (destroy protection is not in plan JSON)', () => {
    fc.assert(
      fc.property(declaration, (registry) => {
        const doc = synthOne(env('prod', registry)) as unknown as {
          resource: Record<string, Record<string, unknown>>;
        };
        const synthesized = judge(inventoryFromCdktfJson(doc, 'prod', 'cdk.tf.json'));
        const plain = judge(inventoryFromTerraformJson(withoutMetadata(doc), 'prod', 'cdk.tf.json'));
        const plan = judge(inventoryFromPlanJson(planOf(doc), 'prod', 'cdk.tf.json'));
        const cdktf = synthesized.findings.map(key);
        expect(plain.findings.map(key)).toEqual(cdktf);
        // Plan JSON carries no lifecycle (ACR-019 is unknown there), and only a plan shows a change
        // (ACR-115 judges its removals; a configuration shows none, so it is not applicable there).
        const comparable = (f: Finding) => f.ruleId !== 'ACR-019' && f.ruleId !== 'ACR-115';
        expect(plan.findings.filter(comparable).map(key)).toEqual(
          synthesized.findings.filter(comparable).map(key),
        );
        expect(plan.findings.filter((f) => f.ruleId === 'ACR-019').map((f) => f.result)).toEqual(['unknown']);
        // A plan that only creates deletes nothing.
        expect(plan.findings.filter((f) => f.ruleId === 'ACR-115').map((f) => f.result)).toEqual(['pass']);
        expect(synthesized.findings.filter((f) => f.ruleId === 'ACR-115').map((f) => f.result)).toEqual([
          'not-applicable',
        ]);
      }),
      { numRuns: 6, seed: 20261202 },
    );
  });

  // What the computed blocks decide (the network rule set, a customer-managed key, what the tier
  // supports) may be unknown in a real plan; nothing else differs, and nothing turns into another verdict.
  const COMPUTED_RULES = new Set(['ACR-004', 'ACR-016', 'ACR-025']);

  it('give the same verdicts in a plan whose computed registry blocks are unknown, or unknown where those decide', () => {
    fc.assert(
      fc.property(declaration, (registry) => {
        const doc = synthOne(env('prod', registry)) as unknown as {
          resource: Record<string, Record<string, unknown>>;
        };
        const synthesized = judge(inventoryFromCdktfJson(doc, 'prod', 'cdk.tf.json'));
        const plan = judge(inventoryFromPlanJson(planOf(doc, true), 'prod', 'cdk.tf.json'));
        const comparable = (f: Finding) => f.ruleId !== 'ACR-019' && f.ruleId !== 'ACR-115';
        const results = (findings: readonly Finding[]): string[] =>
          findings.filter(comparable).map((f) => `${f.ruleId} ${f.location.address}`);
        const configured = synthesized.findings.filter(comparable);
        const planned = plan.findings.filter(comparable);
        expect(results(planned)).toEqual(results(configured));
        planned.forEach((f, i) => {
          const was = configured[i];
          if (!COMPUTED_RULES.has(f.ruleId)) expect(key(f)).toEqual(key(was));
          else expect([was.result, 'unknown']).toContain(f.result);
        });
        // A public Premium registry's network rule set is computed: its exposure is not decided.
        const exposure = planned.find((f) => f.ruleId === 'ACR-004')?.result;
        expect(exposure).toBe(registry.publicNetworkAccess ? 'unknown' : 'pass');
      }),
      { numRuns: 6, seed: 20261206 },
    );
  });
});
