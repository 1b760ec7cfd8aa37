/**
 * The CLI as a process, each measurement side by side with its baseline in one run (alternating, so
 * both see the same machine load), as the ratio of medians:
 *
 * - `acr-iac --version` against `node -e ""` (goal: at most 3x): the cost of starting the CLI;
 * - `acr-iac synth` of the three stacks, its policy check included, against `cdktf synth` of the same
 *   app (cdktf.json runs stacks/cdktf-app.ts, gated by the same check) (goal: at most 0.15x);
 * - `acr-iac check cdktf.out` against `node -e ""` (goal: at most 8x).
 *
 * The bin is the compiled one (`bin/acr-iac.js` -> dist/), built first when stale.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findCdktfCli } from './cdktf-cli';

const BIN = join('bin', 'acr-iac.js');

/** Milliseconds one run of `command args` takes; throws when it fails. */
function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${String(result.stderr)}`);
  return ms;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `a` and `b` alternately `rounds` times; returns their medians. */
function sideBySide(rounds: number, a: () => number, b: () => number): { a: number; b: number } {
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    as.push(a());
    bs.push(b());
  }
  return { a: median(as), b: median(bs) };
}

function report(what: string, against: string, m: { a: number; b: number }, goal: string): void {
  const ratio = m.a / m.b;
  console.log(
    `cli: ${what}: ${m.a.toFixed(0)} ms, ${against}: ${m.b.toFixed(0)} ms = ${ratio.toFixed(2)}x (goal ${goal})`,
  );
}

/** Runs the CLI benchmarks and prints one line per ratio. */
export function benchCli(): void {
  const tsc = spawnSync(process.execPath, [
    join('node_modules', 'typescript', 'bin', 'tsc'),
    '-p',
    'tsconfig.json',
  ]);
  if (tsc.status !== 0) throw new Error(`the build failed: ${String(tsc.stdout)}`);
  const root = mkdtempSync(join(tmpdir(), 'acr-bench-cli-'));
  const node = (args: readonly string[]) => () => run(process.execPath, args);
  try {
    report(
      'acr-iac --version',
      'node -e ""',
      sideBySide(15, node([BIN, '--version']), node(['-e', ''])),
      'at most 3x',
    );
    const out = join(root, 'cdktf.out');
    const cli = findCdktfCli();
    if (cli) {
      const env = { ...process.env, CHECKPOINT_DISABLE: '1', CI: '1' };
      let i = 0;
      const synth = sideBySide(3, node([BIN, 'synth', '-q', '-o', out]), () =>
        run(cli, ['synth', '--output', join(root, `cli-${i++}`)], env),
      );
      report(
        'acr-iac synth (3 stacks, check included)',
        'cdktf synth of the same app',
        synth,
        'at most 0.15x',
      );
    } else {
      run(process.execPath, [BIN, 'synth', '-q', '-o', out]);
      console.log('cli: acr-iac synth against cdktf synth: skipped, no cdktf CLI (set CDKTF_BIN to one)');
    }
    report(
      'acr-iac check cdktf.out',
      'node -e ""',
      sideBySide(10, node([BIN, 'check', out]), node(['-e', ''])),
      'at most 8x',
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) benchCli();
