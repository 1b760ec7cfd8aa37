/**
 * Property: random and hostile strings in any string field (and hostile keys) of a Terraform plan or
 * a Pulumi preview never make `check` or `preview` fail with an internal error or hang: the answer is
 * exit 2 with one line, or a report (exit 0 or 1). Bounded runs (10 per fixture); the inputs are real-shaped fixtures.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { runCli } from '../support/cli';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = readonly (string | number)[];

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const INPUTS = {
  plan: path.join(FIXTURES, 'foreign', 'plans', 'avm-module.plan.json'),
  teardown: path.join(FIXTURES, 'foreign', 'plans', 'prod-teardown.plan.json'),
  preview: path.join(FIXTURES, 'preview', 'plans', 'prod-preview.json'),
};

const HOSTILE = [
  '',
  ' ',
  '${',
  '}',
  '${azurerm_container_registry.this.id}',
  '${var.x}${local.y}',
  '${' + 'module.a.'.repeat(300),
  'module.acr["x"].azurerm_container_registry.this',
  'azurerm_container_registry',
  '["a"]',
  '\\',
  '"',
  '\u0000',
  '\u202e',
  '\ud800',
  '\r\n# heading',
  '[approve](https://evil.example)',
  '@platform-team',
  '<img src=x onerror=alert(1)>',
  'urn:pulumi:prod::p::azure-native:containerregistry:Registry::x',
  'urn:pulumi:',
  '::',
  '04da6b54-80e4-46f7-96ec-b56ff0331ba9',
  '[secret]',
  '__proto__',
  'constructor',
  'toString',
  '/subscriptions/x/resourceGroups/y',
  'Microsoft.ContainerRegistry/registries@2023-07-01',
  'x'.repeat(20_000),
];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', '${x}', 'a.b[0]'];

function stringPaths(value: Json, at: Path = [], out: Path[] = []): Path[] {
  if (typeof value === 'string') out.push(at);
  else if (Array.isArray(value)) value.forEach((item, i) => stringPaths(item, [...at, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) stringPaths(item, [...at, key], out);
  return out;
}

function objectPaths(value: Json, at: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value)) value.forEach((item, i) => objectPaths(item, [...at, i], out));
  else if (value !== null && typeof value === 'object') {
    out.push(at);
    for (const [key, item] of Object.entries(value)) objectPaths(item, [...at, key], out);
  }
  return out;
}

function at(doc: Json, where: Path): Json {
  return where.reduce<Json>((node, step) => (node as Record<string, Json>)[step as string], doc);
}

function setString(doc: Json, where: Path, text: string): void {
  const parent = at(doc, where.slice(0, -1)) as Record<string, Json>;
  parent[where[where.length - 1] as string] = text;
}

/** Renames one key of the object at `where` to `key` (JSON text: a key like __proto__ stays a key). */
function renameKey(doc: Json, where: Path, key: string): void {
  const node = at(doc, where) as Record<string, Json>;
  const first = Object.keys(node)[0];
  if (first === undefined) return;
  const entries = Object.entries(node).map(([k, v]) => [k === first ? key : k, v] as const);
  for (const k of Object.keys(node)) delete node[k];
  Object.defineProperties(
    node,
    Object.fromEntries(
      entries.map(([k, v]) => [k, { value: v, enumerable: true, writable: true, configurable: true }]),
    ),
  );
}

describe('hostile strings in plans and previews', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'acr-iac-hostile-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(Object.entries(INPUTS))(
    'check and preview answer every mutation of the %s fixture',
    async (_name, input) => {
      const original = JSON.parse(readFileSync(input, 'utf8')) as Json;
      const strings = stringPaths(original);
      const objects = objectPaths(original);
      const text = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 40 }));
      const mutation = fc.record({
        strings: fc.array(fc.tuple(fc.constantFrom(...strings), text), { minLength: 1, maxLength: 6 }),
        key: fc.option(fc.tuple(fc.constantFrom(...objects), fc.constantFrom(...HOSTILE_KEYS)), { freq: 4 }),
      });
      const file = path.join(dir, 'prod.json');
      await fc.assert(
        fc.asyncProperty(mutation, async ({ strings: changes, key }) => {
          const doc = structuredClone(original);
          for (const [where, value] of changes) setString(doc, where, value);
          if (key) renameKey(doc, key[0], key[1]);
          writeFileSync(file, JSON.stringify(doc));
          for (const command of ['check', 'preview']) {
            const started = Date.now();
            const result = await runCli(command, file, '--env', 'prod');
            expect(Date.now() - started).toBeLessThan(10_000);
            expect(result.stderr).not.toMatch(/internal error/);
            expect([0, 1, 2]).toContain(result.code);
            if (result.code === 2) expect(result.stderr.trim().split('\n')).toHaveLength(1);
            else expect(result.stdout.length).toBeGreaterThan(0);
          }
        }),
        { numRuns: 10, seed: 20260302 },
      );
    },
  );
});
