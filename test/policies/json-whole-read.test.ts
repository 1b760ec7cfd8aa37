/**
 * Whole JSON documents (cdk.tf.json, `*.tf.json`, manifests) are parsed with one `JSON.parse` and a
 * depth check on the result, and only what that refuses goes through the cursor (which names the
 * error). The two paths must accept the same texts and give the same values.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {
  MAX_JSON_DEPTH,
  parseJsonBuffer,
  parseJsonText,
  readJsonInput,
} from '../../policies/inventory/read-json';

/** What the cursor alone makes of `text` (the reading before the fast path): a value or an error. */
function byCursor(text: string): { value?: unknown; error?: string } {
  try {
    return { value: parseJsonBuffer(Buffer.from(text, 'utf8'), 'x.json') };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function byText(text: string): { value?: unknown; error?: string } {
  try {
    return { value: parseJsonText(text, 'x.json') };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const nested = (levels: number): string => '['.repeat(levels - 1) + '{}' + ']'.repeat(levels - 1);

describe('whole JSON documents', () => {
  it('give the values and errors the cursor gives, for any JSON value and damaged texts', () => {
    fc.assert(
      fc.property(fc.json({ depthSize: 'medium' }), fc.nat(), (json, cut) => {
        expect(byText(json)).toEqual(byCursor(json));
        const damaged = json.slice(0, cut % (json.length + 1)) + '}' + json.slice(cut % (json.length + 1));
        expect(byText(damaged)).toEqual(byCursor(damaged));
      }),
      { numRuns: 200, seed: 20261203 },
    );
  });

  it('accept exactly the depth limit and refuse one level more with the cursor’s message', () => {
    expect(byText(nested(MAX_JSON_DEPTH)).value).toBeDefined();
    const deeper = byText(nested(MAX_JSON_DEPTH + 1));
    expect(deeper.error).toMatch(/nested deeper than 256 levels/);
    expect(deeper).toEqual(byCursor(nested(MAX_JSON_DEPTH + 1)));
  });

  it('read a lone surrogate as the cursor does (U+FFFD, from the UTF-8 bytes)', () => {
    const text = `{"a":"x${String.fromCharCode(0xd800)}y"}`;
    expect(byText(text)).toEqual({ value: { a: 'x\ufffdy' } });
  });

  it('read a file once: its document, and its text without a byte order mark', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'acr-iac-whole-'));
    try {
      const file = path.join(dir, 'main.tf.json');
      writeFileSync(file, '\ufeff{"resource": {}}');
      expect(readJsonInput(file, 'main.tf.json')).toEqual({
        doc: { resource: {} },
        text: '{"resource": {}}',
      });
      writeFileSync(file, '{"resource": {} x');
      expect(() => readJsonInput(file, 'main.tf.json')).toThrow(/^main\.tf\.json: not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
