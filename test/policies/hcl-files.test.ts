/**
 * Which HCL files the CLI converts before a check (`hclFilesOf`): the `*.tf` of the root folder, and
 * those of every local module a configuration file calls, found by scanning the files' bytes for a
 * local `source` in either syntax (`source = "./x"`, `"source": "./x"`, any spacing).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hclFilesOf } from '../../policies/inventory/terraform-json/hcl';

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
});
