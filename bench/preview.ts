/**
 * Benchmark of `acr-iac preview` on a large Terraform plan (tens of MB): time as a ratio to a bare
 * `JSON.parse` of the same file, and peak memory. Run alone with `npx tsx bench/preview.ts`, or through
 * `npm run bench` (which calls `benchPreview`).
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport, parseTerraformPlan, renderComment } from '../preview';

/** What the benchmark measured. */
export interface PreviewBenchResult {
  readonly megabytes: number;
  readonly resources: number;
  readonly parseMs: number;
  readonly previewMs: number;
  readonly ratio: number;
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
}

/** Runs the benchmark on a generated plan of `resources` changes and prints one line per measure. */
export async function benchPreview(resources = 12_000): Promise<PreviewBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'acr-iac-bench-preview-'));
  try {
    const file = join(dir, 'prod.json');
    writeLargePlan(file, resources);
    const megabytes = statSync(file).size / 1e6;
    let peakHeap = 0;
    const parseOnly = (): void => {
      JSON.parse(readFileSync(file, 'utf8'));
    };
    const preview = (): void => {
      const set = parseTerraformPlan(JSON.parse(readFileSync(file, 'utf8')), 'prod');
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      renderComment(buildReport([set]));
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    };
    // One warm-up run each, then interleaved runs so that GC and JIT state weigh on both alike.
    parseOnly();
    preview();
    const parseTimes: number[] = [];
    const previewTimes: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      parseTimes.push(time(parseOnly));
      previewTimes.push(time(preview));
    }
    const parseMs = median(parseTimes);
    const previewMs = median(previewTimes);
    const result: PreviewBenchResult = {
      megabytes,
      resources,
      parseMs,
      previewMs,
      ratio: previewMs / parseMs,
      // maxRSS is in kilobytes and covers the whole process (generation streams to disk to stay small).
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      peakHeapMb: peakHeap / 2 ** 20,
    };
    console.log(
      `preview: ${megabytes.toFixed(1)} MB plan, ${resources} changes: ${result.ratio.toFixed(2)}x JSON.parse ` +
        `(${previewMs.toFixed(0)} ms vs ${parseMs.toFixed(0)} ms)`,
    );
    console.log(
      `preview: peak memory ${result.peakRssMb.toFixed(0)} MB RSS, ${result.peakHeapMb.toFixed(0)} MB heap`,
    );
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(times: readonly number[]): number {
  return [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

/** Streams a real-shaped plan to disk: registries, scope maps, role assignments, tokens with secrets. */
function writeLargePlan(file: string, resources: number): void {
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
  void benchPreview();
}
