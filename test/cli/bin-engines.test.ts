/**
 * Each command loads only the engine it needs, and a project with one engine works without the other:
 * `--version` loads no engine and no policy code, `synth` never loads Pulumi, and in a project without
 * `@pulumi/*` synth, check and preview run while `check --pulumi` names the packages to install.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consumerProject, installedPackage, runBin } from '../support/bin';
import { REPO } from '../support/packed';

/** The modules a run of the installed CLI loaded, relative to the node_modules folder holding each. */
function modulesLoaded(args: readonly string[], cwd: string): string[] {
  const main = join(installedPackage(), 'dist', 'cli', 'main.js');
  const script = `require(${JSON.stringify(main)}).run(process.argv.slice(1)).then(() =>
  process.stderr.write('\\nMODULES ' + JSON.stringify(Object.keys(require.cache))));`;
  const result = spawnSync(process.execPath, ['-e', script, '--', ...args], { cwd, encoding: 'utf8' });
  const line = result.stderr.split('\n').find((l) => l.startsWith('MODULES '));
  if (!line) throw new Error(`no module list: ${result.stderr}`);
  return (JSON.parse(line.slice('MODULES '.length)) as string[]).map((p) =>
    p.replace(/^.*node_modules\//, ''),
  );
}

/** Runs a bin with its own copy of the package and `modules` as node_modules. */
function runIn(root: string, args: readonly string[], cwd: string) {
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'acr-iac', 'bin', 'acr-iac.js'), ...args],
    {
      cwd,
      encoding: 'utf8',
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('engines are loaded where a command needs them', () => {
  let project: string;
  beforeAll(() => {
    project = consumerProject('engines');
  });

  it('--version loads neither an engine nor the policy code', () => {
    const modules = modulesLoaded(['--version'], project);
    expect(modules.filter((m) => /^(cdktf|constructs|@cdktf|@pulumi|zod|yaml|tsx)\//.test(m))).toEqual([]);
    expect(
      modules.filter((m) => /^acr-iac\/dist\/(policies|preview|constructs\/(cdktf|pulumi))\//.test(m)),
    ).toEqual([]);
  });

  it("check --pulumi runs the estate's Pulumi program under mocks", () => {
    for (const file of ['Pulumi.yaml', 'Pulumi.prod.yaml']) cpSync(join(REPO, file), join(project, file));
    const result = runBin(['check', '--pulumi', 'prod'], { cwd: project });
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toContain('PASSED: no mandatory failure');
  });

  it('check --pulumi fails a stack file that opens prod, and refuses one it cannot read', () => {
    const own = consumerProject('stack-files');
    cpSync(join(REPO, 'Pulumi.yaml'), join(own, 'Pulumi.yaml'));
    const stackFile = join(own, 'Pulumi.prod.yaml');
    writeFileSync(stackFile, 'config:\n  acr-iac:publicNetworkAccess: true\n  acr-iac:exportEnabled: true\n');
    const weak = runBin(['check', '--pulumi', 'prod'], { cwd: own });
    expect(weak.status).toBe(1);
    expect(weak.stdout).toMatch(/ACR-003/);
    writeFileSync(stackFile, 'config:\n  acr-iac:publicNetworkAccess: [true\n');
    const cut = runBin(['check', '--pulumi', 'prod', '-o', 'cut-report.json'], { cwd: own });
    expect(cut.status).toBe(2);
    expect(cut.stdout).toBe('');
    expect(cut.stderr.split('\n')).toHaveLength(2);
    expect(cut.stderr).toMatch(/^acr-iac: Pulumi\.prod\.yaml: not valid YAML/);
    expect(existsSync(join(own, 'cut-report.json'))).toBe(false);
  });

  it('synth (with its check) loads cdktf but never Pulumi', () => {
    const modules = modulesLoaded(['synth', '-q', '-o', 'out'], project);
    expect(modules.some((m) => m.startsWith('cdktf/'))).toBe(true);
    expect(modules.filter((m) => m.startsWith('@pulumi/'))).toEqual([]);
  });
});

describe('a project with cdktf only', () => {
  const root = mkdtempSync(join(tmpdir(), 'acr-iac-cdktf-only-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  beforeAll(() => {
    // node_modules as a cdktf-only consumer has it: everything but @pulumi/* and @pulumiverse/*, and
    // acr-iac itself.
    const modules = join(root, 'node_modules');
    mkdirSync(modules);
    for (const name of readdirSync(join(REPO, 'node_modules')))
      if (name !== '@pulumi' && name !== '@pulumiverse' && name !== '.bin')
        symlinkSync(join(REPO, 'node_modules', name), join(modules, name));
    cpSync(installedPackage(), join(modules, 'acr-iac'), { recursive: true });
    const consumer = consumerProject('cdktf-only');
    cpSync(join(consumer, 'package.json'), join(root, 'package.json'));
    cpSync(join(consumer, 'estate.ts'), join(root, 'estate.ts'));
  });

  it('synthesizes, checks and previews without Pulumi installed', () => {
    expect(runIn(root, ['synth', '-q'], root)).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(runIn(root, ['check', 'cdktf.out'], root)).toMatchObject({ status: 0, stderr: '' });
    const preview = runIn(root, ['preview', '--base', 'cdktf.out', '--head', 'cdktf.out'], root);
    expect(preview.status).toBe(0);
    expect(preview.stdout).not.toMatch(/not evaluated|could not judge/);
  });

  it('names the packages to install when a command needs Pulumi', () => {
    expect(runIn(root, ['check', '--pulumi', 'dev'], root)).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'acr-iac: check --pulumi needs @pulumi/pulumi, which is not installed: npm install --save-dev @pulumi/pulumi@^3.241.0 @pulumi/azure-native@^3.28.0 @pulumi/azure@^6.40.0 @pulumiverse/time@^0.1.1\n',
    });
  });
});
