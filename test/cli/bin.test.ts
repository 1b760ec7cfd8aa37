/**
 * Every command through the real bin of the packed, installed package, run in a consumer project that
 * declares its own estate (see test/support/packed.ts): what users run, not the in-process CLI.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { consumerProject, installedPackage, runBin } from '../support/bin';
import { REPO } from '../support/packed';

describe('the installed acr-iac bin', () => {
  let project: string;
  beforeAll(() => {
    project = consumerProject('consumer');
  });
  const bin = (...args: string[]) => runBin(args, { cwd: project });

  it('prints the version of its package.json', () => {
    const { version } = JSON.parse(readFileSync(join(installedPackage(), 'package.json'), 'utf8'));
    expect(bin('--version')).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('lists the commands and the exit codes in --help', () => {
    const help = bin('--help');
    expect(help.status).toBe(0);
    const commands = ['synth', 'check', 'preview', 'pr-comment', 'rules', 'init'];
    for (const command of commands) expect(help.stdout).toContain(`  ${command}`);
    expect(help.stdout).toMatch(/Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 .*\n {2}3 /);
    for (const command of commands) expect(bin(command, '--help').stdout).toMatch(/\nExit codes: 0 /);
    expect(bin('check', '--help').stdout).toContain(
      'Exit codes: 0 passed; 1 mandatory failures (with --fail-on new: only those not on the base);\n2 unusable input; 3 nothing could be judged (with --fail-on-unchecked).',
    );
  });

  it('answers a bad flag or command with one line and a hint to --help', () => {
    expect(bin('check', '--fomat', 'json')).toEqual({
      status: 2,
      stdout: '',
      stderr:
        "acr-iac: unknown option '--fomat' (Did you mean --format?); run acr-iac check --help for usage\n",
    });
    expect(bin('deploy')).toEqual({
      status: 2,
      stdout: '',
      stderr: "acr-iac: unknown command 'deploy'; run acr-iac --help for usage\n",
    });
    expect(bin('check', '--format')).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(
        /^acr-iac: option .*argument missing; run acr-iac check --help for usage\n$/,
      ),
    });
  });

  it("synthesizes the consumer's estate, summarizes and checks it", () => {
    const result = bin('synth');
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toMatch(/^dev: contosoacrdev \(Standard\)/);
    expect(result.stdout).toContain('PASSED: no mandatory failure');
    expect(readdirSync(join(project, 'cdktf.out', 'stacks')).sort()).toEqual(['dev', 'prod', 'staging']);
  });

  it('shows progress on stderr when asked (a terminal), and none with --quiet', () => {
    const progress = runBin(['synth', '--no-check'], { cwd: project, env: { ACR_IAC_PROGRESS: '1' } });
    expect(progress.status).toBe(0);
    expect(progress.stderr).toBe(
      'acr-iac: loading the estate...\nacr-iac: synthesizing dev, staging, prod into cdktf.out...\n',
    );
    const quiet = runBin(['synth', '-q', '--no-check'], { cwd: project, env: { ACR_IAC_PROGRESS: '1' } });
    expect(quiet).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('checks cdktf.out and writes a report, but never over an input', () => {
    expect(bin('check', 'cdktf.out')).toMatchObject({ status: 0, stdout: expect.stringContaining('PASSED') });
    const report = bin('check', 'cdktf.out', '--format', 'sarif', '-o', 'reports/acr.sarif');
    expect(report).toEqual({
      status: 0,
      stdout: '',
      stderr: 'acr-iac check: passed; report in reports/acr.sarif\n',
    });
    const sarif = JSON.parse(readFileSync(join(project, 'reports', 'acr.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    // The tool is named from the installed package.json (dist/ has no copy of it).
    const installed = JSON.parse(readFileSync(join(installedPackage(), 'package.json'), 'utf8'));
    expect(sarif.runs[0].tool.driver).toMatchObject({
      version: installed.version,
      informationUri: installed.homepage,
    });
    const input = join(project, 'cdktf.out', 'stacks', 'dev', 'cdk.tf.json');
    const before = readFileSync(input, 'utf8');
    expect(
      bin(
        'check',
        'cdktf.out/stacks/dev/cdk.tf.json',
        '--env',
        'dev',
        '-o',
        'cdktf.out/stacks/dev/cdk.tf.json',
      ),
    ).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'acr-iac: --output cdktf.out/stacks/dev/cdk.tf.json would overwrite the input cdktf.out/stacks/dev/cdk.tf.json; write the output elsewhere\n',
    });
    expect(bin('check', 'cdktf.out', '-o', 'cdktf.out/report.txt')).toMatchObject({ status: 2 });
    expect(bin('check', 'cdktf.out', '-o', 'estate.ts')).toMatchObject({ status: 2 });
    expect(readFileSync(input, 'utf8')).toBe(before);
    expect(existsSync(join(project, 'cdktf.out', 'report.txt'))).toBe(false);
  });

  it('previews with the policy section evaluated (the path the CI examples run)', () => {
    const fromTrees = bin('preview', '--base', 'cdktf.out', '--head', 'cdktf.out');
    expect(fromTrees.status).toBe(0);
    expect(fromTrees.stdout).toContain('<!-- acr-iac-preview -->');
    expect(fromTrees.stdout).toMatch(/Policy/);
    expect(fromTrees.stdout).not.toMatch(/not evaluated|could not judge/);
    expect(fromTrees.stdout).not.toContain(project);
    mkdirSync(join(project, 'plans'), { recursive: true });
    writeFileSync(
      join(project, 'plans', 'dev.json'),
      readFileSync(join(REPO, 'test/fixtures/preview/plans/dev.json')),
    );
    const fromPlan = bin('preview', 'plans/dev.json', '-o', 'comment.md');
    expect(fromPlan).toEqual({ status: 0, stdout: '', stderr: '' });
    const comment = readFileSync(join(project, 'comment.md'), 'utf8');
    expect(comment).toContain('<!-- acr-iac-preview -->');
    expect(comment).not.toMatch(/not evaluated|could not judge/);
    expect(bin('preview', 'plans/dev.json', '-o', 'plans/dev.json')).toMatchObject({ status: 2 });
  });

  it('writes the rule catalogue', () => {
    expect(bin('rules').stdout).toMatch(/^ACR-001 +high +baseline +Admin user is disabled$/m);
    expect(bin('rules', '--markdown', 'docs/rules.md')).toEqual({
      status: 0,
      stdout: '',
      stderr: 'acr-iac rules: wrote docs/rules.md\n',
    });
    expect(readFileSync(join(project, 'docs', 'rules.md'), 'utf8')).toBe(
      readFileSync(join(REPO, 'docs', 'rules.md'), 'utf8'),
    );
  });

  it('writes a starter that synthesizes, and refuses a folder that is not empty', () => {
    const init = bin('init', 'starter');
    expect(init.status).toBe(0);
    expect(init.stdout).toContain('Next: cd starter && npm install && npx acr-iac synth');
    const starter = join(project, 'starter');
    for (const file of [
      'estate.ts',
      'cdktf/main.ts',
      'pulumi/index.ts',
      '.github/workflows/acr-iac.yml',
      'tsconfig.json',
    ])
      expect(existsSync(join(starter, file))).toBe(true);
    expect(runBin(['synth', '-q'], { cwd: starter })).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(bin('init', 'starter')).toEqual({
      status: 2,
      stdout: '',
      stderr: 'acr-iac: starter is not empty (it holds .github); init writes only into an empty folder\n',
    });
  });

  it('creates or updates the pull-request comment (dry run: the API calls, no network)', () => {
    const body = '<!-- acr-iac-preview -->\nhello\n';
    writeFileSync(join(project, 'pr.md'), body);
    expect(
      bin('pr-comment', '--file', 'pr.md', '--repo', 'contoso/platform', '--pr', '7', '--dry-run'),
    ).toEqual({
      status: 0,
      stdout:
        'GET https://api.github.com/repos/contoso/platform/issues/7/comments?per_page=100&page=1\n' +
        `POST https://api.github.com/repos/contoso/platform/issues/7/comments (body: ${body.length} characters)\n`,
      stderr: 'acr-iac pr-comment: dry run, nothing sent\n',
    });
  });

  it('declares every entry point without reaching zod (its .d.cts need esModuleInterop)', () => {
    const dist = join(installedPackage(), 'dist');
    const reached = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string): void => {
      if (reached.has(file)) return;
      reached.add(file);
      const text = readFileSync(file, 'utf8');
      for (const [, specifier] of text.matchAll(/(?:from|import\()\s*['"]([^'"]+)['"]/g)) {
        if (!specifier.startsWith('.')) packages.add(specifier.split('/')[0]);
        else {
          const base = join(dirname(file), specifier);
          const found = [`${base}.d.ts`, join(base, 'index.d.ts')].find((f) => existsSync(f));
          if (found) visit(found);
        }
      }
    };
    for (const entry of [
      'index',
      'constructs/model/index',
      'constructs/cdktf/index',
      'constructs/pulumi/index',
      'policies/index',
      'preview/index',
    ])
      visit(join(dist, `${entry}.d.ts`));
    expect(reached.size).toBeGreaterThan(50); // the walk follows the imports
    expect(packages.has('cdktf')).toBe(true);
    expect(packages.has('zod')).toBe(false);
  });

  it('ships what the CI templates use from node_modules/acr-iac (the action, the comment script)', () => {
    const templates = [
      'examples/github-actions/pr-preview.yml',
      'examples/azure-devops/acr-iac-preview.yml',
      'examples/azure-devops/pr-preview.yml',
    ].map((file) => readFileSync(join(REPO, file), 'utf8'));
    const used = templates.flatMap((text) =>
      [...text.matchAll(/node_modules\/acr-iac(\/[\w./-]*)?/g)].map((m) => m[1] ?? ''),
    );
    expect(used).toEqual(expect.arrayContaining(['', '/dist/examples/azure-devops/pr-comment.js']));
    for (const path of used)
      expect(existsSync(join(installedPackage(), path, path === '' ? 'action.yml' : ''))).toBe(true);
    // The comment script runs from the package as it is (the marker comes from its compiled preview).
    const script = spawnSync(
      process.execPath,
      [join(installedPackage(), 'dist/examples/azure-devops/pr-comment.js'), 'pr.md'],
      { cwd: project, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } },
    );
    expect(script.status).toBe(1);
    expect(script.stderr).toBe(
      'pr-comment: SYSTEM_ACCESSTOKEN is not set: run this in an Azure DevOps pull-request build\n',
    );
  });
});

describe('estates the bin cannot use', () => {
  it('reports a syntax error in a TypeScript estate as one line, with exit 2 and no path', () => {
    const project = consumerProject('broken', { 'estate.ts': 'export const ESTATE = {;\n' });
    expect(runBin(['synth'], { cwd: project })).toEqual({
      status: 2,
      stdout: '',
      stderr: 'acr-iac: estate.ts: syntax error: Expected identifier but found ";"\n',
    });
    expect(existsSync(join(project, 'cdktf.out'))).toBe(false);
  });

  it('says how to declare an estate when the project declares none', () => {
    const bare = consumerProject('bare', { 'package.json': '{"name":"bare","private":true}\n' });
    expect(runBin(['synth'], { cwd: bare })).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'acr-iac: no estate is declared: pass --estate <module>, or add "acr-iac": { "estate": "<module exporting ESTATE>" } to package.json (or an acr-iac.config.ts); acr-iac init writes a starter\n',
    });
    // check and preview judge what they are given with the default chain (dev, staging, prod).
    cpSync(join(REPO, 'test/fixtures/preview/synth/head'), join(bare, 'cdktf.out'), { recursive: true });
    const check = runBin(['check', 'cdktf.out'], { cwd: bare });
    expect(check).toMatchObject({ status: 1, stderr: '' }); // the fixture's prod fails mandatory rules
    expect(check.stdout).toContain('(first environment of the chain dev -> staging -> prod)');
    const preview = runBin(['preview', '--base', 'cdktf.out', '--head', 'cdktf.out'], { cwd: bare });
    expect(preview).toMatchObject({ status: 0, stderr: '' });
    expect(preview.stdout).not.toMatch(/not evaluated|could not judge/);
  });

  it('reads a JavaScript estate through an acr-iac.config.mjs without loading TypeScript', () => {
    const project = consumerProject('js', {
      'package.json': '{"name":"js","private":true}\n',
      'acr-iac.config.mjs': "export default { estate: './estate.cjs' };\n",
      'estate.cjs': `module.exports.ESTATE = ${JSON.stringify({
        environments: [
          {
            name: 'shared',
            location: 'westeurope',
            resourceGroupName: 'rg-acr-shared',
            registry: { name: 'jsacrshared', sku: 'Standard' },
          },
        ],
      })};\n`,
    });
    const result = runBin(['synth', '-q'], { cwd: project });
    expect(result).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(readdirSync(join(project, 'cdktf.out', 'stacks'))).toEqual(['shared']);
  });
});
