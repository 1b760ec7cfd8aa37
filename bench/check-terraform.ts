/**
 * Benchmark: `acr-iac check` of a hand-written Terraform root module of about 5 MB (several
 * `*.tf.json` files in both body forms, variables, locals, `for_each` over literal maps, `dynamic`
 * blocks, references across files) as a ratio to plain JSON.parse of the same files. Goal: under 3x,
 * as for synthesized input. Run alone with `npm run bench -- check-terraform` (it builds first).
 * Steady state reuses the bounded per-text caches (parsed templates and references) that the first
 * round fills; the first-run line is what one CLI run pays, cold JIT and empty caches. It times the
 * compiled package (`dist/`, see package.ts).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pairedMedianRatio, perResourceLine, timeRounds } from './rounds';
import { compiledPolicies } from './package';

const { checkPaths, loadInventories } = compiledPolicies();

/** What the benchmark measured. */
export interface TerraformBenchResult {
  readonly files: number;
  readonly megabytes: number;
  readonly parseMs: number;
  readonly checkMs: number;
  readonly ratio: number;
  readonly firstRunRatio: number;
  /** The median ratio of rounds that run JSON.parse and check back to back (see pairedMedianRatio). */
  readonly pairedRatio: number;
}

const SUBNET = '/subscriptions/0/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v/subnets/s';
const WORKSPACE = '/subscriptions/0/resourceGroups/m/providers/Microsoft.OperationalInsights/workspaces/w';

/** The files of a root module with `registries` registries, each with endpoints, grants, hooks, diagnostics, a lock. */
function rootModule(registries: number): Record<string, unknown> {
  const variables: Record<string, unknown> = {
    location: { type: 'string', default: 'westeurope' },
    replica_locations: { type: 'list(string)', default: ['northeurope', 'swedencentral'] },
    workspace_id: { type: 'string', default: WORKSPACE },
    pull_principals: {
      type: 'map(object({ principal_id = string, role = optional(string, "AcrPull") }))',
      default: Object.fromEntries(
        [0, 1, 2, 3].map((g) => [`app${g}`, { principal_id: `0000000${g}-0000-0000-0000-00000000000${g}` }]),
      ),
    },
  };
  const registry: Record<string, unknown> = {};
  const network: Record<string, Record<string, unknown>> = {
    azurerm_private_endpoint: {},
    azurerm_private_dns_zone: {},
    azurerm_private_dns_zone_virtual_network_link: {},
  };
  const access: Record<string, Record<string, unknown>> = {
    azurerm_role_assignment: {},
    azurerm_container_registry_webhook: {},
    azurerm_management_lock: {},
    azurerm_monitor_diagnostic_setting: {},
  };
  for (let i = 0; i < registries; i += 1) {
    const r = `reg${i}`;
    const id = `\${azurerm_container_registry.${r}.id}`;
    // Each registry in its team's resource group, with its own privatelink zone there: one zone of a
    // name per resource group, as Azure allows.
    const group = `\${local.resource_group}-${i}`;
    // Every other registry in the array form, as HCL-to-JSON converters write it.
    const form = (body: Record<string, unknown>): unknown => (i % 2 === 0 ? body : [body]);
    registry[r] = form({
      '//': `registry ${i} of the platform`,
      name: `\${local.prefix}${i}`,
      resource_group_name: group,
      location: '${var.location}',
      sku: 'Premium',
      admin_enabled: false,
      public_network_access_enabled: false,
      zone_redundancy_enabled: true,
      quarantine_policy_enabled: true,
      retention_policy_in_days: 30,
      tags: '${local.tags}',
      dynamic: {
        georeplications: {
          for_each: '${var.replica_locations}',
          content: { location: '${georeplications.value}', zone_redundancy_enabled: true },
        },
      },
      lifecycle: { prevent_destroy: true },
    });
    network.azurerm_private_dns_zone[`${r}zone`] = form({
      name: 'privatelink.azurecr.io',
      resource_group_name: group,
    });
    network.azurerm_private_dns_zone_virtual_network_link[`${r}link`] = form({
      name: `${r}link`,
      resource_group_name: group,
      private_dns_zone_name: `\${azurerm_private_dns_zone.${r}zone.name}`,
      virtual_network_id: '/subscriptions/0/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v',
    });
    network.azurerm_private_endpoint[`${r}pe`] = form({
      for_each: { weu: SUBNET, neu: SUBNET },
      name: `${r}-pe-\${each.key}`,
      location: '${var.location}',
      resource_group_name: group,
      subnet_id: '${each.value}',
      private_service_connection: {
        name: 'registry',
        private_connection_resource_id: id,
        subresource_names: ['registry'],
        is_manual_connection: false,
      },
      private_dns_zone_group: {
        name: 'acr',
        private_dns_zone_ids: [`\${azurerm_private_dns_zone.${r}zone.id}`],
      },
    });
    access.azurerm_role_assignment[`${r}pull`] = form({
      for_each: '${var.pull_principals}',
      scope: id,
      role_definition_name: '${each.value.role}',
      principal_id: '${each.value.principal_id}',
      principal_type: 'ServicePrincipal',
    });
    access.azurerm_role_assignment[`${r}signer`] = form({
      scope: id,
      role_definition_name: 'AcrImageSigner',
      principal_id: '99999999-0000-0000-0000-000000000000',
    });
    access.azurerm_container_registry_webhook[`${r}hook`] = form({
      name: `${r}hook`,
      resource_group_name: group,
      registry_name: `\${azurerm_container_registry.${r}.name}`,
      location: '${var.location}',
      service_uri: 'https://scanner.example.com/hook',
      actions: ['quarantine'],
    });
    access.azurerm_management_lock[`${r}lock`] = form({
      name: `${r}lock`,
      scope: id,
      lock_level: 'CanNotDelete',
    });
    access.azurerm_monitor_diagnostic_setting[`${r}diag`] = form({
      name: 'audit',
      target_resource_id: id,
      log_analytics_workspace_id: '${var.workspace_id}',
      enabled_log: [
        { category: 'ContainerRegistryLoginEvents' },
        { category: 'ContainerRegistryRepositoryEvents' },
      ],
    });
  }
  return {
    'variables.tf.json': {
      variable: variables,
      locals: {
        prefix: 'contosoacr',
        resource_group: 'rg-acr',
        tags: { owner: 'platform', costcenter: '1234' },
      },
    },
    'registries.tf.json': { resource: { azurerm_container_registry: registry } },
    'network.tf.json': { resource: network },
    'access.tf.json': { resource: access },
  };
}

/** Runs the benchmark and prints two lines; returns the numbers. */
export function benchCheckTerraform(registries = 1400, rounds = 10): TerraformBenchResult {
  const dir = mkdtempSync(path.join(tmpdir(), 'acr-bench-tf-'));
  try {
    let bytes = 0;
    for (const [name, doc] of Object.entries(rootModule(registries))) {
      const text = JSON.stringify(doc, null, 2);
      writeFileSync(path.join(dir, name), text);
      bytes += text.length;
    }
    const files = readdirSync(dir).map((f) => path.join(dir, f));
    const time = (fn: () => void) => timeRounds(rounds, fn);
    const parseFiles = (): void => files.forEach((f) => void JSON.parse(readFileSync(f, 'utf8')));
    let registriesFound = 0;
    let resourcesFound = 0;
    const runCheck = (): void => {
      const result = checkPaths([dir], {
        cwd: dir,
        environment: 'prod',
        config: { allowedRegions: ['westeurope', 'northeurope', 'swedencentral'] },
      });
      registriesFound = result.environments[0]?.registries ?? 0;
      resourcesFound = result.environments[0]?.resources ?? 0;
    };
    const parse = time(parseFiles);
    const check = time(runCheck);
    if (registriesFound !== registries)
      throw new Error(`read ${registriesFound} registries of ${registries}`);
    // The reading alone (adapter: structure, evaluation, inventory), without the rules.
    const read = time(() => void loadInventories([dir], { cwd: dir, environment: 'prod' }));
    const paired = pairedMedianRatio(rounds, parseFiles, runCheck);
    const result = {
      files: files.length,
      megabytes: bytes / 1e6,
      parseMs: parse.best,
      checkMs: check.best,
      ratio: check.best / parse.best,
      firstRunRatio: check.first / parse.first,
      pairedRatio: paired,
    };
    console.log(
      `check (hand-written root module): ${registries} registries, ${result.megabytes.toFixed(1)} MB in ${files.length} *.tf.json files, compiled package, steady state (best of ${rounds}, per-text caches warm): ${check.best.toFixed(0)} ms vs JSON.parse ${parse.best.toFixed(0)} ms = ${result.ratio.toFixed(2)}x (goal < 3x)`,
    );
    console.log(
      `check (hand-written root module): first run (cold JIT): ${check.first.toFixed(0)} ms vs JSON.parse ${parse.first.toFixed(0)} ms = ${result.firstRunRatio.toFixed(2)}x`,
    );
    console.log(
      `check (hand-written root module): paired (median of ${rounds} rounds, JSON.parse then check in each): ${paired.toFixed(2)}x`,
    );
    console.log(
      `check (hand-written root module): of which reading into inventories (best of ${rounds}): ${read.best.toFixed(0)} ms = ${(read.best / parse.best).toFixed(2)}x JSON.parse`,
    );
    // Its `for_each` blocks make 13 resources of each registry's 9 blocks: more resources per byte than
    // the synthesized estate of the check benchmark.
    console.log(perResourceLine('check (hand-written root module)', result, resourcesFound));
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) benchCheckTerraform();
