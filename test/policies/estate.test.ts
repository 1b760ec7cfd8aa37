/**
 * The synthesized dev -> staging -> prod estate (synthesized once for this file): it passes; tampering
 * the prod stack makes `acr-iac check` exit 1 naming the rules; promotion rules catch skipped hops,
 * weaker environments and push grants into prod; reports are valid and deterministic.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { buildApp } from '../../constructs/cdktf/app';
import { loadEstate } from '../../stacks/estate';
import { runCli } from '../support/cli';
import type { CheckResult, Finding, Inventory } from '../../policies';
import {
  checkInventories,
  checkPaths,
  inventoryFromCdktfJson,
  inventoryFromPlanJson,
  policyConfigFromEstate,
  renderReport,
} from '../../policies';
import { rulesMarkdown } from '../../policies/rules/docs';
import { planFromCdktf } from '../support/plan-from-cdktf';
import type { Edit, Format } from '../support/push-holes';
import { HOLES } from '../support/push-holes';
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
    expect(stdout).toContain('11111111-1111-1111-1111-111111111111 can push (AcrPush) on contosoacrprod');
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
    expect(finding?.message).toBe(
      'dev lets an image into prod past promotion: 11111111-1111-1111-1111-111111111111 can push (AcrPush)',
    );
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
    // The result lands where the registry is declared: the estate module this tree came from.
    const declared = admin.locations[0].physicalLocation;
    expect(declared.artifactLocation.uri).toBe('stacks/environments.ts');
    const estateLines = readFileSync(
      path.join(__dirname, '..', '..', 'stacks', 'environments.ts'),
      'utf8',
    ).split('\n');
    expect(estateLines[declared.region.startLine - 1]).toMatch(/name: 'contosoacrprod'/);
    expect(admin.locations[0].logicalLocations.map((l: Doc) => l.fullyQualifiedName)).toEqual([
      expect.stringMatching(/^azurerm_container_registry\./),
      'prod/registry/registry',
    ]);
    // The generated resource stays as a related location, at the registry's line in the stack file.
    const generated = admin.relatedLocations[0].physicalLocation;
    expect(generated.artifactLocation.uri).toMatch(/stacks\/prod\/cdk\.tf\.json$/);
    const stackLines = readFileSync(path.join(dir, 'stacks', 'prod', 'cdk.tf.json'), 'utf8').split('\n');
    const name = admin.locations[0].logicalLocations[0].fullyQualifiedName.split('.')[1];
    expect(stackLines[generated.region.startLine - 1]).toBe(`      "${name}": {`);
    // The tool names its version and home; each rule links to its documentation.
    const driver = sarif.runs[0].tool.driver;
    expect(driver.version).toBe(
      JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version,
    );
    expect(driver.informationUri).toBe('https://github.com/acr-iac/acr-iac');
    const rule = driver.rules.find((r: Doc) => r.id === 'ACR-001');
    expect(rule.helpUri).toBe('https://github.com/acr-iac/acr-iac/blob/main/docs/rules.md#acr-001');
    expect(readFileSync(path.join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8')).toContain(
      '\n## ACR-001\n',
    );
    const second = path.join(root, 'again.sarif');
    await runCli('check', dir, '--format', 'sarif', '--output', second);
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(file, 'utf8'));
    expect(readFileSync(file, 'utf8')).not.toMatch(/"uri": "\//);
  });

  it('renders text, json, junit and markdown reports from the same result', () => {
    const result = check(tampered('prod', (doc) => (registryOf(doc).admin_enabled = true)));
    const junit = renderReport(result, 'junit');
    // Admin on in prod fails ACR-001, ACR-024 (its credentials can push) and, since staging has it
    // off, the hardening order (ACR-101).
    expect(junit).toMatch(/<testsuites name="acr-iac policy" tests="\d+" failures="3"/);
    expect(junit).toContain('<failure message="The admin user is enabled on contosoacrprod" type="high">');
    const markdown = renderReport(result, 'markdown');
    expect(markdown).toContain('### ❌ acr-iac policy: FAILED: 3 mandatory failures');
    expect(markdown).toMatch(/\| <code>ACR-001<\/code> \| high, mandatory \| prod: <code>/);
    const json = JSON.parse(renderReport(result, 'json'));
    expect(json.passed).toBe(false);
    expect(json.findings.filter((f: Doc) => f.mandatory).map((f: Doc) => f.ruleId)).toEqual([
      'ACR-001',
      'ACR-024',
      'ACR-101',
    ]);
    expect(renderReport(result, 'text')).toContain('FAILED: 3 mandatory failures');
  });

  it('reads in-code suppressions written by addSuppression-style metadata and reports unused ones', () => {
    const dir = tampered('prod', (doc) => {
      // The home-region webhook (one per replica location is created besides it).
      const webhook = (Object.values(doc.resource.azurerm_container_registry_webhook) as Doc[]).find(
        (w) => w.name === 'scannerquarantine',
      ) as Doc;
      webhook.service_uri = 'http://scanner.example.com/acr';
      webhook['//']['acr-iac'] = {
        suppressions: [
          { ruleId: 'ACR-020', reason: 'scanner moves to https with the Q3 upgrade' },
          { ruleId: 'ACR-002', reason: 'nothing to suppress here' },
        ],
      };
    });
    const result = check(dir);
    const http = result.findings.find(
      (f) => f.ruleId === 'ACR-020' && f.environment === 'prod' && f.result !== 'pass',
    );
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

/**
 * The push gate, hole by hole (test/support/push-holes.ts): each fails the check with the rule that
 * names it, in the synthesized output and in the plan JSON of the same stacks.
 */
describe('the push gate', () => {
  const config = policyConfigFromEstate(estate);
  const pristine = (env: string): Doc =>
    JSON.parse(readFileSync(path.join(out, 'stacks', env, 'cdk.tf.json'), 'utf8'));

  /** The inventories of the estate in `format`, with `edit` applied to one stack. */
  function inventories(format: Format, stack?: string, edit?: Edit): Inventory[] {
    return estate.order.map((env) => {
      const doc = pristine(env);
      if (env === stack && edit) edit(doc);
      return format === 'cdktf'
        ? inventoryFromCdktfJson(doc, env, `stacks/${env}/cdk.tf.json`)
        : inventoryFromPlanJson(planFromCdktf(doc), env, `${env}.json`);
    });
  }

  const mandatoryAt = (result: CheckResult, rule: string, address: string): Finding[] =>
    result.findings.filter((f) => f.mandatory && f.ruleId === rule && f.location.address === address);

  describe.each<Format>(['cdktf', 'plan'])('over %s', (format) => {
    it('passes the shipped estate, whose promotion uses the built-in importer role', () => {
      const result = checkInventories(inventories(format), { config });
      expect(result.findings.filter((f) => f.mandatory)).toEqual([]);
      for (const id of ['ACR-103', 'ACR-105', 'ACR-120', 'ACR-121', 'ACR-122', 'ACR-123'])
        expect(result.findings.filter((f) => f.ruleId === id && f.result === 'pass').length).toBeGreaterThan(
          0,
        );
    });

    it.each(HOLES.map((h) => [h.name, h] as const))('fails on %s', (_name, hole) => {
      const result = checkInventories(inventories(format, hole.stack, hole.edit), { config });
      const rule = typeof hole.rule === 'string' ? hole.rule : hole.rule[format];
      expect(mandatoryAt(result, rule, hole.address)).not.toEqual([]);
    });
  });

  /**
   * Image imports (`azapi_resource_action` posting a registry's `importImage`): promotion brings images
   * into an environment only by import from the one before it (DESIGN.md), so prod importing from
   * staging's registry is promotion, staging importing from docker.io is not.
   */
  describe.each<Format>(['cdktf', 'plan'])('imports over %s', (format) => {
    const importImage = (doc: Doc, name: string, source: Record<string, string>): void => {
      const registry = Object.keys(doc.resource.azurerm_container_registry)[0];
      doc.resource.azapi_resource_action = {
        [name]: {
          type: 'Microsoft.ContainerRegistry/registries@2023-07-01',
          resource_id: `\${azurerm_container_registry.${registry}.id}`,
          action: 'importImage',
          body: { source, targetTags: [source.sourceImage] },
        },
      };
    };
    /** Prod imports from staging's registry (its data source in the prod stack); staging from docker.io. */
    function importing(): Inventory[] {
      return estate.order.map((env) => {
        const doc = pristine(env);
        if (env === 'prod') {
          const staging = Object.keys(doc.data.azurerm_container_registry)[0];
          importImage(doc, 'from_staging', {
            resourceId: `\${data.azurerm_container_registry.${staging}.id}`,
            sourceImage: 'payments/api:1.4.2',
          });
        }
        if (env === 'staging')
          importImage(doc, 'nginx', { registryUri: 'docker.io', sourceImage: 'library/nginx:1.27' });
        return format === 'cdktf'
          ? inventoryFromCdktfJson(doc, env, `stacks/${env}/cdk.tf.json`)
          : inventoryFromPlanJson(planFromCdktf(doc), env, `${env}.json`);
      });
    }
    const lines = (result: CheckResult, rules: readonly string[]): string[] =>
      result.findings
        .filter((f) => rules.includes(f.ruleId) && f.result !== 'not-applicable')
        .map((f) => `${f.ruleId} ${f.environment} ${f.result} @ ${f.location.address}: ${f.message}`);

    it('passes the import into prod from staging as promotion and fails staging’s from docker.io', () => {
      const result = checkInventories(importing(), { config });
      const prod = lines(result, ['ACR-024', 'ACR-105', 'ACR-123']).filter((l) => / prod /.test(l));
      expect(prod).toEqual([
        expect.stringMatching(
          /^ACR-024 prod pass @ azurerm_container_registry\.\S+: nothing but promotion can push into contosoacrprod$/,
        ),
        expect.stringMatching(
          /^ACR-105 prod pass @ .*: nothing but promotion can push into prod from another stack/,
        ),
        expect.stringMatching(/^ACR-123 prod pass @ .*: every import aimed at prod can be judged$/),
      ]);
      expect(lines(result, ['ACR-105']).filter((l) => / staging /.test(l))).toEqual([
        'ACR-105 staging fail @ azapi_resource_action.nginx: staging lets an image into staging past promotion: image import azapi_resource_action.nginx imports library/nginx:1.27 from docker.io, which is no Azure container registry of the chain',
      ]);
      expect(mandatoryAt(result, 'ACR-105', 'azapi_resource_action.nginx')).toHaveLength(1);
      expect(result.findings.filter((f) => f.mandatory).map((f) => f.ruleId)).toEqual(['ACR-105']);
    });

    it('fails the import into prod when it copies from dev, skipping staging', () => {
      const inventories = estate.order.map((env) => {
        const doc = pristine(env);
        if (env === 'prod')
          importImage(doc, 'from_dev', {
            registryUri: 'contosoacrdev.azurecr.io',
            sourceImage: 'payments/api:1.4.2',
          });
        return format === 'cdktf'
          ? inventoryFromCdktfJson(doc, env, `stacks/${env}/cdk.tf.json`)
          : inventoryFromPlanJson(planFromCdktf(doc), env, `${env}.json`);
      });
      const result = checkInventories(inventories, { config });
      expect(lines(result, ['ACR-024'])).toEqual([
        'ACR-024 prod fail @ azapi_resource_action.from_dev: image import azapi_resource_action.from_dev imports payments/api:1.4.2 from contosoacrdev, which is no registry of staging, the environment promoted into it (into contosoacrprod, past promotion)',
      ]);
    });
  });

  it('exits 1 on a dev-stack push token into prod read from plan files', async () => {
    const hole = HOLES.find((h) => h.name.startsWith('a push token on prod by registry ID'))!;
    const dir = path.join(root, 'plans');
    mkdirSync(dir, { recursive: true });
    for (const env of estate.order) {
      const doc = pristine(env);
      if (env === hole.stack) hole.edit(doc);
      writeFileSync(path.join(dir, `${env}.json`), JSON.stringify(planFromCdktf(doc)));
    }
    const { code, stdout } = await runCli(
      'check',
      ...estate.order.map((env) => path.join(dir, `${env}.json`)),
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL ACR-105 .*token ci-push-prod can push \(_repositories_push/);
  });
});
