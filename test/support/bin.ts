/**
 * Runs the `acr-iac` bin of the packed, installed package (see packed.ts) as a user would: a new
 * process, in a folder of the test's choosing.
 */
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO } from './packed';

/** The installed package's folder. */
export function installedPackage(): string {
  const root = process.env.ACR_IAC_PACKED;
  if (!root) throw new Error('ACR_IAC_PACKED is not set: run the tests through jest (global setup)');
  return join(root, 'project', 'node_modules', 'acr-iac');
}

/** A folder inside the packed project (next to its node_modules) for a test's files. */
export function projectFolder(): string {
  return join(installedPackage(), '..', '..');
}

/** The installed bin script. */
export function installedBin(): string {
  return join(installedPackage(), 'bin', 'acr-iac.js');
}

/** What a bin run returned and printed. */
export interface BinResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of `runBin`. */
export interface BinOptions {
  /** Working folder. @default the packed project folder */
  readonly cwd?: string;
  /** Extra environment. */
  readonly env?: Readonly<Record<string, string>>;
}

function environment(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.GITHUB_STEP_SUMMARY;
  return env;
}

/** Runs `acr-iac <args>` and waits for it. */
export function runBin(args: readonly string[], options: BinOptions = {}): BinResult {
  const result = spawnSync(process.execPath, [installedBin(), ...args], {
    cwd: options.cwd ?? projectFolder(),
    env: environment(options.env),
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts `acr-iac <args>` without waiting. */
export function spawnBin(args: readonly string[], options: BinOptions & SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, [installedBin(), ...args], {
    ...options,
    cwd: options.cwd ?? projectFolder(),
    env: environment(options.env),
  });
}

/**
 * A consumer project inside the packed project: its own package.json declaring `estate.ts` (the
 * repository's sample estate, importing its types from `acr-iac/model` as a consumer would), plus
 * `files`. Returns its folder.
 */
export function consumerProject(name: string, files: Readonly<Record<string, string>> = {}): string {
  const dir = mkdtempSync(join(projectFolder(), `${name}-`));
  const sample = readFileSync(join(REPO, 'stacks', 'environments.ts'), 'utf8').replace(
    "from '../constructs/model'",
    "from 'acr-iac/model'",
  );
  const all: Record<string, string> = {
    'package.json': `${JSON.stringify({ name, private: true, 'acr-iac': { estate: 'estate.ts' } }, null, 2)}\n`,
    'estate.ts': sample,
    ...files,
  };
  for (const [path, content] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}
