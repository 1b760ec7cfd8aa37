/**
 * The package as a user installs it: built (`tsc`, skipped when dist/ is newer than every source),
 * packed with `npm pack` and unpacked into `<root>/project/node_modules/acr-iac`, next to a link to the
 * repository's node_modules (`<root>/node_modules`) for its dependencies, so it runs offline and fast
 * and sees nothing of the repository but what the tarball holds. Jest's global setup prepares it once
 * per run; tests reach it through `ACR_IAC_PACKED`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root. */
export const REPO = resolve(__dirname, '..', '..');

const SOURCES = [
  'index.ts',
  'package.json',
  'tsconfig.json',
  'cli',
  'constructs',
  'policies',
  'preview',
  'examples',
  'bin',
];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/**
 * Builds dist/ unless it is newer than every source of the package. Type errors do not stop the tests
 * (tsc still emits; `npm test` fails on them in its build step).
 */
export function buildIfStale(): void {
  const info = join(REPO, 'dist', '.tsbuildinfo');
  const built = existsSync(info) ? statSync(info).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map((s) => newestMtime(join(REPO, s))));
  if (built > sources) return;
  const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: REPO, encoding: 'utf8' });
  if (build.status !== 0)
    process.stderr.write(`tsc reported errors (dist/ emitted anyway):\n${build.stdout}`);
}

/** Packs the package and unpacks it as an installed dependency; returns the root folder. */
export function packAndInstall(): string {
  const root = mkdtempSync(join(tmpdir(), 'acr-iac-packed-'));
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', root], {
    cwd: REPO,
    encoding: 'utf8',
  });
  const [{ filename }] = JSON.parse(out) as { filename: string }[];
  const modules = join(root, 'project', 'node_modules');
  mkdirSync(modules, { recursive: true });
  execFileSync('tar', ['-xzf', join(root, filename), '-C', modules]);
  renameSync(join(modules, 'package'), join(modules, 'acr-iac'));
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}
