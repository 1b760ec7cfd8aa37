/**
 * The head policy of a preview comment for Pulumi previews: judged through the policy engine's
 * preview adapter, never throwing (unusable input becomes a note).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateHeadPolicy } from '../../cli/preview-policy';

const PROD_PREVIEW = join(__dirname, '..', 'fixtures', 'policies', 'prod-preview.json');
const CONFIG = { order: ['dev', 'staging', 'prod'] };

describe('evaluateHeadPolicy on Pulumi previews', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'acr-head-policy-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function write(name: string, content: unknown): string {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(content));
    return file;
  }

  it('summarizes the findings of the new states', async () => {
    const head = await evaluateHeadPolicy(
      [{ path: PROD_PREVIEW, format: 'pulumi-preview', environment: 'prod' }],
      CONFIG,
    );
    expect(head.note).toBeUndefined();
    expect(head.summary?.failing.filter((f) => f.mandatory)).toEqual([]);
    expect(head.summary?.passed).toBeGreaterThan(0);
  });

  it('judges a preview of part of a stack as given', async () => {
    const doc = JSON.parse(readFileSync(PROD_PREVIEW, 'utf8'));
    // `pulumi preview --target <registry>`: only the registry's step.
    doc.steps = doc.steps.filter(
      (s: { newState?: { type?: string } }) => s.newState?.type === 'azure-native:containerregistry:Registry',
    );
    const head = await evaluateHeadPolicy(
      [{ path: write('prod.json', doc), format: 'pulumi-preview', environment: 'prod' }],
      CONFIG,
    );
    expect(head.note).toBeUndefined();
    // Its private endpoint, lock and diagnostics are not in the preview, so their rules fail.
    expect(head.summary?.failing.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(['ACR-005', 'ACR-018']),
    );
  });

  it('refuses a malformed preview as check does (exit 2), rather than a note in a comment', async () => {
    const file = write('prod.json', { steps: [{ op: 'create', urn: 'not-a-urn' }] });
    await expect(
      evaluateHeadPolicy([{ path: file, format: 'pulumi-preview', environment: 'prod' }]),
    ).rejects.toThrow(/prod\.json: steps\[0\]\.urn: expected a Pulumi URN/);
  });
});
