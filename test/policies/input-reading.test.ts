/**
 * Fail closed on plan and preview input: `check` and `preview` read both formats with one reader, so a
 * malformed input is exit 2 with the same single line (file, JSON path, what was expected) in both;
 * special files, oversized files and deep nesting are refused before they can hang or crash either.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InventoryInputError } from '../../policies';
import { JsonCursor } from '../../policies/inventory/json-stream';
import { MAX_INPUT_ENV, inputLimits, parseJsonText, readJsonFile } from '../../policies/inventory/read-json';
import { runCli } from '../support/cli';

const change = (over: object = {}, changeOver: object = {}): object => ({
  address: 'azurerm_container_registry.acr',
  mode: 'managed',
  type: 'azurerm_container_registry',
  name: 'acr',
  ...over,
  change: { actions: ['create'], before: null, after: { name: 'acr1' }, after_unknown: {}, ...changeOver },
});
const plan = (changes: unknown): object => ({ format_version: '1.2', resource_changes: changes });

describe('plan and preview input', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'acr-iac-input-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => {
    delete process.env[MAX_INPUT_ENV];
  });

  function write(name: string, content: string | object): string {
    const file = path.join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  }

  /** Runs check and preview on `file`; both must exit 2 with one and the same line. */
  async function bothRefuse(file: string): Promise<string> {
    const check = await runCli('check', file, '--env', 'prod');
    const preview = await runCli('preview', file, '--env', 'prod');
    expect(check.code).toBe(2);
    expect(preview.code).toBe(2);
    expect(check.stderr.trim().split('\n')).toHaveLength(1);
    expect(preview.stderr).toBe(check.stderr);
    expect(check.stdout).toBe('');
    return check.stderr.trim();
  }

  it.each([
    [
      'resource_changes is not a list',
      plan({ a: 1 }),
      'resource_changes: expected a list of resource changes',
    ],
    [
      'an entry without address',
      plan([change({ address: undefined })]),
      'resource_changes[0].address: missing (expected a string)',
    ],
    [
      'an entry without type',
      plan([change({ type: undefined })]),
      'resource_changes[0].type: missing (expected a string)',
    ],
    [
      'an entry without change',
      plan([{ address: 'azurerm_container_registry.acr', type: 'azurerm_container_registry' }]),
      'resource_changes[0].change: missing (expected an object with "actions")',
    ],
    [
      'unknown actions',
      plan([change({}, {}), change({}, { actions: ['create', 'teleport'] })]),
      'resource_changes[1].change.actions: expected a list of "create","update","delete","no-op","read","forget"',
    ],
    [
      'an impossible action list',
      plan([change({}, { actions: ['update', 'delete'] })]),
      'resource_changes[0].change.actions: expected one action, or a replacement ("delete","create" / "create","delete" / "create","forget")',
    ],
    [
      'an after that is not an object',
      plan([change({}, { after: 'x' })]),
      'resource_changes[0].change.after: expected an object or null',
    ],
    [
      'a type that is not the address',
      plan([change({ type: 'null_resource' })]),
      'resource_changes[0]: type: does not match the address',
    ],
    [
      'an address that is not one',
      plan([change({ address: 'azurerm_container_registry' })]),
      'resource_changes[0].address: expected a Terraform resource address such as module.acr.azurerm_container_registry.this["a"]',
    ],
    [
      // Terraform lists each resource instance once: a repeated address is no plan it printed.
      'an address listed twice in resource_changes',
      plan([change(), change({}, { after: { name: 'acr2' } })]),
      'resource_changes[1].address: "azurerm_container_registry.acr" is listed again (first at resource_changes[0]): expected each address once',
    ],
    [
      'an address listed twice in planned_values, in a child module',
      {
        format_version: '1.2',
        planned_values: {
          root_module: {
            child_modules: [
              {
                address: 'module.acr',
                resources: [0, 1].map(() => ({
                  address: 'module.acr.azurerm_container_registry.this',
                  mode: 'managed',
                  type: 'azurerm_container_registry',
                  name: 'this',
                  values: { name: 'acr1' },
                })),
              },
            ],
          },
        },
      },
      'planned_values.root_module.child_modules[0].resources[1].address: "module.acr.azurerm_container_registry.this" is listed again (first at planned_values.root_module.child_modules[0].resources[0]): expected each address once',
    ],
    [
      'a format_version of another major',
      { format_version: '2.0', resource_changes: [] },
      'format_version: unsupported Terraform plan format_version "2.0" (this tool reads 1.x, and 0.x for old files)',
    ],
    [
      'a Terraform state',
      { format_version: '1.0', values: {} },
      'is Terraform state, not a plan: use `terraform show -json <planfile>`',
    ],
    [
      'a step with an unknown op',
      { steps: [{ op: 'teleport', urn: 'urn:pulumi:prod::p::azure-native:containerregistry:Registry::r' }] },
      'steps[0].op: expected one of "same", "create", "update", "delete", "replace", "create-replacement", "delete-replaced", "read", "read-replacement", "refresh", "discard", "discard-replaced", "remove-pending-replace", "import", "import-replacement", "read-discard"',
    ],
    [
      'a step whose newState is not an object',
      {
        steps: [
          {
            op: 'create',
            urn: 'urn:pulumi:prod::p::azure-native:containerregistry:Registry::r',
            newState: 'x',
          },
        ],
      },
      'steps[0].newState: expected an object or null',
    ],
    [
      'a key given twice',
      '{"format_version":"1.2","resource_changes":[],"resource_changes":[]}',
      'resource_changes: appears twice in the same object',
    ],
    [
      'text that is not JSON',
      '{"format_version": "1.2", "resource_changes": [tru',
      'resource_changes[0]: not valid JSON',
    ],
    [
      'a planned_values resource without type (a section preview does not keep)',
      {
        format_version: '1.2',
        planned_values: { root_module: { resources: [{ address: 'azurerm_container_registry.a' }] } },
      },
      'planned_values.root_module.resources[0].type: missing (expected a string)',
    ],
    [
      'a configuration whose resources are not a list',
      { format_version: '1.2', resource_changes: [], configuration: { root_module: { resources: {} } } },
      'configuration.root_module.resources: expected a list',
    ],
  ])('refuses %s in check and preview alike', async (_what, content, message) => {
    const line = await bothRefuse(write('prod.json', content));
    expect(line.startsWith('acr-iac: ')).toBe(true);
    expect(line).toContain(`prod.json: ${message}`);
  });

  it('reads a deposed object beside the current one at the same address', async () => {
    const deposed = change(
      { deposed: '00000001' },
      { actions: ['delete'], before: { name: 'acr1' }, after: null },
    );
    const run = await runCli('check', write('prod.json', plan([change(), deposed])), '--env', 'prod');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
  });

  it.each([
    ['not a list', { suppressions: { rule: 'ACR-001' } }, 'suppressions: expected a list'],
    [
      'a misspelt scope',
      { suppressions: [{ rule: 'ACR-001', enviroment: 'prod', reason: 'long enough reason' }] },
      'suppressions[0]: unknown key "enviroment"',
    ],
    [
      'a rule that is no ID',
      { suppressions: [{ rule: 'acr1', environment: 'prod', reason: 'long enough reason' }] },
      'suppressions[0].rule: expected a rule ID such as ACR-001',
    ],
    [
      'an unknown rule',
      { suppressions: [{ rule: 'ACR-999', environment: 'prod', reason: 'long enough reason' }] },
      'suppressions[0].rule: unknown rule "ACR-999"',
    ],
    ['not JSON', '{"suppressions": [', 'not valid JSON'],
  ])('refuses a suppressions file with %s, naming the path', async (_what, content, message) => {
    const plan = write('prod.json', { format_version: '1.2', resource_changes: [] });
    const file = write('suppressions.json', content);
    const check = await runCli('check', plan, '--env', 'prod', '--suppressions', file);
    expect(check.code).toBe(2);
    expect(check.stderr.trim().split('\n')).toHaveLength(1);
    expect(check.stderr).toContain(`suppressions.json: ${message}`);
  });

  it('accepts unknown extra keys and format_version 0.x (forward and backward compatible)', async () => {
    const file = write('prod.json', {
      format_version: '0.2',
      some_future_section: { a: [1, 2] },
      resource_changes: [change({ future_key: true }, { future_change_key: {} })],
    });
    const check = await runCli('check', file, '--env', 'prod');
    expect(check.stderr).toBe('');
    expect([0, 1]).toContain(check.code);
  });

  it('refuses a FIFO at once instead of hanging on it', async () => {
    const fifo = path.join(dir, 'prod-fifo.json');
    execFileSync('mkfifo', [fifo]);
    expect(await bothRefuse(fifo)).toMatch(/prod-fifo\.json: is not a regular file/);
  });

  it('refuses a folder given as a plan, in one line', async () => {
    const folder = path.join(dir, 'prod.json.d');
    mkdirSync(folder, { recursive: true });
    const preview = await runCli('preview', folder, '--env', 'prod');
    expect(preview.code).toBe(2);
    expect(preview.stderr.trim()).toMatch(/prod\.json\.d: is a folder, expected a JSON file$/);
    const check = await runCli('check', folder, '--env', 'prod');
    expect(check.code).toBe(2);
    expect(check.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a file over the size limit, which ACR_IAC_MAX_INPUT_MB sets', async () => {
    const big = write(
      'prod.json',
      plan(
        Array.from({ length: 9000 }, (_, i) =>
          change({ address: `azurerm_container_registry.a${i}`, name: `a${i}` }),
        ),
      ),
    );
    process.env[MAX_INPUT_ENV] = '1';
    expect(await bothRefuse(big)).toMatch(
      /prod\.json: is larger than the 1 MiB input limit \(set ACR_IAC_MAX_INPUT_MB to raise it, up to 512\)/,
    );
    process.env[MAX_INPUT_ENV] = 'lots';
    expect(await bothRefuse(big)).toMatch(/ACR_IAC_MAX_INPUT_MB must be a whole number of MiB from 1 to 512/);
  });

  it('refuses JSON nested 100,000 deep without a stack overflow', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const text = `{"format_version":"1.2","resource_changes":[{"address":"azurerm_container_registry.acr","type":"azurerm_container_registry","change":{"actions":["create"],"after":{"tags":${deep}}}}]}`;
    expect(await bothRefuse(write('prod.json', text))).toMatch(
      /prod\.json: resource_changes\[0\]: nested deeper than 256 levels, the input limit \(line 1, column \d+\)$/,
    );
    expect(() => parseJsonText(`{"a":${deep}}`, 'cdk.tf.json')).toThrow(
      /cdk\.tf\.json: nested deeper than 256 levels/,
    );
  });

  it('reads a UTF-8 byte order mark, and refuses UTF-16 with the fix', () => {
    expect(parseJsonText('\ufeff{"a":1}', 'x.json')).toEqual({ a: 1 });
    const utf16 = path.join(dir, 'utf16.json');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":1}', 'utf16le')]));
    expect(() => readJsonFile(utf16, 'utf16.json')).toThrow(
      new InventoryInputError(
        'utf16.json: is UTF-16 encoded; save it as UTF-8 (in PowerShell: `| Out-File -Encoding utf8`)',
      ),
    );
  });

  it('names the line and column of a syntax error, never the input text', () => {
    expect(() => parseJsonText('{\n  "a": "s3cr3t",\n  "b": tru\n}', 'x.json')).toThrow(
      /^x\.json: not valid JSON: .*\(line 3, column \d+\)$/,
    );
    expect(() => parseJsonText('{"a": "s3cr3t" x}', 'x.json')).not.toThrow(/s3cr3t/);
    expect(() => parseJsonText('{"a": 1} trailing', 'x.json')).toThrow(/after its value/);
  });

  it('reads pieces across chunk boundaries exactly (strings with escapes and multi-byte text)', () => {
    const values = Array.from({ length: 400 }, (_, i) => ({
      k: `é\\"${'x\\\\'.repeat(i % 37)}"${'€'.repeat(i % 11)}`,
      i,
    }));
    const file = write('chunks.json', { list: values });
    const fd = openSync(file, 'r');
    try {
      const cursor = JsonCursor.fromFile(fd, 'chunks.json', inputLimits(), 64);
      const seen: unknown[] = [];
      cursor.members('', 0, 'an object', (_, p) =>
        cursor.elements(p, 1, 'a list', (_, e) => seen.push(cursor.value(e, 2))),
      );
      cursor.finish();
      expect(seen).toEqual(values);
    } finally {
      closeSync(fd);
    }
  });
});
