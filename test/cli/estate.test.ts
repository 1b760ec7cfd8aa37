/**
 * Which estate a command uses and how a broken one is reported: `--estate`, acr-iac.config.*, the
 * package.json key, in that order; every module or declaration error is one line and exit 2.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findEstate, requireEstate } from '../../cli/estate';
import { DeclarationError } from '../../constructs/model/problems';

const SHARED = {
  environments: [
    {
      name: 'shared',
      location: 'westeurope',
      resourceGroupName: 'rg-acr-shared',
      registry: { name: 'testacrshared', sku: 'Standard' },
    },
  ],
};

describe('estate loading', () => {
  const root = mkdtempSync(join(tmpdir(), 'acr-iac-estate-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let n = 0;

  function project(files: Record<string, string>): string {
    const dir = join(root, `p${n++}`);
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    return dir;
  }

  const estateJs = `module.exports.ESTATE = ${JSON.stringify(SHARED)};\n`;

  it('takes --estate first, then the config module, then the package.json key', () => {
    const dir = project({
      'package.json': '{"name":"x"}',
      'acr-iac.config.js': "module.exports = { estate: './config-estate.js' };\n",
      'config-estate.js': estateJs,
      'flag-estate.js': estateJs,
    });
    expect(findEstate({ cwd: dir })?.source).toBe('config-estate.js');
    expect(findEstate({ cwd: dir, module: 'flag-estate.js' })?.source).toBe('flag-estate.js');
    const viaPackage = project({
      'package.json': '{"acr-iac":{"estate":"lib/estate.js"}}',
      'lib/estate.js': estateJs,
    });
    expect(findEstate({ cwd: join(viaPackage) })?.estate.order).toEqual(['shared']);
  });

  it('finds the config from a subfolder of the project, and nothing above the project root', () => {
    const dir = project({
      'package.json': '{"acr-iac":{"estate":"estate.js"}}',
      'estate.js': estateJs,
      'sub/x': '',
    });
    expect(findEstate({ cwd: join(dir, 'sub') })?.file).toBe(join(dir, 'estate.js'));
    const nested = project({
      'package.json': '{"acr-iac":{"estate":"estate.js"}}',
      'estate.js': estateJs,
      'inner/package.json': '{}',
    });
    expect(findEstate({ cwd: join(nested, 'inner') })).toBeUndefined();
  });

  it('takes a declaration given in the config module itself', () => {
    const dir = project({ 'acr-iac.config.js': `module.exports = { estate: ${JSON.stringify(SHARED)} };\n` });
    expect(findEstate({ cwd: dir })).toMatchObject({
      source: 'acr-iac.config.js',
      estate: { order: ['shared'] },
    });
  });

  const broken: [string, Record<string, string>, string][] = [
    [
      'a number',
      { 'estate.js': 'module.exports.ESTATE = 42;\n' },
      'estate.js: ESTATE must be an estate declaration ({ environments: [...] }), got a number',
    ],
    [
      'no ESTATE',
      { 'estate.js': 'module.exports.estate = {};\n' },
      'estate.js: does not export ESTATE (an EstateDeclaration); got an object with exports estate',
    ],
    [
      'nothing',
      { 'estate.js': '\n' },
      'estate.js: does not export ESTATE (an EstateDeclaration); got an object with no exports',
    ],
    [
      'a throw',
      { 'estate.js': "throw new Error('no credentials\\n  at line 2');\n" },
      'estate.js: it threw while loading: no credentials',
    ],
    ['a missing import', { 'estate.js': "require('./nope');\n" }, 'estate.js: cannot load it: '],
    [
      'a broken package.json key',
      { 'package.json': '{"acr-iac":{"estate":3}}' },
      'package.json "acr-iac": expected { "estate": "<module exporting ESTATE>" }',
    ],
    [
      'a config without estate',
      { 'package.json': '{}', 'acr-iac.config.js': 'module.exports = {};\n' },
      "acr-iac.config.js: expected a default export { estate: '<module>' | declaration }",
    ],
    [
      'two declarations',
      {
        'package.json': '{"acr-iac":{"estate":"e.js"}}',
        'acr-iac.config.js': 'module.exports = {estate: "e.js"};\n',
      },
      'the estate is declared twice, in acr-iac.config.js and package.json "acr-iac"; keep one',
    ],
  ];
  it.each(broken)('reports %s as one line', (_, files, message) => {
    const dir = project({ 'package.json': '{"acr-iac":{"estate":"estate.js"}}', ...files });
    let error: unknown;
    try {
      findEstate({ cwd: dir });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('UsageError');
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('\n');
    expect((error as Error).message).not.toContain(root);
  });

  it("reports wrongly typed values as the user's input, not as an internal error", () => {
    const dir = project({
      'package.json': '{"acr-iac":{"estate":"estate.js"}}',
      'estate.js': 'module.exports.ESTATE = { environments: [{ name: "dev", registry: null }] };\n',
    });
    // The model's validation may name the field (DeclarationError); else the loader says it is invalid.
    expect(() => findEstate({ cwd: dir })).toThrow(
      expect.objectContaining({ name: expect.stringMatching(/^(UsageError|DeclarationError)$/) }),
    );
  });

  it('lists every problem of an invalid declaration', () => {
    const dir = project({
      'package.json': '{"acr-iac":{"estate":"estate.js"}}',
      'estate.js': `module.exports.ESTATE = ${JSON.stringify({ environments: [{ ...SHARED.environments[0], registry: { name: 'x', sku: 'Standard' } }] })};\n`,
    });
    expect(() => requireEstate({ cwd: dir })).toThrow(DeclarationError);
  });
});
