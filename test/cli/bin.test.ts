import { spawnSync } from 'node:child_process';

/** Runs the installed entry point as a user would (`npx acr-iac ...`). */
function acrIac(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['bin/acr-iac.js', ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('bin/acr-iac.js', () => {
  it('runs a command and exits 0', () => {
    const result = acrIac('rules');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^ACR-001 +high +baseline +Admin user is disabled$/m);
  });

  it('exits 2 with one line and no stack trace for unusable input', () => {
    const result = acrIac('check', 'no/such/cdktf.out');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('acr-iac: no/such/cdktf.out: no such file or folder\n');
  });
});

describe('file system errors', () => {
  it('names the path and the reason instead of a stack trace', () => {
    const result = acrIac('synth', '--outdir', '/proc/acr-iac-cannot-write-here');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^acr-iac: cannot mkdir \/proc\/acr-iac-cannot-write-here(\/\S*)?: E[A-Z]+\n$/,
    );
  });
});
