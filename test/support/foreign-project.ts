/**
 * A folder of the packed project for the installed-bin tests on foreign input (test/cli/bin-foreign*):
 * the bin run in it, module files written into it, a JSON report's findings of one rule, and the
 * check that unusable input is refused (exit 2, one line, nothing written).
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BinResult } from './bin';
import { projectFolder, runBin } from './bin';
import { REPO } from './packed';

/** The fixtures this project did not generate. */
export const FOREIGN = join(REPO, 'test', 'fixtures', 'foreign');

/** The fields of a JSON report's finding these tests read. */
export interface Finding {
  readonly ruleId: string;
  readonly result: string;
  readonly location?: { readonly address?: string };
}

/** What a test file gets from `foreignProject`. */
export interface ForeignProject {
  /** The folder (made before the file's tests run). */
  readonly dir: string;
  /** Runs the installed bin in the folder. */
  bin(...args: string[]): BinResult;
  /** Writes `text` to `file` in the folder `folder` of the project, made when missing. */
  writeModule(folder: string, file: string, text: string): void;
  /** `result address` of the findings of rule `id` in a JSON report. */
  resultsAt(stdout: string, id: string): string[];
  /** Exit 2, nothing on stdout, one line on stderr containing `message`, and `output` not written. */
  refused(result: BinResult, message: string, output: string): void;
}

/** A new folder of the packed project for one test file (call it at the top of a `describe`). */
export function foreignProject(prefix = 'foreign-'): ForeignProject {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(projectFolder(), prefix));
  });
  return {
    get dir() {
      return dir;
    },
    bin: (...args) => runBin(args, { cwd: dir }),
    writeModule: (folder, file, text) => {
      mkdirSync(join(dir, folder), { recursive: true });
      writeFileSync(join(dir, folder, file), text);
    },
    resultsAt: (stdout, id) =>
      (JSON.parse(stdout) as { findings: Finding[] }).findings
        .filter((f) => f.ruleId === id)
        .map((f) => `${f.result} ${f.location?.address ?? ''}`),
    refused: (result, message, output) => {
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.split('\n')).toHaveLength(2);
      expect(result.stderr).toContain(message);
      expect(existsSync(join(dir, output))).toBe(false);
    },
  };
}

/** A Premium registry in West Europe, the body the cases vary. */
export const premiumRegistry = (name: string, group: string) => ({
  name,
  resource_group_name: group,
  location: 'westeurope',
  sku: 'Premium',
});
