/**
 * The installed bin on inputs this project did not generate, and on malformed or hostile versions of
 * them: an AVM-style HCL root module, Terraform plans of other configurations, a `count` too large to
 * expand, locals that grow a list past what is evaluated. Unusable input is exit 2 with one line, and
 * nothing is written.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectFolder, runBin } from '../support/bin';
import { REPO } from '../support/packed';
import { SUBNET, ZONE, teamResources } from '../support/team-zones';

/** The fields of a JSON report's finding these tests read. */
interface Finding {
  readonly ruleId: string;
  readonly result: string;
  readonly location?: { readonly address?: string };
}

const FOREIGN = join(REPO, 'test', 'fixtures', 'foreign');

describe('the installed bin on foreign input', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(projectFolder(), 'foreign-'));
  });
  const bin = (...args: string[]) => runBin(args, { cwd: dir });

  /** Writes `text` to `file` in the folder `folder` of the project, made when missing. */
  const writeModule = (folder: string, file: string, text: string): void => {
    mkdirSync(join(dir, folder), { recursive: true });
    writeFileSync(join(dir, folder, file), text);
  };

  /** `result address` of the findings of rule `id` in a JSON report. */
  const resultsAt = (stdout: string, id: string): string[] =>
    (JSON.parse(stdout) as { findings: Finding[] }).findings
      .filter((f) => f.ruleId === id)
      .map((f) => `${f.result} ${f.location?.address ?? ''}`);

  /** Exit 2, nothing on stdout, one line on stderr containing `message`, and `output` not written. */
  const refused = (result: ReturnType<typeof bin>, message: string, output: string): void => {
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toHaveLength(2);
    expect(result.stderr).toContain(message);
    expect(existsSync(join(dir, output))).toBe(false);
  };

  it('judges an AVM-style HCL root module, and refuses it with a syntax error', () => {
    cpSync(join(FOREIGN, 'avm-style'), join(dir, 'avm'), { recursive: true });
    const result = bin('check', 'avm', '--env', 'prod', '--format', 'json');
    expect(result.status).toBe(1);
    const results = (id: string): string[] =>
      JSON.parse(result.stdout)
        .findings.filter((f: { ruleId: string }) => f.ruleId === id)
        .map((f: { result: string }) => f.result);
    expect(results('ACR-001')).toEqual(['pass']);
    expect(results('ACR-011')).toEqual(['fail']);
    const main = join(dir, 'avm', 'main.tf');
    writeFileSync(main, `${readFileSync(main, 'utf8')}\nresource "azurerm_container_registry" "broken" {\n`);
    refused(bin('check', 'avm', '--env', 'prod', '-o', 'avm-report.json'), 'main.tf', 'avm-report.json');
  });

  it('reads local modules (HCL and JSON, nested), and refuses a broken child module file', () => {
    cpSync(join(FOREIGN, 'local-modules'), join(dir, 'local'), { recursive: true });
    const result = bin('check', 'local', '--env', 'prod', '--format', 'json');
    expect(result.status).toBe(1);
    const at = (id: string): string[] => resultsAt(result.stdout, id);
    expect(at('ACR-024')).toEqual(['fail azurerm_role_assignment.release_push']);
    // The endpoint two modules down (HCL, converted by the bin) connects the child's registry.
    expect(at('ACR-005')).toEqual(['pass module.registry.azurerm_container_registry.this']);
    expect(at('ACR-110')).toEqual(['unknown module.retired']);
    const child = join(dir, 'local', 'modules', 'endpoint', 'main.tf');
    writeFileSync(child, `${readFileSync(child, 'utf8')}\nresource "azurerm_private_endpoint" "broken" {\n`);
    refused(
      bin('check', 'local', '--env', 'prod', '-o', 'local-report.json'),
      'endpoint/main.tf',
      'local-report.json',
    );
  });

  it('reads the Azure Verified Module where terraform init installed it', () => {
    cpSync(join(FOREIGN, 'installed-module'), join(dir, 'installed'), { recursive: true });
    const result = bin('check', 'installed', '--env', 'prod', '--format', 'json');
    expect(result.status).toBe(1);
    const at = (id: string): string[] => resultsAt(result.stdout, id);
    expect(at('ACR-024')).toEqual(['fail module.acr.azurerm_role_assignment.this["release"]']);
    expect(at('ACR-005')).toEqual(['pass module.acr.azurerm_container_registry.this']);
    expect(at('ACR-110')).toEqual(['unknown module.naming']);
  });

  it('refuses an installed-module manifest that is not what terraform init writes', () => {
    cpSync(join(FOREIGN, 'installed-module'), join(dir, 'installed-bad'), { recursive: true });
    writeModule(
      'installed-bad/.terraform/modules',
      'modules.json',
      '{"Modules": [{"Key": "acr", "Dir": 7}]}',
    );
    refused(
      bin('check', 'installed-bad', '--env', 'prod', '-o', 'installed-report.json'),
      'modules.json: Modules[0].Source: expected a string',
      'installed-report.json',
    );
  });

  it('applies azapi updates to registry children and reads task runs, and refuses them truncated', () => {
    cpSync(join(FOREIGN, 'azapi-updates'), join(dir, 'updates'), { recursive: true });
    const updates = bin('check', 'updates', '--env', 'prod', '--format', 'json');
    expect(updates.status).toBe(1);
    // The update turns the https webhook to http, and gives the token's scope map content/write.
    expect(resultsAt(updates.stdout, 'ACR-020')).toContain('fail azurerm_container_registry_webhook.deploy');
    expect(resultsAt(updates.stdout, 'ACR-024')).toEqual(['fail azurerm_container_registry_token.partner']);
    cpSync(join(FOREIGN, 'task-runs'), join(dir, 'runs'), { recursive: true });
    const runs = bin('check', 'runs', '--env', 'prod', '--format', 'json');
    expect(runs.status).toBe(1);
    expect(resultsAt(runs.stdout, 'ACR-024')).toEqual([
      'fail azapi_resource.hotfix',
      'unknown azurerm_container_registry_task_schedule_run_now.nightly',
    ]);
    for (const [folder, file] of [
      ['updates', 'updates.tf.json'],
      ['runs', 'runs.tf.json'],
    ]) {
      const text = readFileSync(join(dir, folder, file), 'utf8');
      writeFileSync(join(dir, folder, file), text.slice(0, text.length / 2));
      refused(
        bin('check', folder, '--env', 'prod', '-o', `${folder}.json`),
        `${folder}/${file}`,
        `${folder}.json`,
      );
    }
  });

  it('fails prod on imports past promotion (ACR Transfer, importImage) and says unknown where the source is not decided', () => {
    // Read where it lies: the fixture folder holds nothing but its Terraform files.
    const result = bin('check', join(FOREIGN, 'ingest'), '--env', 'prod');
    expect(result.status).toBe(1);
    const lines = result.stdout.split('\n').filter((l) => l.includes(' ACR-024 '));
    const title = 'No push rights in production (images arrive by promotion)';
    expect(lines).toEqual([
      `  FAIL ACR-024 [critical] (mandatory) ${title}: import pipeline inboxpipeline imports the artifact blobs of https://contosotransfer.blob.core.windows.net/inbox, every blob as it arrives there (its source trigger is on), with no run (into contosoacrprod, past promotion)`,
      `  FAIL ACR-024 [critical] (mandatory) ${title}: pipeline run inboxrun202601 imports artifact blobs from storage through import pipeline inboxpipeline (into contosoacrprod, past promotion)`,
      `  FAIL ACR-024 [critical] (mandatory) ${title}: image import azapi_resource_action.nginx imports library/nginx:1.27 from docker.io, which is no Azure container registry of the chain (into contosoacrprod, past promotion)`,
      `  UNKNOWN ACR-024 [critical] ${title}: image import azapi_resource_action.payments_api imports payments/api:1.4.2 from a registry the input does not decide (source.resourceId is unknown: var.source_registry_id has no value (pass -var source_registry_id=... or a variables file with --var-file, or check the plan)) (contosoacrprod)`,
    ]);
    expect(result.stdout).toMatch(
      /FAIL ACR-123 \[high\] \(mandatory\) .*azapi_resource_action\.payments_api/,
    );
  });

  it('warns in the comment of a prod webhook moved to http, without its host, and refuses a truncated plan', () => {
    const hook = (uri: string) => ({
      name: 'deployhook',
      resource_group_name: 'rg-acr-prod',
      registry_name: 'acrprod01',
      location: 'westeurope',
      service_uri: uri,
      actions: ['push'],
      status: 'enabled',
      scope: '',
    });
    const plan = {
      format_version: '1.2',
      terraform_version: '1.9.5',
      resource_changes: [
        {
          address: 'azurerm_container_registry_webhook.deploy',
          mode: 'managed',
          type: 'azurerm_container_registry_webhook',
          name: 'deploy',
          change: {
            actions: ['update'],
            before: hook('https://hooks.example.com/acr?code=abc'),
            after: hook('http://hooks.example.com/acr?code=abc'),
            after_unknown: {},
          },
        },
      ],
    };
    writeModule('hooks', 'prod.json', JSON.stringify(plan));
    const result = bin('preview', 'hooks/prod.json', '--env', 'prod');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('webhook of a promotion target moves from https to http');
    expect(result.stdout).not.toContain('hooks.example.com');
    expect(result.stdout).not.toContain('code=abc');
    writeModule('hooks', 'broken.json', JSON.stringify(plan).slice(0, 200));
    refused(
      bin('preview', 'hooks/broken.json', '--env', 'prod', '-o', 'hooks.md'),
      'hooks/broken.json',
      'hooks.md',
    );
  });

  it('refuses a count too large to expand, and reports a value too large to evaluate as unknown', () => {
    const registry = { name: 'acr', resource_group_name: 'rg', location: 'westeurope', sku: 'Basic' };
    writeModule(
      'huge',
      'main.tf.json',
      JSON.stringify({ resource: { azurerm_container_registry: { r: { ...registry, count: 1e9 } } } }),
    );
    refused(
      bin('check', 'huge', '--env', 'prod', '-o', 'huge-report.txt'),
      'huge/main.tf.json: resource.azurerm_container_registry.r.count: count = 1000000000 makes more than the 100000 resource instances',
      'huge-report.txt',
    );
    const locals: Record<string, unknown> = { l0: ['x', 'y'] };
    for (let i = 1; i < 40; i += 1) locals[`l${i}`] = `\${concat(local.l${i - 1}, local.l${i - 1})}`;
    writeModule(
      'doubling',
      'main.tf.json',
      JSON.stringify({
        locals,
        resource: {
          azurerm_container_registry: { r: { ...registry, admin_enabled: '${length(local.l39) == 0}' } },
        },
      }),
    );
    const doubling = bin('check', 'doubling', '--env', 'prod');
    expect(doubling.status).toBe(1);
    expect(doubling.stdout).toMatch(
      /UNKNOWN ACR-001 .*unknown: concat\(\) over more than 10000 elements, which the checker does not evaluate/,
    );
  });

  it('counts replicas a dynamic block generates beside static ones, and refuses a block declared twice', () => {
    // HCL-to-JSON style (array form): the dynamic replicas come before a static one that names a
    // variable. Terraform merges both, so the replicas without zone redundancy fail ACR-010.
    const registry = {
      name: 'teamacr',
      resource_group_name: 'rg-team',
      location: 'westeurope',
      sku: 'Premium',
      zone_redundancy_enabled: true,
      dynamic: {
        georeplications: [
          { for_each: '${var.extra_regions}', content: [{ location: '${georeplications.value}' }] },
        ],
      },
      georeplications: [{ location: '${var.primary_replica}', zone_redundancy_enabled: true }],
    };
    writeModule(
      'team',
      'variables.tf.json',
      JSON.stringify({
        variable: [
          { primary_replica: [{ type: 'string', default: 'northeurope' }] },
          { extra_regions: [{ type: 'list(string)', default: ['swedencentral'] }] },
        ],
      }),
    );
    writeModule(
      'team',
      'main.tf.json',
      JSON.stringify({ resource: [{ azurerm_container_registry: [{ acr: [registry] }] }] }),
    );
    const result = bin('check', 'team', '--env', 'prod', '--format', 'json');
    expect(result.status).toBe(1);
    const zoneRedundancy = JSON.parse(result.stdout).findings.filter(
      (f: { ruleId: string }) => f.ruleId === 'ACR-010',
    );
    expect(zoneRedundancy.map((f: { result: string }) => f.result)).toContain('fail');
    expect(JSON.stringify(zoneRedundancy)).toContain('swedencentral');
    // The same registry declared again in a second file of the module.
    writeModule(
      'team',
      'copy.tf.json',
      JSON.stringify({ resource: { azurerm_container_registry: { acr: registry } } }),
    );
    refused(
      bin('check', 'team', '--env', 'prod', '-o', 'team-report.json'),
      'resource azurerm_container_registry.acr is declared twice',
      'team-report.json',
    );
  });

  it('judges registries and grants made with azapi_resource, in a root module and in a plan', () => {
    cpSync(join(FOREIGN, 'azapi-root'), join(dir, 'azapi'), { recursive: true });
    const module = bin('check', 'azapi', '--env', 'prod', '--format', 'json');
    expect(module.status).toBe(1);
    const findings = (stdout: string, id: string): string[] =>
      (JSON.parse(stdout) as { findings: Finding[] }).findings
        .filter((f) => f.ruleId === id)
        .map((f) => `${f.result} ${f.location?.address ?? ''}`);
    // The AcrPush grant made with azapi on the prod registry (the checker once passed it).
    expect(findings(module.stdout, 'ACR-024')).toEqual(['fail azapi_resource.ci_push']);
    expect(findings(module.stdout, 'ACR-001')).toEqual(['pass azapi_resource.acr']);
    mkdirSync(join(dir, 'azapi-plans'));
    cpSync(join(FOREIGN, 'plans', 'azapi-module.plan.json'), join(dir, 'azapi-plans', 'prod.json'));
    const plan = bin('check', 'azapi-plans/prod.json', '--env', 'prod', '--format', 'json');
    expect(plan.status).toBe(1);
    expect(findings(plan.stdout, 'ACR-024')).toEqual(['fail module.registry.azapi_resource.ci_push']);
    // The PR comment judges the same plan: the grant is a new failure.
    const preview = bin('preview', 'azapi-plans/prod.json', '--env', 'prod');
    expect(preview.status).toBe(0);
    expect(preview.stdout).toContain(
      '| <code>ACR-024</code> | critical, mandatory | prod: <code>module&#46;registry&#46;azapi&#95;resource&#46;ci&#95;push</code> |',
    );
  });

  it('refuses an azapi root module with a truncated file, and judges and refuses a classic Pulumi preview', () => {
    cpSync(join(FOREIGN, 'azapi-root'), join(dir, 'azapi-broken'), { recursive: true });
    const access = join(dir, 'azapi-broken', 'access.tf.json');
    writeFileSync(access, readFileSync(access, 'utf8').slice(0, 200));
    refused(
      bin('check', 'azapi-broken', '--env', 'prod', '-o', 'azapi-broken-report.json'),
      'azapi-broken/access.tf.json',
      'azapi-broken-report.json',
    );
    mkdirSync(join(dir, 'classic'));
    const fixture = join(FOREIGN, 'previews', 'classic-attachments.preview.json');
    cpSync(fixture, join(dir, 'classic', 'prod.json'));
    const check = bin('check', 'classic/prod.json', '--env', 'prod', '--format', 'json');
    expect(check.status).toBe(1);
    const pushes = (JSON.parse(check.stdout) as { findings: Finding[] }).findings
      .filter((f) => f.ruleId === 'ACR-024')
      .map((f) => `${f.result} ${f.location?.address ?? ''}`);
    // The classic Assignment grants AcrPush on the prod registry (the checker once passed it).
    expect(pushes).toEqual([
      expect.stringMatching(/^fail .*azure:authorization\/assignment:Assignment::ci-push$/),
      expect.stringMatching(/^fail .*azure:authorization\/assignment:Assignment::deployer-push$/),
    ]);
    writeFileSync(join(dir, 'classic', 'broken.json'), readFileSync(fixture, 'utf8').slice(0, 300));
    refused(
      bin('check', 'classic/broken.json', '--env', 'prod', '-o', 'classic-report.json'),
      'classic/broken.json',
      'classic-report.json',
    );
    refused(
      bin('preview', 'classic/broken.json', '--env', 'prod', '-o', 'classic-comment.md'),
      'classic/broken.json',
      'classic-comment.md',
    );
  });

  it('previews a foreign plan against a foreign base plan, and refuses a malformed base', () => {
    mkdirSync(join(dir, 'plans'));
    cpSync(join(FOREIGN, 'plans', 'prod-teardown.plan.json'), join(dir, 'plans', 'prod.json'));
    cpSync(join(FOREIGN, 'plans', 'landing-zone.plan.json'), join(dir, 'plans', 'base-prod.json'));
    const preview = bin('preview', 'plans/prod.json', '--base-plan', 'plans/base-prod.json', '--env', 'prod');
    expect(preview.status).toBe(0);
    expect(preview.stdout).toContain('<!-- acr-iac-preview -->');
    expect(preview.stdout).toMatch(/new failure/);
    writeFileSync(join(dir, 'plans', 'broken.json'), '{"format_version": "1.2", "resource_changes": [');
    refused(
      bin(
        'preview',
        'plans/prod.json',
        '--base-plan',
        'plans/broken.json',
        '--env',
        'prod',
        '-o',
        'comment.md',
      ),
      'plans/broken.json: ',
      'comment.md',
    );
  });

  /** The results of `ruleId` by registry, from a JSON report on stdout. */
  /** A Premium registry in West Europe, the body the cases below vary. */
  const premiumRegistry = (name: string, group: string) => ({
    name,
    resource_group_name: group,
    location: 'westeurope',
    sku: 'Premium',
  });

  const resultsByRegistry = (stdout: string, ruleId: string): Record<string, string> =>
    Object.fromEntries(
      JSON.parse(stdout)
        .findings.filter((f: { ruleId: string }) => f.ruleId === ruleId)
        .map((f: { registry: string; result: string }) => [f.registry, f.result]),
    );

  it('reads a root module as Terraform does: in any block order, with zones of one name per group', () => {
    // A push grant at the resource group reaches the registry in it, whether the (counted) group is
    // declared before or after the registry.
    const registry = {
      name: 'acrteam',
      resource_group_name: '${azurerm_resource_group.team[0].name}',
      location: 'westeurope',
      sku: 'Premium',
    };
    const grant = {
      scope: '/subscriptions/0/resourceGroups/rg-team',
      role_definition_name: 'AcrPush',
      principal_id: '00000000-0000-0000-0000-000000000001',
    };
    const group = { count: 1, name: 'rg-team', location: 'westeurope' };
    for (const [name, resource] of [
      [
        'group-first',
        { azurerm_resource_group: { team: group }, azurerm_container_registry: { acr: registry } },
      ],
      [
        'group-last',
        { azurerm_container_registry: { acr: registry }, azurerm_resource_group: { team: group } },
      ],
    ] as const) {
      writeModule(
        name,
        'main.tf.json',
        JSON.stringify({ resource: { ...resource, azurerm_role_assignment: { push: grant } } }),
      );
      const result = bin('check', name, '--env', 'prod', '--format', 'json');
      expect(result.status).toBe(1);
      expect(resultsByRegistry(result.stdout, 'ACR-024')).toEqual({ acrteam: 'fail' });
    }

    // Two teams with a privatelink zone each; a link in team a's group, and a hub link whose group is
    // a variable without a value: team a's zone is linked, team b's may be (the hub link may be its).
    const resource: Record<string, Record<string, unknown>> = {};
    const add = (type: string, name: string, body: unknown): void => {
      resource[type] = { ...resource[type], [name]: body };
    };
    for (const part of [teamResources('a'), teamResources('b')])
      for (const [type, blocks] of Object.entries(part)) resource[type] = { ...resource[type], ...blocks };
    const link = (group: string) => ({
      name: `link-${group}`,
      private_dns_zone_name: ZONE,
      resource_group_name: group,
      virtual_network_id: '/subscriptions/0/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v',
    });
    add('azurerm_private_dns_zone_virtual_network_link', 'a', link('rg-a'));
    const write = () =>
      writeModule(
        'zones',
        'main.tf.json',
        JSON.stringify({ variable: { hub_group: { type: 'string' } }, resource }),
      );
    write();
    const linked = bin('check', 'zones', '--env', 'prod', '--format', 'json');
    expect(resultsByRegistry(linked.stdout, 'ACR-007')).toEqual({ acra: 'pass', acrb: 'fail' });
    add('azurerm_private_dns_zone_virtual_network_link', 'hub', link('${var.hub_group}'));
    write();
    const hub = bin('check', 'zones', '--env', 'prod', '--format', 'json');
    expect(resultsByRegistry(hub.stdout, 'ACR-007')).toEqual({ acra: 'pass', acrb: 'unknown' });
  });

  it('keeps a `__proto__` key of a body an ordinary key, which sets no attribute', () => {
    // JSON.parse makes `__proto__` an own key. Copied by assignment while the body is evaluated, it
    // would become the copy's prototype, and `admin_enabled` would be read through it.
    writeModule(
      'proto',
      'main.tf.json',
      '{"variable":{"on":{"default":true}},"resource":{"azurerm_container_registry":{"acr":{"name":"acrproto",' +
        '"resource_group_name":"rg","location":"westeurope","sku":"Premium","__proto__":{"admin_enabled":"${var.on}"}}}}}',
    );
    const result = bin('check', 'proto', '--env', 'prod', '--format', 'json');
    expect(result.status).toBe(1);
    expect(resultsByRegistry(result.stdout, 'ACR-001')).toEqual({ acrproto: 'pass' });
  });

  it('judges children within their parents and references as Terraform writes them, and refuses a broken file', () => {
    const map = (registryName: string, actions: readonly string[]) => ({
      name: 'ci',
      container_registry_name: registryName,
      resource_group_name: 'rg',
      actions,
    });
    const push = (scope: string) => ({
      scope,
      role_definition_name: 'AcrPush',
      principal_id: '00000000-0000-0000-0000-000000000001',
    });
    writeModule(
      'children',
      'main.tf.json',
      JSON.stringify({
        variable: { group: { type: 'string' } },
        resource: {
          azurerm_container_registry: {
            a: premiumRegistry('acra', 'rg'),
            b: premiumRegistry('acrb', 'rg'),
            c: premiumRegistry('acrc', '${var.group}'),
          },
          // A read-only 'ci' map in acra, a writing one in acrb: the token on acrb gets acrb's.
          azurerm_container_registry_scope_map: {
            aci: map('acra', ['repositories/app/content/read']),
            bci: map('acrb', ['repositories/app/content/write']),
          },
          azurerm_container_registry_token: {
            t: {
              name: 't',
              container_registry_name: 'acrb',
              resource_group_name: 'rg',
              scope_map_id:
                '/subscriptions/0/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acrb/scopeMaps/ci',
            },
          },
          azurerm_role_assignment: {
            // Spaces inside the interpolation: valid Terraform, the same reference.
            spaced: push('${ azurerm_container_registry.a.id }'),
            // At a resource group acrc may be in (its group is a variable without a value).
            team: push('/subscriptions/0/resourceGroups/rg-team'),
          },
        },
      }),
    );
    const result = bin('check', 'children', '--env', 'prod', '--format', 'json');
    expect(result.status).toBe(1);
    expect(resultsByRegistry(result.stdout, 'ACR-023')).toMatchObject({ acrb: 'fail' });
    // acrb's token pushes through acrb's writing map: a push right in production, besides ACR-023.
    expect(resultsByRegistry(result.stdout, 'ACR-024')).toEqual({
      acra: 'fail',
      acrb: 'fail',
      acrc: 'unknown',
    });
    writeModule('children', 'broken.tf.json', '{"resource": {"azurerm_container_registry": {');
    refused(
      bin('check', 'children', '--env', 'prod', '-o', 'children.json'),
      'children/broken.tf.json',
      'children.json',
    );
  });

  it('compares names as Azure does and follows values through references', () => {
    // The zone is named in another case than the link names it; the link's group is the zone's, whose
    // group is the group resource's name; the task names its pool in another case; the second registry's
    // name is generated (`acr` and a random suffix), so a grant on another team's `sharedacr` is not its.
    const endpoint = teamResources('a').azurerm_private_endpoint.ape;
    const resource = {
      azurerm_resource_group: { a: { name: 'rg-a', location: 'westeurope' } },
      random_string: { suffix: { length: 6, special: false, upper: false } },
      azurerm_container_registry: {
        a: {
          ...premiumRegistry('acra', '${azurerm_resource_group.a.name}'),
          public_network_access_enabled: false,
        },
        gen: premiumRegistry('acr${random_string.suffix.result}', 'rg-gen'),
      },
      azurerm_private_dns_zone: {
        azone: { name: 'PrivateLink.AzureCR.io', resource_group_name: '${azurerm_resource_group.a.name}' },
      },
      azurerm_private_dns_zone_virtual_network_link: {
        hub: {
          name: 'hub',
          private_dns_zone_name: ZONE,
          resource_group_name: '${azurerm_private_dns_zone.azone.resource_group_name}',
          virtual_network_id:
            '/subscriptions/0/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v',
        },
      },
      azurerm_private_endpoint: { ape: endpoint },
      azurerm_container_registry_agent_pool: {
        tasks: {
          name: 'tasks',
          container_registry_name: 'acra',
          resource_group_name: 'rg-a',
          location: 'westeurope',
          virtual_network_subnet_id: SUBNET,
        },
      },
      azurerm_container_registry_task: {
        purge: {
          name: 'purge',
          container_registry_id: '${azurerm_container_registry.a.id}',
          agent_pool_name: 'Tasks',
          platform: { os: 'Linux' },
          encoded_step: { task_content: 'dmVyc2lvbjogdjEuMS4wCnN0ZXBzOiBbXQ==' },
        },
      },
      azurerm_role_assignment: {
        shared: {
          scope:
            '/subscriptions/0/resourceGroups/rg-shared/providers/Microsoft.ContainerRegistry/registries/sharedacr',
          role_definition_name: 'AcrPush',
          principal_id: '00000000-0000-0000-0000-000000000001',
        },
      },
    };
    writeModule('names', 'main.tf.json', JSON.stringify({ resource }));
    const result = bin('check', 'names', '--env', 'prod', '--format', 'json');
    expect(result.status).toBe(1);
    const outcomes = (JSON.parse(result.stdout).findings as Finding[])
      .filter((f) => ['ACR-006', 'ACR-007', 'ACR-024', 'ACR-050'].includes(f.ruleId))
      .map((f) => `${f.ruleId} ${f.location?.address ?? ''} ${f.result}`);
    expect(outcomes).toEqual([
      'ACR-006 azurerm_container_registry.gen not-applicable',
      'ACR-006 azurerm_private_endpoint.ape pass',
      'ACR-007 azurerm_container_registry.gen not-applicable',
      'ACR-007 azurerm_private_endpoint.ape pass',
      'ACR-024 azurerm_container_registry.a pass',
      'ACR-024 azurerm_container_registry.gen pass',
      'ACR-050 azurerm_container_registry.gen not-applicable',
      'ACR-050 azurerm_container_registry_task.purge pass',
    ]);
    writeModule('names', 'broken.tf.json', '{"resource": {"azurerm_private_dns_zone": [');
    refused(bin('check', 'names', '--env', 'prod', '-o', 'names.json'), 'names/broken.tf.json', 'names.json');
  });

  it('says unknown, not "not applicable", where an item the input does not place may be the registry\'s', () => {
    // The webhook names its registry by a variable without a value: acra may have it. With the value
    // given by --var it is acra's, and its https address passes.
    writeModule(
      'unplaced',
      'main.tf.json',
      JSON.stringify({
        variable: { registry: { type: 'string' } },
        resource: {
          azurerm_container_registry: {
            a: premiumRegistry('acra', 'rg'),
          },
          azurerm_container_registry_webhook: {
            hook: {
              name: 'hook',
              resource_group_name: 'rg',
              registry_name: '${var.registry}',
              location: 'westeurope',
              service_uri: 'https://scanner.example.com/hook',
              actions: ['push'],
            },
          },
        },
      }),
    );
    const acr020 = (...args: string[]): string[] =>
      (
        JSON.parse(bin('check', 'unplaced', '--env', 'prod', '--format', 'json', ...args).stdout)
          .findings as Finding[]
      )
        .filter((f) => f.ruleId === 'ACR-020')
        .map((f) => `${f.location?.address ?? ''} ${f.result}`);
    expect(acr020()).toEqual([
      'azurerm_container_registry.a unknown',
      'azurerm_container_registry_webhook.hook pass',
    ]);
    expect(acr020('--var', 'registry=acra')).toEqual(['azurerm_container_registry_webhook.hook pass']);
    refused(
      bin('check', 'unplaced', '--env', 'prod', '--var', 'registry', '-o', 'unplaced.json'),
      '-var registry: expected name=value',
      'unplaced.json',
    );
  });

  it('reads older azure-native tokens and hidden secrets, judges a literal http scheme, and refuses values of the wrong JSON type', () => {
    const results = (file: string, ruleId: string): string[] =>
      (JSON.parse(bin('check', file, '--env', 'prod', '--format', 'json').stdout).findings as Finding[])
        .filter((f) => f.ruleId === ruleId)
        .map((f) => `${f.location?.address ?? ''} ${f.result}`);
    const previews = join(FOREIGN, 'previews');
    expect(results(join(previews, 'older-tokens.preview.json'), 'ACR-001')).toEqual([
      'urn:pulumi:prod::acr::azure-native:containerregistry/v20230701:Registry::contosoacrprod fail',
    ]);
    expect(results(join(previews, 'hidden-secrets.preview.json'), 'ACR-003')).toEqual([
      'urn:pulumi:prod::acr::azure-native:containerregistry:Registry::contosoacrprod unknown',
    ]);
    const hook = {
      name: 'hook',
      resource_group_name: 'rg',
      registry_name: '${azurerm_container_registry.a.name}',
      location: 'westeurope',
      service_uri: 'http://${var.host}/hook',
      actions: ['push'],
    };
    const module = (registry: unknown) =>
      JSON.stringify({
        variable: { host: { type: 'string' } },
        resource: {
          azurerm_container_registry: { a: registry },
          azurerm_container_registry_webhook: { hook },
        },
      });
    writeModule('schemes', 'main.tf.json', module(premiumRegistry('acra', 'rg')));
    expect(results('schemes', 'ACR-020')).toEqual(['azurerm_container_registry_webhook.hook fail']);
    // Malformed versions: an object for a bool, a Pulumi list given as an object, a plan's number for a bool.
    writeModule(
      'wrong-type',
      'main.tf.json',
      module({ ...premiumRegistry('acra', 'rg'), admin_enabled: { on: true } }),
    );
    refused(
      bin('check', 'wrong-type', '--env', 'prod', '-o', 'wrong-type.json'),
      'wrong-type/main.tf.json: resource.azurerm_container_registry.a.admin_enabled: expected a bool (true or false), got an object',
      'wrong-type.json',
    );
    const preview = JSON.parse(readFileSync(join(previews, 'older-tokens.preview.json'), 'utf8')) as {
      steps: { urn: string; newState: { inputs: Record<string, unknown> } }[];
    };
    const endpoint = preview.steps.find((s) => s.urn.endsWith('PrivateEndpoint::pe'));
    if (!endpoint) throw new Error('the fixture has no private endpoint');
    const connections = endpoint.newState.inputs.privateLinkServiceConnections as unknown[];
    endpoint.newState.inputs.privateLinkServiceConnections = connections[0];
    writeModule('wrong-list', 'preview.json', JSON.stringify(preview));
    refused(
      bin('check', 'wrong-list/preview.json', '--env', 'prod', '-o', 'wrong-list.json'),
      'inputs.privateLinkServiceConnections: expected a list of objects, got an object',
      'wrong-list.json',
    );
    const plan = JSON.parse(readFileSync(join(FOREIGN, 'plans', 'after-apply.plan.json'), 'utf8')) as {
      resource_changes: { address: string; change: { after: Record<string, unknown> } }[];
    };
    const registry = plan.resource_changes.find((c) => c.address === 'azurerm_container_registry.this');
    if (!registry) throw new Error('the fixture has no registry');
    registry.change.after.public_network_access_enabled = 0;
    writeModule('wrong-plan', 'tfplan.json', JSON.stringify(plan));
    refused(
      bin('check', 'wrong-plan/tfplan.json', '--env', 'prod', '-o', 'wrong-plan.json'),
      'resource_changes azurerm_container_registry.this change.after.public_network_access_enabled: expected a bool (true or false), got a number',
      'wrong-plan.json',
    );
    // The preview refuses it too: no comment that reads as if the change were fine.
    refused(
      bin('preview', 'wrong-plan/tfplan.json', '--env', 'prod', '-o', 'wrong-plan.md'),
      'change.after.public_network_access_enabled: expected a bool (true or false), got a number',
      'wrong-plan.md',
    );
  });

  it('hides what a plan masks sensitive, reads azapi bodies and retained deletes, and refuses a truncated plan', () => {
    const plans = join(FOREIGN, 'plans');
    const sensitive = join(plans, 'sensitive-values.plan.json');
    const checked = bin('check', sensitive, '--env', 'prod', '--format', 'json');
    expect(checked.status).toBe(1);
    expect(checked.stdout).toContain('(sensitive) can push (AcrPush)');
    expect(checked.stdout).not.toMatch(/s3cr3t/);
    const previewed = bin('preview', sensitive, '--env', 'prod');
    expect(previewed.status).toBe(0);
    expect(previewed.stdout).not.toMatch(/s3cr3t/);
    const azapi = (
      JSON.parse(
        bin('check', join(plans, 'azapi-overrides.plan.json'), '--env', 'prod', '--format', 'json').stdout,
      ).findings as Finding[]
    )
      .filter((f) => f.ruleId === 'ACR-001' || f.ruleId === 'ACR-003')
      .map((f) => `${f.ruleId} ${f.result}`);
    expect(azapi).toEqual(['ACR-001 fail', 'ACR-003 fail']);
    const retained = bin(
      'preview',
      join(FOREIGN, 'previews', 'retained-delete.preview.json'),
      '--env',
      'prod',
    );
    expect(retained.stdout).toContain('forget');
    expect(retained.stdout).not.toContain('every image in it is lost');
    // Malformed version: the sensitive plan cut short.
    writeModule('truncated', 'tfplan.json', readFileSync(sensitive, 'utf8').slice(0, 4000));
    refused(
      bin('check', 'truncated/tfplan.json', '--env', 'prod', '-o', 'truncated.json'),
      'truncated/tfplan.json',
      'truncated.json',
    );
    refused(
      bin('preview', 'truncated/tfplan.json', '--env', 'prod', '-o', 'truncated.md'),
      'truncated/tfplan.json',
      'truncated.md',
    );
  });
  it("judges classic-provider token passwords, warns of deletions a lock refuses and of a replica's missing DNS, and refuses a plan listing an address twice", () => {
    mkdirSync(join(dir, 'stop'), { recursive: true });
    cpSync(
      join(FOREIGN, 'previews', 'classic-token-passwords.preview.json'),
      join(dir, 'stop', 'prod-preview.json'),
    );
    const check = bin('check', 'stop/prod-preview.json', '--env', 'prod', '--format', 'json');
    expect(check.status).toBe(1);
    const acr022 = Object.fromEntries(
      (JSON.parse(check.stdout).findings as Finding[])
        .filter((f) => f.ruleId === 'ACR-022')
        .map((f) => [String(f.location?.address).split('::').pop(), f.result]),
    );
    expect(acr022).toMatchObject({
      'forever-password': 'fail',
      'dated-password': 'pass',
      'elsewhere-password': 'fail',
      'outside-password': 'fail',
    });

    const acr =
      '/subscriptions/5f3c1b2a-9d8e-4c7b-a6f5-1e2d3c4b5a69/resourceGroups/rg-acr-prod/providers/Microsoft.ContainerRegistry/registries/acrprod01';
    const registry = (replicas: string[]) => ({
      id: acr,
      name: 'acrprod01',
      resource_group_name: 'rg-acr-prod',
      location: 'westeurope',
      sku: 'Premium',
      georeplications: replicas.map((location) => ({ location, zone_redundancy_enabled: true, tags: {} })),
    });
    const change = (
      type: string,
      name: string,
      actions: string[],
      before: object | null,
      after: object | null,
    ) => ({
      address: `${type}.${name}`,
      mode: 'managed',
      type,
      name,
      change: { actions, before, after, after_unknown: {} },
    });
    const lock = { name: 'lock-acrprod01', scope: acr, lock_level: 'CanNotDelete' };
    const endpoint = {
      name: 'pe-acr',
      private_service_connection: [
        { name: 'registry', subresource_names: ['registry'], private_connection_resource_id: acr },
      ],
    };
    const token = {
      name: 'ci-pull',
      container_registry_name: 'acrprod01',
      resource_group_name: 'rg-acr-prod',
    };
    const changes = [
      change(
        'azurerm_container_registry',
        'acr',
        ['update'],
        registry(['northeurope']),
        registry(['northeurope', 'swedencentral']),
      ),
      change('azurerm_management_lock', 'acr', ['no-op'], lock, lock),
      change('azurerm_private_endpoint', 'acr', ['no-op'], endpoint, endpoint),
      change('azurerm_container_registry_token', 'ci', ['delete'], token, null),
    ];
    const plan = (list: object[]) =>
      JSON.stringify({ format_version: '1.2', terraform_version: '1.9.5', resource_changes: list });
    writeFileSync(join(dir, 'stop', 'prod.tfplan.json'), plan(changes));
    const preview = bin('preview', 'stop/prod.tfplan.json', '--env', 'prod');
    expect(preview.status).toBe(0);
    expect(preview.stdout).toContain(
      'Fails at apply: a management lock or Azure itself refuses these changes',
    );
    expect(preview.stdout).toContain(
      'Private DNS incomplete: a new replica has no record for the existing endpoints',
    );
    writeFileSync(join(dir, 'stop', 'twice.tfplan.json'), plan([...changes, changes[3]]));
    refused(
      bin('preview', 'stop/twice.tfplan.json', '--env', 'prod', '-o', 'stop-comment.md'),
      'is listed again',
      'stop-comment.md',
    );
    refused(
      bin('check', 'stop/twice.tfplan.json', '--env', 'prod', '-o', 'stop-report.json'),
      'is listed again',
      'stop-report.json',
    );
  });
});
