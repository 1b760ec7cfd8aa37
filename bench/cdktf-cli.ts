/**
 * The cdktf CLI the benchmarks compare with: $CDKTF_BIN, the project's node_modules/.bin/cdktf, `cdktf`
 * on PATH, or else cdktf-cli 0.21.0 (the last release, matching the cdktf library) installed once into
 * the git-ignored bench/out.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where the benchmark installs the cdktf CLI when none is found (git-ignored). */
const CLI_PREFIX = join('bench', 'out', 'cdktf-cli');

/** The path of a cdktf CLI, installing one when none is found; undefined when that fails. */
export function findCdktfCli(): string | undefined {
  const installed = join(CLI_PREFIX, 'node_modules', '.bin', 'cdktf');
  const candidates = [process.env.CDKTF_BIN, join('node_modules', '.bin', 'cdktf'), installed].filter(
    (c): c is string => !!c,
  );
  const local = candidates.find((c) => existsSync(c));
  if (local) return local;
  const which = spawnSync('sh', ['-c', 'command -v cdktf'], { encoding: 'utf8' });
  if (which.status === 0) return which.stdout.trim();
  console.log('bench: installing cdktf-cli@0.21.0 into bench/out for the comparison (once)...');
  const install = spawnSync(
    'npm',
    ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', CLI_PREFIX, 'cdktf-cli@0.21.0'],
    { stdio: 'ignore' },
  );
  return install.status === 0 && existsSync(installed) ? installed : undefined;
}
