/**
 * The installed bin on Terraform modules this project did not write: an AVM-style HCL root module,
 * local modules, the Azure Verified Module where `terraform init` installed it, a `count` too large
 * to expand and `dynamic` blocks. Unusable input is exit 2 with one line, and nothing is written.
 */
import { cpSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBin } from '../support/bin';
import { FOREIGN, foreignProject } from '../support/foreign-project';

describe('the installed bin on foreign Terraform modules', () => {
  const project = foreignProject();
  const { bin, writeModule, resultsAt, refused } = project;

  it('judges an AVM-style HCL root module, and refuses it with a syntax error', () => {
    cpSync(join(FOREIGN, 'avm-style'), join(project.dir, 'avm'), { recursive: true });
    const result = bin('check', 'avm', '--env', 'prod', '--format', 'json');
    expect(result.status).toBe(1);
    const results = (id: string): string[] =>
      JSON.parse(result.stdout)
        .findings.filter((f: { ruleId: string }) => f.ruleId === id)
        .map((f: { result: string }) => f.result);
    expect(results('ACR-001')).toEqual(['pass']);
    expect(results('ACR-011')).toEqual(['fail']);
    const main = join(project.dir, 'avm', 'main.tf');
    writeFileSync(main, `${readFileSync(main, 'utf8')}\nresource "azurerm_container_registry" "broken" {\n`);
    refused(bin('check', 'avm', '--env', 'prod', '-o', 'avm-report.json'), 'main.tf', 'avm-report.json');
  });

  it('reads local modules (HCL and JSON, nested), and refuses a broken child module file', () => {
    cpSync(join(FOREIGN, 'local-modules'), join(project.dir, 'local'), { recursive: true });
    const result = bin('check', 'local', '--env', 'prod', '--format', 'json');
    expect(result.status).toBe(1);
    const at = (id: string): string[] => resultsAt(result.stdout, id);
    expect(at('ACR-024')).toEqual(['fail azurerm_role_assignment.release_push']);
    // The endpoint two modules down (HCL, converted by the bin) connects the child's registry.
    expect(at('ACR-005')).toEqual(['pass module.registry.azurerm_container_registry.this']);
    expect(at('ACR-110')).toEqual(['unknown module.retired']);
    const child = join(project.dir, 'local', 'modules', 'endpoint', 'main.tf');
    writeFileSync(child, `${readFileSync(child, 'utf8')}\nresource "azurerm_private_endpoint" "broken" {\n`);
    refused(
      bin('check', 'local', '--env', 'prod', '-o', 'local-report.json'),
      'endpoint/main.tf',
      'local-report.json',
    );
  });

  it('reads the Azure Verified Module where terraform init installed it', () => {
    cpSync(join(FOREIGN, 'installed-module'), join(project.dir, 'installed'), { recursive: true });
    const result = bin('check', 'installed', '--env', 'prod', '--format', 'json');
    expect(result.status).toBe(1);
    const at = (id: string): string[] => resultsAt(result.stdout, id);
    expect(at('ACR-024')).toEqual(['fail module.acr.azurerm_role_assignment.this["release"]']);
    expect(at('ACR-005')).toEqual(['pass module.acr.azurerm_container_registry.this']);
    expect(at('ACR-110')).toEqual(['unknown module.naming']);
  });

  it('reads installed modules from TF_DATA_DIR when it names the data directory, as terraform init wrote it', () => {
    // `TF_DATA_DIR=tf-data terraform init` writes the manifest and the modules there, Dir under it.
    const root = join(project.dir, 'data-dir');
    cpSync(join(FOREIGN, 'installed-module'), root, { recursive: true });
    renameSync(join(root, '.terraform'), join(root, 'tf-data'));
    const manifest = join(root, 'tf-data', 'modules', 'modules.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replaceAll('".terraform/', '"tf-data/'));
    const check = (env: Record<string, string>) =>
      runBin(['check', 'data-dir', '--env', 'prod', '--format', 'json'], { cwd: project.dir, env });
    const found = check({ TF_DATA_DIR: 'tf-data' });
    expect(found.status).toBe(1);
    expect(resultsAt(found.stdout, 'ACR-024')).toEqual([
      'fail module.acr.azurerm_role_assignment.this["release"]',
    ]);
    expect(resultsAt(found.stdout, 'ACR-005')).toEqual(['pass module.acr.azurerm_container_registry.this']);
    // Without it Terraform looks in .terraform, finds no module installed and will not plan: unknown.
    const missing = check({ TF_DATA_DIR: '' });
    expect(resultsAt(missing.stdout, 'ACR-024')).toEqual([]);
    expect(resultsAt(missing.stdout, 'ACR-110')).toContain('unknown module.acr');
    // A manifest there that is not what terraform init writes is refused, naming that file.
    writeFileSync(manifest, '{"Modules": [{"Key": "acr", "Dir": 7}]}');
    refused(
      runBin(['check', 'data-dir', '--env', 'prod', '-o', 'data-dir-report.json'], {
        cwd: project.dir,
        env: { TF_DATA_DIR: 'tf-data' },
      }),
      'tf-data/modules/modules.json: Modules[0].Source: expected a string',
      'data-dir-report.json',
    );
  });

  it('refuses an installed-module manifest that is not what terraform init writes', () => {
    cpSync(join(FOREIGN, 'installed-module'), join(project.dir, 'installed-bad'), { recursive: true });
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
});
