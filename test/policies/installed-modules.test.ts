/**
 * Modules `terraform init` installed (`.terraform/modules/modules.json`) are read for their calls
 * only when Terraform would plan with them: the call's key, its source (as written or as Terraform
 * normalizes it), a version its constraint accepts. Otherwise the call stays an ACR-110 unknown
 * naming why. Version constraints follow Terraform's "Version Constraints".
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InventoryInputError, loadInventories } from '../../policies';
import { satisfiesConstraint } from '../../policies/inventory/terraform-json/version-constraint';
import { findingsOn } from './helpers';

describe('Terraform version constraints', () => {
  it.each([
    ['0.8.0', '~> 0.8', true],
    ['0.9.3', '~> 0.8', true],
    ['1.0.0', '~> 0.8', false],
    ['0.8.5', '~> 0.8.0', true],
    ['0.9.0', '~> 0.8.0', false],
    ['1.4.0', '~> 1', true],
    ['2.0.0', '~> 1', false],
    ['4.81.0', '>= 4.81.0, < 5.0.0', true],
    ['5.0.0', '>= 4.81.0, < 5.0.0', false],
    ['0.4.0', '0.4.0', true],
    ['0.4.1', '= 0.4.0', false],
    ['0.4.1', '!= 0.4.0', true],
    ['1.0.0-beta', '>= 0.9', false],
    ['1.0.0-beta', '1.0.0-beta', true],
  ])('%s against "%s" is %s', (version, constraint, expected) => {
    expect(satisfiesConstraint(version, constraint)).toBe(expected);
  });

  it('cannot tell on a constraint or version it cannot read', () => {
    expect(satisfiesConstraint('0.8.0', '~> latest')).toBeUndefined();
    expect(satisfiesConstraint('main', '~> 0.8')).toBeUndefined();
  });
});

describe('modules installed by terraform init', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'acr-installed-'));
    const installed = path.join(dir, '.terraform', 'modules', 'acr');
    mkdirSync(installed, { recursive: true });
    writeFileSync(
      path.join(installed, 'main.tf.json'),
      JSON.stringify({
        variable: { name: { type: 'string' } },
        resource: {
          azurerm_container_registry: {
            this: {
              name: '${var.name}',
              resource_group_name: 'rg',
              location: 'westeurope',
              sku: 'Premium',
              admin_enabled: true,
            },
          },
        },
      }),
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function withCall(call: Record<string, unknown>, record: Record<string, unknown>): string {
    writeFileSync(
      path.join(dir, 'main.tf.json'),
      JSON.stringify({ module: { acr: { name: 'contosoprod', ...call } } }),
    );
    writeFileSync(
      path.join(dir, '.terraform', 'modules', 'modules.json'),
      JSON.stringify({
        Modules: [
          { Key: '', Source: '', Dir: '.' },
          { Key: 'acr', Dir: '.terraform/modules/acr', ...record },
        ],
      }),
    );
    return dir;
  }

  const REGISTRY = 'Azure/avm-res-containerregistry-registry/azurerm';
  const RECORDED = `registry.terraform.io/${REGISTRY}`;

  it('reads a registry module installed from the call source at an accepted version', () => {
    const root = withCall({ source: REGISTRY, version: '~> 0.8' }, { Source: RECORDED, Version: '0.8.0' });
    expect(findingsOn(root, ['ACR-001', 'ACR-110'])).toEqual([
      'ACR-001 fail: The admin user is enabled on contosoprod',
    ]);
  });

  it('reads a GitHub module recorded in its normalized git form', () => {
    const root = withCall(
      { source: 'github.com/contoso/terraform-acr?ref=v1.2.0' },
      { Source: 'git::https://github.com/contoso/terraform-acr.git?ref=v1.2.0' },
    );
    expect(findingsOn(root, ['ACR-001'])).toEqual(['ACR-001 fail: The admin user is enabled on contosoprod']);
  });

  it.each([
    [
      'a version the call no longer accepts',
      { source: REGISTRY, version: '~> 0.9' },
      { Source: RECORDED, Version: '0.8.0' },
      'the installed version 0.8.0 does not satisfy "~> 0.9"',
    ],
    [
      'another source',
      { source: 'Contoso/acr/azurerm' },
      { Source: RECORDED, Version: '0.8.0' },
      `the module installed for it came from ${RECORDED}`,
    ],
    [
      'no recorded version for a versioned call',
      { source: REGISTRY, version: '~> 0.8' },
      { Source: RECORDED },
      'the installed version cannot be matched against "~> 0.8"',
    ],
  ])('does not read a module installed at %s', (_, call, record, reason) => {
    const root = withCall(call, record);
    const [finding] = findingsOn(root, ['ACR-110']);
    expect(finding).toContain(`not read here (${reason} (run terraform init, or check the plan))`);
    expect(findingsOn(root, ['ACR-001'])).toEqual([]);
  });

  it('refuses a malformed manifest, naming the file and the path', () => {
    writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ module: { acr: { source: REGISTRY } } }));
    writeFileSync(
      path.join(dir, '.terraform', 'modules', 'modules.json'),
      JSON.stringify({ Modules: [{ Key: 'acr', Source: RECORDED, Dir: 7 }] }),
    );
    expect(() => loadInventories([dir], { cwd: dir, environment: 'prod' })).toThrow(
      new InventoryInputError('.terraform/modules/modules.json: Modules[0].Dir: expected a string'),
    );
  });

  describe('with TF_DATA_DIR', () => {
    const before = process.env.TF_DATA_DIR;
    afterEach(() => {
      if (before === undefined) delete process.env.TF_DATA_DIR;
      else process.env.TF_DATA_DIR = before;
    });

    it('reads the manifest in the data directory it names, relative to the root module', () => {
      // Terraform keeps the working directory's data there instead of .terraform, Dir included.
      const data = path.join(dir, '.tfdata', 'modules');
      mkdirSync(data, { recursive: true });
      writeFileSync(
        path.join(dir, 'main.tf.json'),
        JSON.stringify({ module: { acr: { source: REGISTRY, name: 'contosoprod' } } }),
      );
      writeFileSync(
        path.join(data, 'modules.json'),
        JSON.stringify({ Modules: [{ Key: 'acr', Source: RECORDED, Dir: '.terraform/modules/acr' }] }),
      );
      process.env.TF_DATA_DIR = '.tfdata';
      expect(findingsOn(dir, ['ACR-001'])).toEqual([
        'ACR-001 fail: The admin user is enabled on contosoprod',
      ]);
    });

    it('does not read a .terraform manifest that Terraform does not use', () => {
      const root = withCall({ source: REGISTRY }, { Source: RECORDED });
      process.env.TF_DATA_DIR = '.tfdata';
      const [finding] = findingsOn(root, ['ACR-110']);
      expect(finding).toContain('not read here');
      expect(findingsOn(root, ['ACR-001'])).toEqual([]);
    });
  });
});
