/**
 * Plans and Pulumi previews this project did not generate (test/fixtures/foreign/plans and
 * previews): registries and attachments in child modules, module instances and for_each instances
 * are judged like root resources, every way a plan removes a registry in production fails the
 * deletion gate (ACR-115), resources registered under older azure-native type tokens are the same
 * resources, and a secret value shown only as [secret] decides nothing.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPORT_FORMATS, checkPaths, renderReport } from '../../policies';

const FOREIGN = path.join(__dirname, '..', 'fixtures', 'foreign');
const DIR = path.join(FOREIGN, 'plans');

interface Expectation {
  readonly rule: string;
  readonly at: string;
  readonly result: string;
  readonly why: string;
}

interface Expected {
  readonly environment: string;
  readonly order: readonly string[];
  readonly expected: readonly Expectation[];
}

/** Each input beside its `<name>.expected.json`: `[folder, name, input file]`. */
const INPUTS = [
  ['plans', '.plan.json'],
  ['previews', '.preview.json'],
].flatMap(([folder, suffix]) =>
  readdirSync(path.join(FOREIGN, folder))
    .filter((file) => file.endsWith(suffix))
    .map((file) => [folder, file.slice(0, -suffix.length), file]),
);

describe.each(INPUTS)('foreign %s: %s', (folder, name, file) => {
  const dir = path.join(FOREIGN, folder);
  const spec = JSON.parse(readFileSync(path.join(dir, `${name}.expected.json`), 'utf8')) as Expected;
  const result = checkPaths([path.join(dir, file)], {
    environment: spec.environment,
    config: { order: [...spec.order] },
  });

  it.each(spec.expected.map((e) => [`${e.rule} ${e.at}: ${e.result} (${e.why})`, e]))('%s', (_, e) => {
    const expectation = e as Expectation;
    const found = result.findings
      // An estate finding without a resource is located at the input file (`at`: its name).
      .filter(
        (f) =>
          f.ruleId === expectation.rule &&
          (f.location.address === expectation.at ||
            f.location.address === path.relative(process.cwd(), path.join(dir, expectation.at))),
      )
      .map((f) => f.result);
    expect([...new Set(found)]).toEqual(expectation.result === 'absent' ? [] : [expectation.result]);
  });

  it('never shows a planted secret, in any report format or finding', () => {
    // The inventories (an API result, never rendered) may hold a value the input masks sensitive:
    // it is read to judge. What is shown must not.
    const { inventories: _read, ...shown } = result;
    expect(JSON.stringify(shown)).not.toMatch(/s3cr3t|plantedciphertext/);
    for (const format of REPORT_FORMATS)
      expect(renderReport(result, format)).not.toMatch(/s3cr3t|plantedciphertext/);
  });
});

describe('the deletion gate through the real bin', () => {
  it('exits 1 on a plan that deletes registries in prod, naming ACR-115', () => {
    const run = spawnSync(
      process.execPath,
      [
        'bin/acr-iac.js',
        'check',
        path.join(DIR, 'prod-teardown.plan.json'),
        '--env',
        'prod',
        '--order',
        'dev,staging,prod',
      ],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /FAIL ACR-115 \[critical\] \(mandatory\) .*registry acrteardownprimary is deleted/,
    );
    expect(run.stdout).toMatch(/mandatory failures/);
  });
});
