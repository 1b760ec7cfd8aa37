/**
 * Inputs this project did not generate (test/fixtures/foreign/): hand-written Terraform JSON in both
 * body forms, a multi-file root module with variables and dynamic blocks, a module-only root, an
 * AVM-style root module in HCL, the Azure Verified Module installed by `terraform init` with three of its
 * own examples (registry tokens with passwords, a private endpoint whose zone has no VNet link, cache
 * rules with a credential set of Key Vault secrets), v3-era syntax, attachments across files, deploy-time resources (tasks,
 * agent pools, cache rules, an azapi update) that variables may or may not create, azapi updates of a
 * registry's attachments beside a generic resource whose type a variable decides, runs of ACR tasks
 * (azurerm's run-now, azapi task runs) of tasks the input does and does not declare, and a registry
 * seeded by `local-exec` `az acr import` commands (provisioners). Each folder's expected.json
 * writes down, per rule, the outcome azurerm v4's semantics give (FACTS.md), with the reason; every
 * rule of the catalogue that is not listed must say nothing.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { CheckResult, Finding } from '../../policies';
import { RULES, checkPaths, renderReport } from '../../policies';
import { hclFilesOf, readHclFiles } from '../../policies/inventory/terraform-json/hcl';

const ROOT = path.join(__dirname, '..', 'fixtures', 'foreign');

type Result = Finding['result'];

interface Expected {
  readonly input: string;
  readonly env?: string;
  readonly vars?: string[];
  readonly varFiles?: string[];
  /** Another fixture whose findings these must equal (same configuration in another form). */
  readonly sameAs?: string;
  readonly verdict: string;
  readonly unchecked?: string[];
  readonly rules: Readonly<
    Record<
      string,
      {
        readonly result: Result | Result[];
        readonly why: string;
        readonly at?: Readonly<Record<string, Result>>;
      }
    >
  >;
}

const CONFIG = {
  order: ['dev', 'staging', 'prod'],
  allowedRegions: ['westeurope', 'northeurope', 'swedencentral'],
};

// Configuration fixtures, one folder each with its expected.json (plans/ holds the plan corpus, tested
// by foreign-plans.test.ts). A folder may write down more inputs inside it, one `expected.<name>.json`
// each, named `<folder>/<name>` here.
const fixtures = readdirSync(ROOT)
  .filter((name) => !name.includes('.') && existsSync(path.join(ROOT, name, 'expected.json')))
  .flatMap((folder) => [
    folder,
    ...readdirSync(path.join(ROOT, folder))
      .map((file) => /^expected\.([\w-]+)\.json$/.exec(file)?.[1])
      .filter((name): name is string => name !== undefined)
      .map((name) => `${folder}/${name}`),
  ])
  .sort();

async function check(name: string): Promise<{ expected: Expected; result: CheckResult }> {
  const [folder, more] = name.split('/');
  const dir = path.join(ROOT, folder);
  const file = more === undefined ? 'expected.json' : `expected.${more}.json`;
  const expected = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Expected;
  const varFiles = (expected.varFiles ?? []).map((f) => path.join(dir, f));
  const hcl = await readHclFiles(hclFilesOf([expected.input], varFiles, dir), (f) => path.relative(dir, f));
  const result = checkPaths([expected.input], {
    cwd: dir,
    config: CONFIG,
    ...(expected.env ? { environment: expected.env } : {}),
    vars: expected.vars ?? [],
    varFiles,
    hcl,
  });
  return { expected, result };
}

const results = new Map<string, { expected: Expected; result: CheckResult }>();
beforeAll(async () => {
  for (const name of fixtures) results.set(name, await check(name));
});

function outcomes(findings: readonly Finding[], ruleId: string): Result[] {
  return [...new Set(findings.filter((f) => f.ruleId === ruleId).map((f) => f.result))].sort();
}

describe.each(fixtures)('foreign input %s', (name) => {
  it('gives every rule the outcome written down for it', () => {
    const { expected, result } = results.get(name) as { expected: Expected; result: CheckResult };
    const actual: Record<string, Result[] | string> = {};
    const wanted: Record<string, Result[] | string> = {};
    for (const rule of RULES) {
      const want = expected.rules[rule.id];
      wanted[rule.id] = want ? [want.result].flat().sort() : 'nothing';
      const got = outcomes(result.findings, rule.id);
      actual[rule.id] = got.length > 0 ? got : 'nothing';
    }
    expect(actual).toEqual(wanted);
  });

  it('puts findings where they are written down, and gives the verdict', () => {
    const { expected, result } = results.get(name) as { expected: Expected; result: CheckResult };
    for (const [ruleId, want] of Object.entries(expected.rules)) {
      for (const [address, outcome] of Object.entries(want.at ?? {})) {
        const at = result.findings.filter((f) => f.ruleId === ruleId && f.location.address === address);
        expect({ ruleId, address, results: [...new Set(at.map((f) => f.result))] }).toEqual({
          ruleId,
          address,
          results: [outcome],
        });
      }
    }
    expect(renderReport(result, 'text')).toContain(expected.verdict);
    expect(result.unchecked).toEqual(expected.unchecked ?? []);
  });

  it('never leaves an unknown without its reason', () => {
    const { result } = results.get(name) as { expected: Expected; result: CheckResult };
    const bare = result.findings.filter(
      (f) => f.result === 'unknown' && /only known after apply$/.test(f.message),
    );
    expect(bare.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
  });
});

it.each(fixtures.filter((name) => name !== 'object-form'))(
  '%s, written in another form, gives the same findings when it says so',
  (name) => {
    const { expected, result } = results.get(name) as { expected: Expected; result: CheckResult };
    if (!expected.sameAs) return;
    const other = results.get(expected.sameAs) as { result: CheckResult };
    const key = (f: Finding) => `${f.ruleId} ${f.result} ${f.location.address} ${f.message}`;
    expect(result.findings.map(key)).toEqual(other.result.findings.map(key));
  },
);
