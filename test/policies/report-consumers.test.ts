/**
 * Reports fit the tools that read them: JUnit validates against the Jenkins xUnit junit-10.xsd (vendored,
 * test/fixtures/vendor/) with libxml2's xmllint (wasm build), carries times and no attributes that
 * schema rejects; `check --base --fail-on new` gates on new mandatory failures only.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { renderReport } from '../../policies';
import { runCli } from '../support/cli';
import type { Doc } from './helpers';
import { evaluateDoc, fixture, FIXTURES } from './helpers';

const XSD = readFileSync(path.join(__dirname, '..', 'fixtures', 'vendor', 'junit-10.xsd'), 'utf8');

async function junitErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [XSD] });
  return result.errors.map((e) => e.rawMessage);
}

describe('JUnit report', () => {
  const doc: Doc = fixture('prod.cdk.tf.json');
  doc.resource.azurerm_container_registry.registry.admin_enabled = true;
  doc.resource.azurerm_container_registry.registry.tags = { note: 'a < b & "c" \u0001' };
  const junit = renderReport(evaluateDoc(doc), 'junit');

  it('validates against the Jenkins xUnit schema', async () => {
    expect(await junitErrors(junit)).toEqual([]);
  });

  it('the schema check is not vacuous: the attributes it rejects are caught', async () => {
    const rejected = junit.replace(
      '<testsuites name="acr-iac policy"',
      '<testsuites skipped="1" name="acr-iac policy"',
    );
    expect((await junitErrors(rejected)).join('\n')).toMatch(/skipped/);
  });

  it('has a time on every suite and case, and the failure names file and resource', () => {
    const cases = junit.match(/<testcase [^>]*>/g) ?? [];
    expect(cases.length).toBeGreaterThan(10);
    expect(cases.every((c) => c.includes(' time="0"') && !c.includes(' file='))).toBe(true);
    expect((junit.match(/<testsuite [^>]*>/g) ?? []).every((s) => s.includes(' time="0"'))).toBe(true);
    expect(junit).toMatch(
      /<failure message="The admin user is enabled on [^"]+" type="high">[^<]*at stacks\/prod\/cdk\.tf\.json: azurerm_container_registry\.registry/,
    );
  });
});

describe('check --base --fail-on new', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'acr-check-base-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function stack(name: string, edit: (doc: Doc) => void): string {
    const file = path.join(dir, name, 'prod.cdk.tf.json');
    cpSync(path.join(FIXTURES, 'prod.cdk.tf.json'), file);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    edit(doc);
    writeFileSync(file, JSON.stringify(doc, null, 2));
    return file;
  }

  it('fails only on mandatory failures the base did not have', async () => {
    const base = stack(
      'base',
      (d) => (d.resource.azurerm_container_registry.registry.anonymous_pull_enabled = true),
    );
    const same = stack(
      'same',
      (d) => (d.resource.azurerm_container_registry.registry.anonymous_pull_enabled = true),
    );
    const worse = stack('worse', (d) => {
      d.resource.azurerm_container_registry.registry.anonymous_pull_enabled = true;
      d.resource.azurerm_container_registry.registry.admin_enabled = true;
    });
    const run = (head: string, ...flags: string[]) =>
      runCli('check', head, '--env', 'prod', '--order', 'prod', '--base', base, ...flags);
    const unchanged = await run(same, '--fail-on', 'new');
    expect(unchanged.code).toBe(0);
    expect(unchanged.stderr).toContain('0 new mandatory failures (1 also on the base, 0 fixed)');
    const added = await run(worse, '--fail-on', 'new');
    expect(added.code).toBe(1);
    // The admin user fails ACR-001 and, since its credentials can push, ACR-024.
    expect(added.stderr).toContain('2 new mandatory failures (1 also on the base, 0 fixed)');
    expect((await run(same)).code).toBe(1); // default --fail-on any: the base's failure still gates
    expect((await run(worse, '--fail-on', 'none')).code).toBe(0);
  });

  it('refuses --fail-on new without --base', async () => {
    const result = await runCli(
      'check',
      path.join(FIXTURES, 'prod.cdk.tf.json'),
      '--env',
      'prod',
      '--fail-on',
      'new',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--fail-on new needs --base/);
  });
});
