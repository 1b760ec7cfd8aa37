import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../cli/main';
import { FIXTURES, planFixture } from './helpers';

/** Runs the CLI in-process and captures what it writes. */
async function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await run(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('acr-iac preview', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'acr-preview-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    delete process.env.GITHUB_STEP_SUMMARY;
  });

  function file(name: string, content: string): string {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  }

  it.each([
    ['not JSON', 'prod.json', 'this is { not json', /prod\.json: not valid JSON/],
    [
      'JSON of another shape',
      'prod.json',
      '{"hello": "world"}',
      /neither a Terraform plan .* nor a Pulumi preview/,
    ],
    [
      'an unsupported format_version',
      'prod.json',
      '{"format_version": "2.0", "resource_changes": []}',
      /unsupported Terraform plan format_version "2\.0"/,
    ],
    [
      'a Pulumi preview of another shape',
      'prod.json',
      '{"steps": [{"op": 1}]}',
      /prod\.json: steps\[0\]\.op: expected one of "same", "create"/,
    ],
  ])('exits 2 on %s, one line, nothing written', async (_what, name, content, message) => {
    const output = join(dir, 'comment.md');
    const result = await cli(['preview', file(name, content), '--output', output]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(output)).toBe(false);
  });

  it('exits 2 on a missing file', async () => {
    const result = await cli(['preview', join(dir, 'prod.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/prod\.json: no such file/);
  });

  it('exits 2 when neither plans nor --base/--head are given, or the environment is unclear', async () => {
    expect((await cli(['preview'])).stderr).toMatch(/give plan files/);
    const unclear = await cli(['preview', file('plan.json', '{}')]);
    expect(unclear.code).toBe(2);
    expect(unclear.stderr).toMatch(/use --env/);
  });

  it('writes the comment to --output', async () => {
    const output = join(dir, 'comment.md');
    const result = await cli([
      'preview',
      planFixture('prod.tfplan.json'),
      planFixture('dev.json'),
      '-o',
      output,
    ]);
    expect(result.code).toBe(0);
    const comment = readFileSync(output, 'utf8');
    expect(comment).toContain('| prod | Terraform plan |');
    expect(comment).toContain('No changes: dev.');
    expect(comment).not.toContain('s3cr3t');
  });

  it('takes the environment from --env and detects a Pulumi preview by content', async () => {
    const result = await cli(['preview', planFixture('prod-preview.json'), '--env', 'production']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('| production | Pulumi preview |');
    // The head of a Pulumi preview is judged like a plan's: the policy engine reads the new states.
    expect(result.stdout).not.toContain('not judged');
    expect(result.stdout).toMatch(/### Policy \(head\)\n\n(Failing|No failing)/);
  });

  it('judges a Pulumi preview of the prod stack and names the rule it breaks', async () => {
    const preview = join(__dirname, '..', 'fixtures', 'policies', 'prod-preview.json');
    const passing = await cli(['preview', preview]);
    expect(passing.code).toBe(0);
    expect(passing.stdout).toContain('| prod | Pulumi preview |');
    // Only the advisory customer-managed-key rule fails on the default stack, as `check --pulumi prod`.
    expect(passing.stdout).toMatch(/### Policy \(head\)\n\nFailing: 1 low\./);
    expect(passing.stdout).not.toContain(', mandatory |');
    const doc = JSON.parse(readFileSync(preview, 'utf8'));
    const registry = doc.steps.find(
      (s: { newState?: { type?: string } }) => s.newState?.type === 'azure-native:containerregistry:Registry',
    );
    registry.newState.inputs.publicNetworkAccess = 'Enabled';
    const failing = await cli(['preview', file('prod-preview.json', JSON.stringify(doc))]);
    expect(failing.code).toBe(0);
    expect(failing.stdout).toMatch(/\| <code>ACR-003<\/code> \| high, mandatory \| prod: /);
  });

  it('diffs --base and --head and appends to the step summary', async () => {
    const summary = file('summary.md', '# earlier step\n');
    process.env.GITHUB_STEP_SUMMARY = summary;
    const base = join(FIXTURES, 'synth', 'base');
    const head = join(FIXTURES, 'synth', 'head');
    const result = await cli(['preview', '--base', base, '--head', head, '--step-summary']);
    expect(result.code).toBe(0);
    const content = readFileSync(summary, 'utf8');
    expect(content.startsWith('# earlier step\n<!-- acr-iac-preview -->')).toBe(true);
    expect(content).toContain('| qa | synth diff | 5 |');
    // The head is judged by the policy engine (policies/).
    expect(content).toMatch(/### Policy \(this change\)\n\n(\*\*)?\d+ new failures?/);
  });

  it('exits 2 on --step-summary outside GitHub Actions', async () => {
    const result = await cli(['preview', planFixture('dev.json'), '--step-summary']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/GITHUB_STEP_SUMMARY/);
  });
});
