/**
 * Benchmark: `acr-iac check` over a large synthesized estate (thousands of resources, several MB of
 * JSON generated in-process) as a ratio to plain JSON.parse of the same files. Goal: under 3x.
 * Steady state reuses the bounded per-text caches (parsed templates and references) that the first
 * round fills; the first-run line is what one CLI run pays, cold JIT and empty caches. It times the
 * compiled package (`dist/`, see package.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pairedMedianRatio, perResourceLine, timeRounds } from './rounds';
import { compiledPolicies } from './package';

const { checkPaths } = compiledPolicies();

/** What the benchmark measured. */
export interface CheckBenchResult {
  readonly files: number;
  readonly resources: number;
  readonly megabytes: number;
  readonly parseMs: number;
  readonly checkMs: number;
  /** Steady-state ratio (best of the rounds). */
  readonly ratio: number;
  /** Ratio of the first runs (cold JIT). */
  readonly firstRunRatio: number;
  /** The median ratio of rounds that run JSON.parse and check back to back (see pairedMedianRatio). */
  readonly pairedRatio: number;
}

const ENVS = ['dev', 'staging', 'prod'];

/** One stack with `registries` registries, each with endpoints, grants, tokens, webhooks, tasks, locks. */
function stackJson(env: string, registries: number): { text: string; resources: number } {
  const resource: Record<string, Record<string, unknown>> = {};
  let count = 0;
  const add = (type: string, name: string, body: Record<string, unknown>): void => {
    resource[type] ??= {};
    resource[type][name] = { '//': { metadata: { path: `${env}/${name}`, uniqueId: name } }, ...body };
    count += 1;
  };
  for (let i = 0; i < registries; i += 1) {
    const r = `reg${i}`;
    const id = `\${azurerm_container_registry.${r}.id}`;
    const name = `contoso${env}${i}`;
    add('azurerm_container_registry', r, {
      name,
      resource_group_name: `rg-${env}`,
      location: 'westeurope',
      sku: 'Premium',
      admin_enabled: false,
      public_network_access_enabled: false,
      zone_redundancy_enabled: true,
      quarantine_policy_enabled: true,
      retention_policy_in_days: 30,
      georeplications: [
        { location: 'northeurope', zone_redundancy_enabled: true },
        { location: 'swedencentral', zone_redundancy_enabled: true },
      ],
      tags: { environment: env, owner: 'platform', costcenter: '1234' },
    });
    add('azurerm_private_dns_zone', `${r}zone`, {
      name: 'privatelink.azurecr.io',
      resource_group_name: `rg-${env}`,
    });
    add('azurerm_private_dns_zone_virtual_network_link', `${r}link`, {
      name: `${r}link`,
      private_dns_zone_name: `\${azurerm_private_dns_zone.${r}zone.name}`,
      virtual_network_id: '/subscriptions/0/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v',
    });
    add('azurerm_private_endpoint', `${r}pe`, {
      name: `${r}pe`,
      subnet_id: '/subscriptions/0/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v/subnets/s',
      private_service_connection: {
        name: 'c',
        private_connection_resource_id: id,
        subresource_names: ['registry'],
        is_manual_connection: false,
      },
      private_dns_zone_group: {
        name: 'acr-dns',
        private_dns_zone_ids: [`\${azurerm_private_dns_zone.${r}zone.id}`],
      },
    });
    for (let g = 0; g < 4; g += 1) {
      add('azurerm_role_assignment', `${r}ra${g}`, {
        scope: id,
        role_definition_name: g === 0 ? 'AcrImageSigner' : 'AcrPull',
        principal_id: `0000000${g}-0000-0000-0000-00000000000${g}`,
        principal_type: 'ServicePrincipal',
        description: 'cluster kubelet pulls images',
      });
    }
    add('azurerm_container_registry_scope_map', `${r}sm`, {
      name: `${r}-scope`,
      container_registry_name: name,
      actions: ['repositories/apps/*/content/read', 'repositories/apps/*/metadata/read'],
    });
    add('azurerm_container_registry_token', `${r}tok`, {
      name: `${r}-tok`,
      container_registry_name: name,
      scope_map_id: `\${azurerm_container_registry_scope_map.${r}sm.id}`,
    });
    add('azurerm_container_registry_token_password', `${r}pw`, {
      container_registry_token_id: `\${azurerm_container_registry_token.${r}tok.id}`,
      password1: { expiry: '${time_rotating.x.rotation_rfc3339}' },
    });
    add('azurerm_container_registry_webhook', `${r}hook`, {
      name: `${r}hook`,
      registry_name: name,
      service_uri: 'https://scanner.example.com/hook',
      actions: ['quarantine'],
    });
    add('azurerm_container_registry_task', `${r}purge`, {
      name: `${r}purge`,
      container_registry_id: id,
      encoded_step: {
        task_content: Buffer.from('version: v1.1.0\nsteps:\n  - cmd: acr purge --ago 30d\n').toString(
          'base64',
        ),
      },
    });
    add('azurerm_monitor_diagnostic_setting', `${r}diag`, {
      name: 'audit',
      target_resource_id: id,
      log_analytics_workspace_id:
        '/subscriptions/0/resourceGroups/m/providers/Microsoft.OperationalInsights/workspaces/w',
      enabled_log: [
        { category: 'ContainerRegistryLoginEvents' },
        { category: 'ContainerRegistryRepositoryEvents' },
      ],
    });
    add('azurerm_management_lock', `${r}lock`, { name: `${r}lock`, scope: id, lock_level: 'CanNotDelete' });
  }
  return { text: JSON.stringify({ terraform: {}, resource }, null, 2), resources: count };
}

/** Runs the benchmark and prints one line; returns the numbers. */
export async function benchCheck(registriesPerStack = 250, rounds = 15): Promise<CheckBenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'acr-bench-check-'));
  try {
    let resources = 0;
    let bytes = 0;
    const stacks: Record<string, { synthesizedStackPath: string }> = {};
    for (const env of ENVS) {
      const { text, resources: n } = stackJson(env, registriesPerStack);
      mkdirSync(path.join(dir, 'stacks', env), { recursive: true });
      writeFileSync(path.join(dir, 'stacks', env, 'cdk.tf.json'), text);
      stacks[env] = { synthesizedStackPath: `stacks/${env}/cdk.tf.json` };
      resources += n;
      bytes += text.length;
    }
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ stacks }));
    const files = ENVS.map((env) => path.join(dir, 'stacks', env, 'cdk.tf.json'));
    // Each side is timed on its first run (a fresh process: cold JIT, what one CLI call pays) and as the
    // best of `rounds` runs (steady state, the engine's own cost).
    const time = (fn: () => void) => timeRounds(rounds, fn);
    const parseFiles = (): void => files.forEach((f) => void JSON.parse(readFileSync(f, 'utf8')));
    const runCheck = (): void =>
      void checkPaths([dir], {
        cwd: dir,
        config: { allowedRegions: ['westeurope', 'northeurope', 'swedencentral'] },
      });
    const parse = time(parseFiles);
    const check = time(runCheck);
    const paired = pairedMedianRatio(rounds, parseFiles, runCheck);
    const result = {
      files: files.length,
      resources,
      megabytes: bytes / 1e6,
      parseMs: parse.best,
      checkMs: check.best,
      ratio: check.best / parse.best,
      firstRunRatio: check.first / parse.first,
      pairedRatio: paired,
    };
    const mb = result.megabytes.toFixed(1);
    console.log(
      `check: ${resources} resources, ${mb} MB in ${files.length} stacks, compiled package, steady state (best of ${rounds}, per-text caches warm): ${check.best.toFixed(0)} ms vs JSON.parse ${parse.best.toFixed(0)} ms = ${result.ratio.toFixed(2)}x (goal < 3x)`,
    );
    console.log(
      `check: same input, first run (cold JIT): ${check.first.toFixed(0)} ms vs JSON.parse ${parse.first.toFixed(0)} ms = ${result.firstRunRatio.toFixed(2)}x`,
    );
    console.log(
      `check: paired (median of ${rounds} rounds, JSON.parse then check in each): ${paired.toFixed(2)}x`,
    );
    console.log(perResourceLine('check', result, resources));
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void benchCheck();
