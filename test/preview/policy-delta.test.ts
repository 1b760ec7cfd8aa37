/**
 * The policy delta of `acr-iac preview`: base and head judged alike (the estate's config), failures
 * matched by rule, environment and resource identity, shown as new, fixed and unchanged; `--fail-on`
 * gates the exit status. Trees and plans are hand-written fixtures, changed here; what fails follows
 * the rules' semantics (admin user on fails ACR-001; 30 days of retention passes ACR-012).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deltaBy, failureKey } from '../../preview';
import { runCli } from '../support/cli';
import { visibleText } from '../support/gfm';
import { expectGolden, FIXTURES, planFixture } from './helpers';

const ESTATE = join(__dirname, '..', '..', 'stacks', 'environments.ts');

describe('deltaBy', () => {
  it('pairs equal keys one to one and ignores everything else', () => {
    const key = (f: { ruleId: string; environment: string; resource: string }): string => failureKey(f);
    const f = (
      ruleId: string,
      resource: string,
      message = '',
    ): { ruleId: string; environment: string; resource: string; message: string } => ({
      ruleId,
      environment: 'prod',
      resource,
      message,
    });
    const delta = deltaBy(
      [f('ACR-001', 'a', 'old words'), f('ACR-007', 'b'), f('ACR-007', 'b'), f('ACR-012', 'c')],
      [f('ACR-001', 'a', 'new words'), f('ACR-007', 'b'), f('ACR-003', 'a')],
      key,
    );
    expect(delta.new.map((x) => x.ruleId)).toEqual(['ACR-003']);
    expect(delta.unchanged.map((x) => x.ruleId)).toEqual(['ACR-001', 'ACR-007']);
    expect(delta.fixed.map((x) => x.ruleId)).toEqual(['ACR-007', 'ACR-012']);
  });
});

describe('acr-iac preview with a base', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'acr-delta-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A copy of the base tree with the prod registry changed by `edit`. */
  function headTree(edit: (registry: Record<string, unknown>) => void, name = 'head'): string {
    const head = join(dir, name);
    cpSync(join(FIXTURES, 'synth', 'base'), head, { recursive: true });
    const file = join(head, 'stacks', 'prod', 'cdk.tf.json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    edit(doc.resource.azurerm_container_registry.registry_4C1A2B3D);
    writeFileSync(file, JSON.stringify(doc, null, 2));
    return head;
  }

  function policySection(comment: string): string {
    return comment.slice(comment.indexOf('### Policy'), comment.indexOf('### Estimated monthly cost'));
  }

  const base = join(FIXTURES, 'synth', 'base');

  /** `acr-iac preview --base <fixture> --head <head> --estate <shipped> ...flags`. */
  const previewTrees = (head: string, ...flags: string[]) =>
    runCli('preview', '--base', base, '--head', head, '--estate', ESTATE, ...flags);

  it('shows new, fixed and unchanged failures of a synth pair (golden)', async () => {
    const head = headTree((registry) => {
      registry.admin_enabled = true; // ACR-001 and ACR-024 fail
      registry.retention_policy_in_days = 30; // ACR-012 passes
    });
    const result = await previewTrees(head);
    expect(result.code).toBe(0);
    const section = policySection(result.stdout);
    expectGolden('delta-synth.md.golden', section.replace(/\d+ passed/, 'N passed'));
    const text = visibleText(section);
    // Admin user on fails ACR-001 and ACR-024 (its credentials can push), and prod is now weaker than
    // staging (ACR-101).
    expect(text).toMatch(/3 new failures \(3 mandatory\), 1 fixed, \d+ unchanged/);
    expect(text).toContain(
      'ACR-001 Admin user is disabled. prod: azurerm_container_registry.registry_4C1A2B3D',
    );
    expect(text).toMatch(/Fixed by this change \(1\)\s+ACR-012 /);
    // Unchanged failures are folded away.
    expect(section).toMatch(/<details><summary>Unchanged: failing on the base too \(\d+\)<\/summary>/);
  });

  it('gates on new mandatory failures only with --fail-on new, on all with any', async () => {
    const worse = headTree((registry) => (registry.admin_enabled = true));
    const same = headTree(() => undefined, 'same');
    expect((await previewTrees(worse, '--fail-on', 'new')).code).toBe(1);
    expect((await previewTrees(same, '--fail-on', 'new')).code).toBe(0); // base failures are not this PR's
    expect((await previewTrees(same, '--fail-on', 'any')).code).toBe(1);
    expect((await previewTrees(worse, '--fail-on', 'none')).code).toBe(0);
  });

  it('compares two sets of plans (--base-plan)', async () => {
    const basePlan = join(dir, 'base', 'prod.json');
    const headPlan = join(dir, 'prod.json');
    const plan = JSON.parse(readFileSync(planFixture('prod.tfplan.json'), 'utf8'));
    cpSync(planFixture('prod.tfplan.json'), basePlan);
    const registry = plan.resource_changes.find(
      (r: { address: string }) => r.address === 'azurerm_container_registry.registry',
    );
    registry.change.after.admin_enabled = true;
    writeFileSync(headPlan, JSON.stringify(plan));
    const result = await runCli(
      'preview',
      headPlan,
      '--base-plan',
      basePlan,
      '--estate',
      ESTATE,
      '--fail-on',
      'new',
    );
    expect(result.code).toBe(1);
    const section = policySection(result.stdout);
    expectGolden('delta-plans.md.golden', section.replace(/\d+ passed/, 'N passed'));
    // ACR-001 and ACR-024: the admin user's credentials can push.
    expect(visibleText(section)).toMatch(/2 new failures \(2 mandatory\), 0 fixed, \d+ unchanged/);
  });

  it('refuses a base plan that is malformed or not a plan, with the line a head plan gets (exit 2)', async () => {
    const malformed = join(dir, 'broken.json');
    writeFileSync(malformed, '{"resource_changes": [');
    const cdktf = join(FIXTURES, '..', 'policies', 'prod.cdk.tf.json');
    for (const [base, message] of [
      [malformed, /broken\.json: .*not valid JSON/],
      [
        cdktf,
        /prod\.cdk\.tf\.json: is a synthesized cdk\.tf\.json, not a plan: use --base <dir> --head <dir>/,
      ],
    ] as const) {
      const asBase = await runCli(
        'preview',
        planFixture('prod.tfplan.json'),
        '--base-plan',
        base,
        '--env',
        'prod',
      );
      const asHead = await runCli('preview', base, '--env', 'prod');
      expect(asBase.code).toBe(2);
      expect(asBase.stdout).toBe('');
      expect(asBase.stderr).toMatch(message);
      expect(asBase.stderr.split('\n')).toHaveLength(2);
      expect(asBase.stderr).toBe(asHead.stderr);
    }
  });

  it('refuses --fail-on new without a base, and an unknown --fail-on (exit 2)', async () => {
    const noBase = await runCli('preview', planFixture('prod.tfplan.json'), '--fail-on', 'new');
    expect(noBase.code).toBe(2);
    expect(noBase.stderr).toMatch(/--fail-on new needs a base/);
    const bad = await runCli('preview', planFixture('prod.tfplan.json'), '--fail-on', 'sometimes');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--fail-on must be one of new, any, none/);
  });

  it('writes the counts to $GITHUB_OUTPUT', async () => {
    const output = join(dir, 'github-output');
    writeFileSync(output, '');
    process.env.GITHUB_OUTPUT = output;
    try {
      const head = headTree((registry) => (registry.admin_enabled = true));
      const result = await previewTrees(head, '--github-output');
      expect(result.code).toBe(0);
    } finally {
      delete process.env.GITHUB_OUTPUT;
    }
    const lines = readFileSync(output, 'utf8');
    expect(lines).toMatch(
      /^dangers=1\nnew-failures=3\nnew-mandatory-failures=3\nfixed-failures=0\nmandatory-failures=\d+\n$/,
    );
  });
});
