/**
 * Synth benchmarks: the in-process synth of the three stacks against `cdktf synth` of the same app,
 * and synth time and memory for 1, 10, 100 and 1,000 registries. The CLI as a process: bench/cli.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesize } from '../cli/synth';
import { findCdktfCli } from './cdktf-cli';
import { loadEstate } from '../stacks/estate';

function timed(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs the synth benchmarks and prints one line per measurement. */
export async function benchSynth(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'acr-bench-'));
  try {
    const estate = loadEstate();
    synthesize({ outdir: join(root, 'warmup'), estate });
    const runs = 5;
    const inProcess = Array.from({ length: runs }, (_, i) =>
      timed(() => synthesize({ outdir: join(root, `in-${i}`), estate })),
    );
    const best = Math.min(...inProcess);
    console.log(`synth: in-process, 3 stacks: best ${best.toFixed(0)} ms of ${runs} (warm)`);
    const cli = findCdktfCli();
    if (cli) {
      const env = { ...process.env, CHECKPOINT_DISABLE: '1', CI: '1' };
      const viaCli = timed(() =>
        execFileSync(cli, ['synth', '--output', join(root, 'cli')], { env, stdio: 'ignore' }),
      );
      console.log(
        `synth: cdktf synth (${cli}): ${viaCli.toFixed(0)} ms = ${(viaCli / best).toFixed(1)}x in-process`,
      );
    } else {
      console.log('synth: cdktf synth: skipped, the cdktf CLI could not be installed (set CDKTF_BIN to one)');
    }
    let previous: { registries: number; ms: number } | undefined;
    for (const n of [1, 10, 100, 1000]) {
      const out = execFileSync(
        process.execPath,
        ['--expose-gc', '-r', 'tsx/cjs', 'bench/synth-scale.ts', String(n)],
        { encoding: 'utf8' },
      );
      const r = JSON.parse(out) as {
        registries: number;
        resources: number;
        ms: number;
        heapMiB: number;
        rssMiB: number;
      };
      const growth = previous
        ? `, ${(r.ms / previous.ms).toFixed(1)}x the time of ${previous.registries}`
        : '';
      console.log(
        `synth: ${n} registries (${r.resources} resources): ${r.ms} ms, ${(r.ms / n).toFixed(1)} ms/registry, heap ${r.heapMiB} MiB, peak RSS ${r.rssMiB} MiB${growth}`,
      );
      previous = r;
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) void benchSynth();
