/**
 * Registries and attachments created with `azapi_resource` (ARM type `<type>@<api-version>`, `parent_id`,
 * `body`): a hand-written root module where everything is azapi (test/fixtures/foreign/azapi-root), an
 * azurerm registry with azapi attachments, one with a JSON-string body of azapi 1.x and one whose
 * parent_id is a variable without a value (azapi-mixed), and a plan whose child module creates an azapi
 * registry and its attachments (plans/azapi-module.plan.json). The expected outcomes come from ARM
 * semantics (the Microsoft.ContainerRegistry REST spec defaults, azapi's parent_id/body rules), written
 * independently of the checker; an azapi resource is judged like its azurerm twin.
 *
 * The same fixtures are also picked up by foreign.test.ts and foreign-plans.test.ts (they find every
 * folder with an expected.json and every *.plan.json); this file keeps the azapi corpus in one place.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CheckResult, Finding } from '../../policies';
import { RULES, checkPaths, renderReport } from '../../policies';
import { hclFilesOf, readHclFiles } from '../../policies/inventory/terraform-json/hcl';

const FOREIGN = path.join(__dirname, '..', 'fixtures', 'foreign');

type Result = Finding['result'];

interface ModuleExpected {
  readonly input: string;
  readonly env: string;
  readonly verdict: string;
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

interface PlanExpected {
  readonly environment: string;
  readonly order: readonly string[];
  readonly expected: readonly { rule: string; at: string; result: Result | 'absent'; why: string }[];
}

/** The configuration foreign.test.ts judges root modules with. */
const CONFIG = {
  order: ['dev', 'staging', 'prod'],
  allowedRegions: ['westeurope', 'northeurope', 'swedencentral'],
};

const MODULES = ['azapi-root', 'azapi-mixed'];

async function checkModule(name: string): Promise<{ expected: ModuleExpected; result: CheckResult }> {
  const dir = path.join(FOREIGN, name);
  const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as ModuleExpected;
  const hcl = await readHclFiles(hclFilesOf([expected.input], [], dir), (f) => path.relative(dir, f));
  const result = checkPaths([expected.input], {
    cwd: dir,
    config: CONFIG,
    environment: expected.env,
    vars: [],
    varFiles: [],
    hcl,
  });
  return { expected, result };
}

function outcomes(findings: readonly Finding[], ruleId: string, address?: string): Result[] {
  const found = findings.filter(
    (f) => f.ruleId === ruleId && (address === undefined || f.location.address === address),
  );
  return [...new Set(found.map((f) => f.result))].sort();
}

const checked = new Map<string, { expected: ModuleExpected; result: CheckResult }>();
beforeAll(async () => {
  for (const name of MODULES) checked.set(name, await checkModule(name));
});

describe.each(MODULES)('azapi root module %s', (name) => {
  const get = () => checked.get(name) as { expected: ModuleExpected; result: CheckResult };

  it('gives every rule the outcome ARM semantics give it', () => {
    const { expected, result } = get();
    const actual: Record<string, Result[] | 'nothing'> = {};
    const wanted: Record<string, Result[] | 'nothing'> = {};
    for (const rule of RULES) {
      const want = expected.rules[rule.id];
      wanted[rule.id] = want ? [want.result].flat().sort() : 'nothing';
      const got = outcomes(result.findings, rule.id);
      actual[rule.id] = got.length > 0 ? got : 'nothing';
    }
    expect(actual).toEqual(wanted);
  });

  it('places the findings at the azapi resources, and gives the verdict', () => {
    const { expected, result } = get();
    for (const [ruleId, want] of Object.entries(expected.rules))
      for (const [address, outcome] of Object.entries(want.at ?? {}))
        expect({ ruleId, address, results: outcomes(result.findings, ruleId, address) }).toEqual({
          ruleId,
          address,
          results: [outcome],
        });
    expect(renderReport(result, 'text')).toContain(expected.verdict);
    expect(result.unchecked).toEqual([]);
  });
});

it('fails ACR-005 on azapi-mixed for the manual connection, not for a missing endpoint', () => {
  // A manualPrivateLinkServiceConnections entry stays Pending until the registry owner approves it
  // (Azure Policy e8eef0a8 counts Approved connections only); the endpoint itself is there.
  const { result } = checked.get('azapi-mixed') as { result: CheckResult };
  const messages = result.findings.filter((f) => f.ruleId === 'ACR-005').map((f) => f.message);
  expect(messages).toEqual([expect.stringMatching(/manual/i)]);
});

describe('azapi plan: a child module creates the registry and its attachments', () => {
  const dir = path.join(FOREIGN, 'plans');
  const spec = JSON.parse(readFileSync(path.join(dir, 'azapi-module.expected.json'), 'utf8')) as PlanExpected;
  const result = checkPaths([path.join(dir, 'azapi-module.plan.json')], {
    environment: spec.environment,
    config: { order: [...spec.order] },
  });

  it.each(spec.expected.map((e) => [`${e.rule} ${e.at}: ${e.result}`, e] as const))('%s', (_, e) => {
    expect(outcomes(result.findings, e.rule, e.at)).toEqual(e.result === 'absent' ? [] : [e.result]);
  });
});
