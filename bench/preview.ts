/**
 * Benchmark of `acr-iac preview` on a large Terraform plan (tens of MB): time as a ratio to a bare
 * `JSON.parse` of the same file, and peak memory (RSS) as a ratio to the file's size. Each measure runs
 * in a process of its own, so one measure's peak memory is not another's: `JSON.parse` of the whole
 * file, the preview of one plan (read with the shared plan reader, redacted, rendered), the same with
 * the head policy `preview` computes (the CLI path), two plans read at once (a base and a head, as
 * a policy delta reads them), and the CLI's policy delta of a base plan and a head plan (`--base-plan`). Run alone with `npx tsx bench/preview.ts`, or through `npm run bench`.
 *
 * Goals (issue 13): RSS at most 4x the plan, time at most 3x `JSON.parse`, two plans at most 2x one.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as CliPreview from '../cli/preview';
import { buildReport, readPlanFile, renderComment } from '../preview';

/** What one measuring process reports. */
interface Measure {
  readonly ms: number;
  readonly rssMb: number;
}

/** What the benchmark measured. */
export interface PreviewBenchResult {
  readonly megabytes: number;
  readonly resources: number;
  readonly parse: Measure;
  readonly preview: Measure;
  readonly withPolicy: Measure;
  readonly twoPlans: Measure;
  /** The CLI path with `--base-plan`: both plans read and judged, the delta rendered. */
  readonly delta: Measure;
  /** The process with the CLI's modules loaded and nothing read. */
  readonly idle: Measure;
}

const RUNS = 5;

/** Runs the benchmark on a generated plan of `resources` changes and prints one line per measure. */
export async function benchPreview(resources = 12_000): Promise<PreviewBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'acr-iac-bench-preview-'));
  try {
    const file = join(dir, 'prod.json');
    writeLargePlan(file, resources);
    const base = join(dir, 'base', 'prod.json');
    spawnSync('mkdir', ['-p', join(dir, 'base')]);
    copyFileSync(file, base);
    const megabytes = statSync(file).size / 1e6;
    const parse = measure('parse', [file]);
    const preview = measure('preview', [file]);
    const withPolicy = measure('policy', [file]);
    const twoPlans = measure('two', [base, file]);
    const delta = measure('delta', [base, file]);
    const idle = measure('idle', [file]);
    const result = { megabytes, resources, parse, preview, withPolicy, twoPlans, delta, idle };
    const mb = (m: Measure): string =>
      `${m.rssMb.toFixed(0)} MB RSS (${(m.rssMb / megabytes).toFixed(1)}x the plan)`;
    const vs = (m: Measure): string =>
      `${(m.ms / parse.ms).toFixed(2)}x JSON.parse (${m.ms.toFixed(0)} ms vs ${parse.ms.toFixed(0)} ms)`;
    console.log(
      `preview: ${megabytes.toFixed(1)} MB plan, ${resources} changes; JSON.parse alone peaks at ${mb(parse)}`,
    );
    console.log(`preview: one plan: ${vs(preview)}, peak ${mb(preview)}`);
    console.log(
      `preview: one plan with the head policy (the CLI path): ${vs(withPolicy)}, peak ${mb(withPolicy)}`,
    );
    console.log(
      `preview: base and head plans: ${vs(twoPlans)}, peak ${mb(twoPlans)}, ${(twoPlans.rssMb / preview.rssMb).toFixed(2)}x one plan`,
    );
    console.log(
      `preview: policy delta of a base and a head plan (the CLI path with --base-plan): ${vs(delta)}, peak ${mb(delta)}, ${(delta.ms / withPolicy.ms).toFixed(2)}x the time of one plan with the head policy`,
    );
    console.log(
      `preview: of which the process itself (node, tsx and the CLI's modules, nothing read): ${idle.rssMb.toFixed(0)} MB RSS`,
    );
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs one measure: its peak memory in a fresh process that does the work once (as the CLI does), its
 * time in another that warms up, then takes the median of several runs.
 */
function measure(mode: string, files: readonly string[]): Measure {
  const once = (runs: number): Measure => {
    // The loader bin/acr-iac.js uses (tsx/cjs), so the process is what a user's CLI run is.
    const args = ['-r', 'tsx/cjs', __filename, '--measure', mode, String(runs), ...files];
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (run.status !== 0) throw new Error(`bench ${mode} failed: ${run.stderr}`);
    return JSON.parse(run.stdout.trim().split('\n').pop() as string) as Measure;
  };
  return { ms: once(RUNS).ms, rssMb: once(1).rssMb };
}

function median(times: readonly number[]): number {
  return [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

/** The CLI's preview command, loaded only by the measures that use it (the others do not pay for it). */
function cliPreview(): typeof CliPreview {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../cli/preview') as typeof CliPreview;
}

/** The work of one measure (in the measuring process). */
async function work(mode: string, files: readonly string[]): Promise<() => Promise<unknown> | void> {
  const render = (stacks: string[]) => (): void => {
    const sets = files.map((file, i) => readPlanFile(file, `plan-${i}.json`, stacks[i]).changeSet);
    renderComment(buildReport(sets));
  };
  switch (mode) {
    case 'parse':
      return () => {
        JSON.parse(readFileSync(files[0], 'utf8'));
      };
    case 'preview':
      return render(['prod']);
    case 'two':
      return render(['prod', 'prod-base']);
    case 'policy':
      return () => cliPreview().buildPreviewComment(files, {});
    case 'delta':
      return () => cliPreview().buildPreviewComment([files[1]], { basePlan: [files[0]] });
    case 'idle': {
      cliPreview();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('../policies');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('../stacks/environments');
      return () => undefined;
    }
    default:
      throw new Error(`unknown measure ${mode}`);
  }
}

async function child(mode: string, runs: number, files: readonly string[]): Promise<void> {
  const fn = await work(mode, files);
  const times: number[] = [];
  if (runs > 1) await fn(); // warm-up
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const result: Measure = { ms: median(times), rssMb: process.resourceUsage().maxRSS / 1024 };
  console.log(JSON.stringify(result));
}

/** Streams a real-shaped plan to disk: scope maps with many actions and a secret, in every action. */
export function writeLargePlan(file: string, resources: number): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(
      fd,
      '{"format_version":"1.2","terraform_version":"1.9.8","planned_values":{"root_module":{}},"resource_changes":[',
    );
    for (let i = 0; i < resources; i += 1) {
      writeSync(fd, `${i === 0 ? '' : ','}${JSON.stringify(change(i))}`);
    }
    writeSync(fd, ']}');
  } finally {
    closeSync(fd);
  }
}

function change(i: number): unknown {
  const id = `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-acr-${i % 50}/providers/Microsoft.ContainerRegistry/registries/contosoacr${i}`;
  const actions = [['update'], ['no-op'], ['create'], ['delete', 'create'], ['delete']][i % 5];
  const repositories = Array.from({ length: 40 }, (_, r) => `repositories/team${i}/app${r}/content/read`);
  const before = {
    id,
    name: `scope-${i}`,
    container_registry_name: `contosoacr${i % 50}`,
    resource_group_name: `rg-acr-${i % 50}`,
    actions: repositories,
    description: `scope map ${i} `.repeat(10),
    password: `s3cr3t-${i}`,
  };
  const after = { ...before, actions: [...repositories, `repositories/team${i}/extra/metadata/read`] };
  return {
    address: `azurerm_container_registry_scope_map.map_${i}`,
    mode: 'managed',
    type: 'azurerm_container_registry_scope_map',
    name: `map_${i}`,
    provider_name: 'registry.terraform.io/hashicorp/azurerm',
    change: {
      actions,
      before: actions[0] === 'create' ? null : before,
      after: actions.length === 1 && actions[0] === 'delete' ? null : after,
      after_unknown: { id: actions[0] === 'create' },
      before_sensitive: { password: true },
      after_sensitive: { password: true },
      ...(actions.length === 2 ? { replace_paths: [['name']] } : {}),
    },
  };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args[0] === '--measure') void child(args[1], Number(args[2]), args.slice(3));
  else void benchPreview();
}
