/**
 * The synthesized dev -> staging -> prod estate (synthesized once for this file): it passes; tampering
 * the prod stack makes `acr-iac check` exit 1 naming the rules; promotion rules catch skipped hops,
 * weaker environments and push grants into prod; reports are valid and deterministic.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { buildApp } from '../../constructs/cdktf/app';
import { loadEstate } from '../../stacks/estate';
import { runCli } from '../support/cli';
import type { CheckResult } from '../../policies';
import { checkPaths, policyConfigFromEstate, renderReport } from '../../policies';
import { rulesMarkdown } from '../../policies/rules/docs';
import type { Doc } from './helpers';
import { FIXTURES } from './helpers';

const estate = loadEstate();
let root: string;
let out: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'acr-policy-'));
  out = path.join(root, 'pristine');
  buildApp(estate, out).app.synth();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the synthesized output with `edit` applied to one stack. */
function tampered(env: string, edit: (doc: Doc) => void): string {
  const dir = path.join(root, `t${Math.random().toString(36).slice(2)}`);
  cpSync(out, dir, { recursive: true });
  const file = path.join(dir, 'stacks', env, 'cdk.tf.json');
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  edit(doc);
  writeFileSync(file, JSON.stringify(doc, null, 2)); // laid out as cdktf writes it
  return dir;
}

const registryOf = (doc: Doc): Doc => Object.values(doc.resource.azurerm_container_registry)[0];

function check(dir: string): CheckResult {
  return checkPaths([dir], { config: policyConfigFromEstate(estate), cwd: root });
}

function failed(result: CheckResult, env?: string): string[] {
  return [
    ...new Set(
      result.findings
        .filter((f) => f.result === 'fail' && (!env || f.environment === env))
        .map((f) => f.ruleId),
    ),
  ].sort();
}

describe('the synthesized estate', () => {
  it('passes: only the advisory CMK rule fails, nothing is mandatory', () => {
    const result = check(out);
    expect(result.environments.map((e) => [e.name, e.enforcement, e.posture])).toEqual([
      ['dev', 'advisory', 'baseline'],
      ['staging', 'mandatory', 'hardened'],
      ['prod', 'mandatory', 'production'],
    ]);
    expect(failed(result)).toEqual(['ACR-016']);
    expect(result.mandatoryFailures).toBe(0);
    for (const id of ['ACR-101', 'ACR-102', 'ACR-103', 'ACR-104', 'ACR-105']) {
      expect(result.findings.filter((f) => f.ruleId === id && f.result === 'pass').length).toBeGreaterThan(0);
    }
  });

  it('check exits 1 naming the rules when prod is tampered with', async () => {
    const dir = tampered('prod', (doc) => {
      const registry = registryOf(doc);
      registry.public_network_access_enabled = true;
      registry.admin_enabled = true;
      registry.georeplications.pop();
      doc.resource.azurerm_role_assignment.ci_push = {
        scope: `\${azurerm_container_registry.${Object.keys(doc.resource.azurerm_container_registry)[0]}.id}`,
        role_definition_name: 'AcrPush',
        principal_id: '11111111-1111-1111-1111-111111111111',
        principal_type: 'ServicePrincipal',
      };
    });
    const { code, stdout } = await runCli('check', dir);
    expect(code).toBe(1);
    for (const id of ['ACR-001', 'ACR-003', 'ACR-008', 'ACR-024'])
      expect(stdout).toMatch(new RegExp(`FAIL ${id} `));
    expect(stdout).toContain('contosoacrprod has no replica in swedencentral, a required replica region');
    expect(stdout).toContain('11111111-1111-1111-1111-111111111111 can push into contosoacrprod (AcrPush)');
  });

  it('check exits 0 on the pristine output and 2 on unusable input, one line, no stack trace', async () => {
    expect((await runCli('check', out)).code).toBe(0);
    const missing = await runCli('check', path.join(root, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const malformed = await runCli('check', path.join(FIXTURES, 'malformed.txt'), '--env', 'dev');
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/malformed\.txt: (\S+: )?not valid JSON/);
    expect(malformed.stderr).not.toMatch(/\n\s+at /);
    const future = await runCli('check', path.join(FIXTURES, 'future.plan.json'), '--env', 'dev');
    expect(future.stderr).toMatch(
      /future\.plan\.json: format_version: unsupported Terraform plan format_version "2.0"/,
    );
    const unknownFormat = await runCli('check', path.join(FIXTURES, 'suppressions.json'), '--env', 'dev');
    expect(unknownFormat.code).toBe(2);
    expect(unknownFormat.stderr).toMatch(/unknown format/);
  });

  it('catches prod importing straight from dev', () => {
    const dir = tampered('prod', (doc) => {
      const data = Object.values(doc.data.azurerm_container_registry)[0] as Doc;
      data.name = 'contosoacrdev';
      data.resource_group_name = 'rg-acr-dev';
    });
    const result = check(dir);
    expect(failed(result, 'prod')).toEqual(expect.arrayContaining(['ACR-102', 'ACR-104']));
    const messages = result.findings
      .filter((f) => f.ruleId === 'ACR-104' && f.result === 'fail')
      .map((f) => f.message);
    expect(messages).toContain(
      'id-promote-staging-to-prod can import into prod and pull from dev: prod can import straight from dev, skipping staging',
    );
    expect(result.mandatoryFailures).toBeGreaterThan(0);
  });

  it('catches a staging weaker than dev', () => {
    const dir = tampered('staging', (doc) => {
      registryOf(doc).anonymous_pull_enabled = true;
    });
    const result = check(dir);
    const messages = result.findings
      .filter((f) => f.ruleId === 'ACR-101' && f.result === 'fail')
      .map((f) => f.message);
    expect(messages).toEqual(['staging is weaker than dev on anonymous pull disabled']);
  });

  it('catches a CI identity granted AcrPush on prod from the dev stack', () => {
    const dir = tampered('dev', (doc) => {
      doc.data = {
        azurerm_container_registry: { prod: { name: 'contosoacrprod', resource_group_name: 'rg-acr-prod' } },
      };
      doc.resource.azurerm_role_assignment.ci_prod = {
        scope: '${data.azurerm_container_registry.prod.id}',
        role_definition_name: 'AcrPush',
        principal_id: '11111111-1111-1111-1111-111111111111',
      };
    });
    const result = check(dir);
    const finding = result.findings.find((f) => f.ruleId === 'ACR-105' && f.result === 'fail');
    expect(finding?.message).toBe('dev grants 11111111-1111-1111-1111-111111111111 push into prod');
    expect(finding?.mandatory).toBe(true);
  });

  it('writes SARIF 2.1.0 that validates against the schema, deterministically', async () => {
    const dir = tampered('prod', (doc) => (registryOf(doc).admin_enabled = true));
    const file = path.join(root, 'report.sarif');
    const { code } = await runCli('check', dir, '--format', 'sarif', '--output', file);
    expect(code).toBe(1);
    const sarif = JSON.parse(readFileSync(file, 'utf8'));
    const schema = JSON.parse(
      readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
    );
    // The schema is written in draft-04 style (`id`, one pattern invalid under the u flag); Ajv 8 wants `$id`.
    const { $schema: _meta, id, ...body } = schema;
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile({ ...body, $id: id });
    const valid = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The validator is not vacuous: a result without a message is rejected.
    expect(validate({ ...sarif, runs: [{ ...sarif.runs[0], results: [{ ruleId: 'ACR-001' }] }] })).toBe(
      false,
    );
    const admin = sarif.runs[0].results.find((r: Doc) => r.ruleId === 'ACR-001');
    expect(admin.level).toBe('error');
    expect(admin.locations[0].physicalLocation.artifactLocation.uri).toMatch(/stacks\/prod\/cdk\.tf\.json$/);
    expect(admin.locations[0].logicalLocations.map((l: Doc) => l.fullyQualifiedName)).toEqual([
      expect.stringMatching(/^azurerm_container_registry\./),
      'prod/registry/registry',
    ]);
    // The result points at the registry's line in the stack file (GitHub annotates that line).
    const stackLines = readFileSync(path.join(dir, 'stacks', 'prod', 'cdk.tf.json'), 'utf8').split('\n');
    const name = admin.locations[0].logicalLocations[0].fullyQualifiedName.split('.')[1];
    expect(stackLines[admin.locations[0].physicalLocation.region.startLine - 1]).toBe(`      "${name}": {`);
    const second = path.join(root, 'again.sarif');
    await runCli('check', dir, '--format', 'sarif', '--output', second);
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(file, 'utf8'));
    expect(readFileSync(file, 'utf8')).not.toMatch(/"uri": "\//);
  });

  it('renders text, json, junit and markdown reports from the same result', () => {
    const result = check(tampered('prod', (doc) => (registryOf(doc).admin_enabled = true)));
    const junit = renderReport(result, 'junit');
    // Admin on in prod fails ACR-001 and, since staging has it off, the hardening order (ACR-101).
    expect(junit).toMatch(/<testsuites name="acr-iac policy" tests="\d+" failures="2"/);
    expect(junit).toContain('<failure message="The admin user is enabled on contosoacrprod" type="high">');
    const markdown = renderReport(result, 'markdown');
    expect(markdown).toContain('### ❌ acr-iac policy: FAILED: 2 mandatory failures');
    expect(markdown).toMatch(/\| ACR-001 \| high \| mandatory \| prod \|/);
    const json = JSON.parse(renderReport(result, 'json'));
    expect(json.passed).toBe(false);
    expect(json.findings.filter((f: Doc) => f.mandatory).map((f: Doc) => f.ruleId)).toEqual([
      'ACR-001',
      'ACR-101',
    ]);
    expect(renderReport(result, 'text')).toContain('FAILED: 2 mandatory failures');
  });

  it('reads in-code suppressions written by addSuppression-style metadata and reports unused ones', () => {
    const dir = tampered('prod', (doc) => {
      const webhook = Object.values(doc.resource.azurerm_container_registry_webhook)[0] as Doc;
      webhook.service_uri = 'http://scanner.example.com/acr';
      webhook['//']['acr-iac'] = {
        suppressions: [
          { ruleId: 'ACR-020', reason: 'scanner moves to https with the Q3 upgrade' },
          { ruleId: 'ACR-002', reason: 'nothing to suppress here' },
        ],
      };
    });
    const result = check(dir);
    const http = result.findings.find((f) => f.ruleId === 'ACR-020' && f.environment === 'prod');
    expect(http?.result).toBe('suppressed');
    expect(http?.message).toBe('webhook scannerquarantine sends to http://scanner.example.com, not https');
    expect(http?.suppression).toEqual({
      reason: 'scanner moves to https with the Q3 upgrade',
      origin: 'code',
      declaredAt: 'prod/registry/webhook-scannerquarantine/webhook',
    });
    expect(renderReport(result, 'text')).toContain('SUPPRESSED ACR-020');
    expect(result.mandatoryFailures).toBe(0);
    expect(result.unusedSuppressions.map((u) => u.suppression.ruleId)).toEqual(['ACR-002']);
  });

  it('docs/rules.md is generated from the catalogue and up to date', () => {
    const file = path.join(__dirname, '..', '..', 'docs', 'rules.md');
    expect(readFileSync(file, 'utf8')).toBe(rulesMarkdown());
  });
});
