/**
 * Which HCL files the CLI converts before a check (`hclFilesOf`): the `*.tf` of the root folder, and
 * those of every local module a configuration file calls, found by scanning the files' bytes for a
 * local `source` in either syntax (`source = "./x"`, `"source": "./x"`, any spacing).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkPaths } from '../../policies';
import { MAX_MODULE_FOLDERS, hclFilesOf, readHclFiles } from '../../policies/inventory/terraform-json/hcl';

describe('hclFilesOf', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'acr-hcl-files-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function file(relative: string, text: string): string {
    const full = path.join(dir, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
    return full;
  }

  const names = (files: readonly string[]): string[] => files.map((f) => path.relative(dir, f)).sort();

  it('follows local sources written in JSON (pretty and compact) and in HCL', () => {
    file(
      'root/main.tf.json',
      JSON.stringify({ module: { a: { source: './modules/a' }, b: { source: '../shared/b' } } }, null, 2),
    );
    file('root/more.tf.json', '{"module":{"c":{"source"  :"./modules/c","count":1}}}');
    file('root/modules/a/main.tf', 'module "nested" {\n  source\t=\t"../nested"\n}\n');
    file('root/modules/nested/main.tf', 'variable "x" {}\n');
    file('root/modules/c/main.tf', 'variable "y" {}\n');
    file('shared/b/main.tf', 'variable "z" {}\n');
    file('shared/b/terraform.tfvars', 'z = 1\n');
    expect(names(hclFilesOf(['root'], [], dir))).toEqual([
      'root/modules/a/main.tf',
      'root/modules/c/main.tf',
      'root/modules/nested/main.tf',
      'shared/b/main.tf',
      'shared/b/terraform.tfvars',
    ]);
  });

  it('does not follow a registry source, a source of another kind, or a folder that is not there', () => {
    file(
      'root/main.tf.json',
      JSON.stringify({
        module: {
          avm: { source: 'Azure/avm-res-containerregistry-registry/azurerm', version: '0.8.0' },
          gone: { source: './missing' },
        },
        resource: { azurerm_storage_blob: { b: { source: 'dotfile.txt' } } },
      }),
    );
    file('root/local.tf', 'locals {\n  source = "x"\n}\n');
    expect(names(hclFilesOf(['root'], [], dir))).toEqual(['root/local.tf']);
  });

  it('follows the local sources of a *.tf.json given as a file', () => {
    const main = file('root/main.tf.json', '{"module":{"a":{"source":"./a"}}}');
    file('root/a/main.tf', 'variable "x" {}\n');
    expect(names(hclFilesOf([main], [], dir))).toEqual(['root/a/main.tf']);
  });

  it('reads a folder reached again through a symlink once (a loop ends)', () => {
    file('root/main.tf', 'module "a" {\n  source = "./a"\n}\n');
    file('root/a/main.tf', 'module "again" {\n  source = "./loop"\n}\n');
    symlinkSync('..', path.join(dir, 'root/a/loop'));
    expect(names(hclFilesOf(['root'], [], dir))).toEqual(['root/a/main.tf', 'root/main.tf']);
  });

  it('converts a module folder called through two paths (one a symlink) once, and reads both calls', async () => {
    file(
      'root/main.tf',
      [
        'module "blue" {\n  source = "./modules/acr"\n  name   = "contosoacrblue"\n}',
        'module "green" {\n  source = "./alias"\n  name   = "contosoacrgreen"\n}',
      ].join('\n'),
    );
    file(
      'root/modules/acr/main.tf',
      [
        'variable "name" {}',
        'resource "azurerm_container_registry" "this" {',
        '  name                = var.name',
        '  resource_group_name = "rg-acr"',
        '  location            = "westeurope"',
        '  sku                 = "Premium"',
        '}',
      ].join('\n'),
    );
    symlinkSync('modules/acr', path.join(dir, 'root/alias'));
    const files = hclFilesOf(['root'], [], dir);
    expect(names(files)).toEqual(['root/main.tf', 'root/modules/acr/main.tf']);
    const hcl = await readHclFiles(files, (f) => path.relative(dir, f));
    const result = checkPaths(['root'], { cwd: dir, environment: 'prod', hcl });
    expect(result.environments[0]?.registries).toBe(2);
    const acr110 = result.findings.filter((f) => f.ruleId === 'ACR-110' && f.result !== 'not-applicable');
    expect(acr110.map((f) => f.message)).toEqual([]);
    expect(
      result.findings
        .filter((f) => f.ruleId === 'ACR-001')
        .map((f) => `${f.result} ${f.location.address}`)
        .sort(),
    ).toEqual([
      'pass module.blue.azurerm_container_registry.this',
      'pass module.green.azurerm_container_registry.this',
    ]);
  });

  it('refuses, with one line naming the input, a tree of more module folders than it reads', () => {
    // A chain root -> m0 -> m1 -> ...: every folder is another module.
    for (let i = 0; i <= MAX_MODULE_FOLDERS; i += 1)
      file(
        `root/${i === 0 ? '' : `m${i - 1}/`}main.tf`,
        `module "next" {\n  source = "../m${i}"\n}\n`.replace('../m0', './m0'),
      );
    expect(() => hclFilesOf(['root'], [], dir)).toThrow(
      `root: its local module calls reach more than ${MAX_MODULE_FOLDERS} module folders, more than the checker reads (check the plan: terraform show -json)`,
    );
  });
});
