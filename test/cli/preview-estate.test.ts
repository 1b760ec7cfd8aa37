import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';

describe('acr-iac preview policy config', () => {
  const root = mkdtempSync(join(tmpdir(), 'acr-iac-preview-estate-'));
  const out = join(root, 'hub');
  const estate = 'examples/hub-and-spoke/estate.ts';
  beforeAll(async () => {
    expect((await runCli('synth', '-q', '--no-check', '--estate', estate, '-o', out)).code).toBe(0);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('judges the head with the order and regions of the given estate', async () => {
    const result = await runCli('preview', '--base', out, '--head', out, '--estate', estate);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('0 new failures, 0 fixed, 1 unchanged. Head: 47 passed.');
    expect(result.stdout).not.toContain('ACR-104');
  });

  it('uses the shipped estate by default, whose chain this tree does not follow', async () => {
    const result = await runCli('preview', '--base', out, '--head', out);
    expect(result.stdout).toMatch(/\| <code>ACR-104<\/code> \| critical, mandatory \| prod: /);
  });
});
