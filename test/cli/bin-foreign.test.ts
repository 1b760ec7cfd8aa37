/**
 * The installed bin on plans, previews and azapi inputs this project did not generate, and on
 * malformed versions of them: azapi updates and task runs, Terraform plans of other configurations,
 * classic Pulumi previews. Unusable input is exit 2 with one line, and nothing is written.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../support/foreign-project';
import { FOREIGN, foreignProject, premiumRegistry } from '../support/foreign-project';

describe('the installed bin on foreign input', () => {
  const project = foreignProject();
  const { bin, writeModule, resultsAt, refused } = project;

  it('applies azapi updates to registry children and reads task runs, and refuses them truncated', () => {
    cpSync(join(FOREIGN, 'azapi-updates'), join(project.dir, 'updates'), { recursive: true });
    const updates = bin('check', 'updates', '--env', 'prod', '--format', 'json');
    expect(updates.status).toBe(1);
    // The update turns the https webhook to http, and gives the token's scope map content/write.
    expect(resultsAt(updates.stdout, 'ACR-020')).toContain('fail azurerm_container_registry_webhook.deploy');
    expect(resultsAt(updates.stdout, 'ACR-024')).toEqual(['fail azurerm_container_registry_token.partner']);
    cpSync(join(FOREIGN, 'task-runs'), join(project.dir, 'runs'), { recursive: true });
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
      const text = readFileSync(join(project.dir, folder, file), 'utf8');
      writeFileSync(join(project.dir, folder, file), text.slice(0, text.length / 2));
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

  it('judges registries and grants made with azapi_resource, in a root module and in a plan', () => {
    cpSync(join(FOREIGN, 'azapi-root'), join(project.dir, 'azapi'), { recursive: true });
    const module = bin('check', 'azapi', '--env', 'prod', '--format', 'json');
    expect(module.status).toBe(1);
    const findings = (stdout: string, id: string): string[] =>
      (JSON.parse(stdout) as { findings: Finding[] }).findings
        .filter((f) => f.ruleId === id)
        .map((f) => `${f.result} ${f.location?.address ?? ''}`);
    // The AcrPush grant made with azapi on the prod registry (the checker once passed it).
    expect(findings(module.stdout, 'ACR-024')).toEqual(['fail azapi_resource.ci_push']);
    expect(findings(module.stdout, 'ACR-001')).toEqual(['pass azapi_resource.acr']);
    mkdirSync(join(project.dir, 'azapi-plans'));
    cpSync(join(FOREIGN, 'plans', 'azapi-module.plan.json'), join(project.dir, 'azapi-plans', 'prod.json'));
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
    cpSync(join(FOREIGN, 'azapi-root'), join(project.dir, 'azapi-broken'), { recursive: true });
    const access = join(project.dir, 'azapi-broken', 'access.tf.json');
    writeFileSync(access, readFileSync(access, 'utf8').slice(0, 200));
    refused(
      bin('check', 'azapi-broken', '--env', 'prod', '-o', 'azapi-broken-report.json'),
      'azapi-broken/access.tf.json',
      'azapi-broken-report.json',
    );
    mkdirSync(join(project.dir, 'classic'));
    const fixture = join(FOREIGN, 'previews', 'classic-attachments.preview.json');
    cpSync(fixture, join(project.dir, 'classic', 'prod.json'));
    const check = bin('check', 'classic/prod.json', '--env', 'prod', '--format', 'json');
    expect(check.status).toBe(1);
    const pushes = (JSON.parse(check.stdout) as { findings: Finding[] }).findings
      .filter((f) => f.ruleId === 'ACR-024')
      .map((f) => `${f.result} ${f.location?.address ?? ''}`);
    // The classic Assignment grants AcrPush on the prod registry (the checker once passed it); the
    // classic cache rule fills its repository from its upstream as clients pull.
    expect(pushes).toEqual([
      expect.stringMatching(/^fail .*azure:authorization\/assignment:Assignment::ci-push$/),
      expect.stringMatching(/^fail .*azure:authorization\/assignment:Assignment::deployer-push$/),
      expect.stringMatching(
        /^fail .*azure:containerservice\/registryCacheRule:RegistryCacheRule::tool-cache$/,
      ),
    ]);
    writeFileSync(join(project.dir, 'classic', 'broken.json'), readFileSync(fixture, 'utf8').slice(0, 300));
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
    mkdirSync(join(project.dir, 'plans'));
    cpSync(join(FOREIGN, 'plans', 'prod-teardown.plan.json'), join(project.dir, 'plans', 'prod.json'));
    cpSync(join(FOREIGN, 'plans', 'landing-zone.plan.json'), join(project.dir, 'plans', 'base-prod.json'));
    const preview = bin('preview', 'plans/prod.json', '--base-plan', 'plans/base-prod.json', '--env', 'prod');
    expect(preview.status).toBe(0);
    expect(preview.stdout).toContain('<!-- acr-iac-preview -->');
    expect(preview.stdout).toMatch(/new failure/);
    writeFileSync(
      join(project.dir, 'plans', 'broken.json'),
      '{"format_version": "1.2", "resource_changes": [',
    );
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
    mkdirSync(join(project.dir, 'stop'), { recursive: true });
    cpSync(
      join(FOREIGN, 'previews', 'classic-token-passwords.preview.json'),
      join(project.dir, 'stop', 'prod-preview.json'),
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
    writeFileSync(join(project.dir, 'stop', 'prod.tfplan.json'), plan(changes));
    const preview = bin('preview', 'stop/prod.tfplan.json', '--env', 'prod');
    expect(preview.status).toBe(0);
    expect(preview.stdout).toContain(
      'Fails at apply: a management lock or Azure itself refuses these changes',
    );
    expect(preview.stdout).toContain(
      'Private DNS incomplete: a new replica has no record for the existing endpoints',
    );
    writeFileSync(join(project.dir, 'stop', 'twice.tfplan.json'), plan([...changes, changes[3]]));
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
