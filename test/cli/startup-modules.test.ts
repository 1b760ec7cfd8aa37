/**
 * The modules the real bin loads for its common commands: zod (tens of milliseconds to load) is built
 * into schemas only when an input needs one to name what is wrong, so `synth` and `check` of a
 * well-formed cdktf.out never load it (issue 12's startup budget).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { REPO } from '../support/packed';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'acr-iac-startup-'));
  // Records every module the process loaded, whatever way it exits.
  writeFileSync(
    join(dir, 'record.js'),
    `process.on('exit', () => require('fs').writeFileSync(process.env.LOADED, Object.keys(require.cache).join('\\n')));\n`,
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the bin with `args`; its status, stderr and the files of the modules it loaded. */
function run(
  name: string,
  args: readonly string[],
): { status: number | null; stderr: string; loaded: string[] } {
  const loadedFile = join(dir, `${name}.loaded`);
  const result = spawnSync(
    process.execPath,
    ['-r', join(dir, 'record.js'), join(REPO, 'bin', 'acr-iac.js'), ...args],
    {
      cwd: REPO,
      env: { ...process.env, LOADED: loadedFile },
      encoding: 'utf8',
    },
  );
  return {
    status: result.status,
    stderr: result.stderr,
    loaded: readFileSync(loadedFile, 'utf8').split('\n'),
  };
}

const ZOD = /[\\/]node_modules[\\/]zod[\\/]/;

describe('modules loaded at startup', () => {
  test('synth of the shipped estate, then check of its cdktf.out, never load zod', () => {
    const out = join(dir, 'cdktf.out');
    const synth = run('synth', ['synth', '-q', '-o', out]);
    expect(synth.stderr).toBe('');
    expect(synth.status).toBe(0);
    expect(synth.loaded.some((file) => /[\\/]node_modules[\\/]cdktf[\\/]/.test(file))).toBe(true);
    expect(synth.loaded.filter((file) => ZOD.test(file))).toEqual([]);

    const check = run('check', ['check', '-q', out]);
    expect(check.status).toBe(0);
    expect(check.loaded.some((file) => /terraform-json[\\/]expand\.js$/.test(file))).toBe(true);
    expect(check.loaded.filter((file) => ZOD.test(file))).toEqual([]);
  });

  test('a malformed meta-argument loads zod to name what is wrong', () => {
    const file = join(dir, 'main.tf.json');
    writeFileSync(
      file,
      JSON.stringify({
        resource: { azurerm_resource_group: { rg: { name: 'rg', location: 'westeurope', depends_on: 'x' } } },
      }),
    );
    const check = run('malformed', ['check', '-q', '--env', 'prod', file]);
    expect(check.status).toBe(2);
    expect(check.stderr).toBe(
      `acr-iac: ${relative(REPO, file)}: resource.azurerm_resource_group.rg.depends_on: expected an array of references (got a string)\n`,
    );
    expect(check.loaded.some((f) => ZOD.test(f))).toBe(true);
  });
});
