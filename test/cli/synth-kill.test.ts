/**
 * The real bin, killed at a random moment while it replaces cdktf.out, leaves the old tree or the new
 * one, never a mix; two synths into one folder at once leave one complete tree (the second refuses or
 * runs after the first).
 */
import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, relative } from 'node:path';
import { consumerProject, runBin, spawnBin } from '../support/bin';

const SINGLE = `module.exports.ESTATE = ${JSON.stringify({
  environments: [
    {
      name: 'shared',
      location: 'westeurope',
      resourceGroupName: 'rg-acr-shared',
      registry: { name: 'killacrshared', sku: 'Standard' },
    },
  ],
})};\n`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The tree as relative path -> content, one string to compare. */
function snapshot(dir: string): string {
  return filesUnder(dir)
    .sort()
    .map((f) => `${relative(dir, f)}\n${readFileSync(f, 'utf8')}`)
    .join('\n---\n');
}

function exited(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.on('close', (code) => done({ code, stderr })));
}

describe('synth replaces its output atomically', () => {
  let project: string;
  const trees: Record<'sample' | 'single', string> = { sample: '', single: '' };
  const args = {
    sample: ['synth', '-q', '--no-check'],
    single: ['synth', '-q', '--no-check', '--estate', 'single.js'],
  };
  /** How long a synth takes here, to spread the kills over it. */
  let duration = 0;
  beforeAll(() => {
    project = consumerProject('kill', { 'single.js': SINGLE });
    for (const name of ['sample', 'single'] as const) {
      const start = Date.now();
      expect(runBin(args[name], { cwd: project }).status).toBe(0);
      duration = Date.now() - start;
      trees[name] = snapshot(join(project, 'cdktf.out'));
    }
  });

  it('leaves the old or the new tree when killed at a random moment', async () => {
    let current: 'sample' | 'single' = 'single';
    for (let i = 0; i < 6; i++) {
      const next: 'sample' | 'single' = current === 'sample' ? 'single' : 'sample';
      const child = spawnBin(args[next], { cwd: project, stdio: ['ignore', 'ignore', 'pipe'] });
      const done = exited(child);
      // Most kills land late, where the new tree is written and swapped in.
      const delay = duration * (0.4 + 0.7 * Math.random());
      setTimeout(() => child.kill('SIGKILL'), delay);
      const { code } = await done;
      const out = join(project, 'cdktf.out');
      const aside = join(project, '.cdktf.out.acr-iac-prev');
      // The old tree, the new one, or (killed between the two renames) the old one set aside.
      const seen = existsSync(out) ? snapshot(out) : snapshot(aside);
      expect([trees.sample, trees.single]).toContain(seen);
      if (code === 0 || seen === trees[next]) current = next;
    }
    // The next synth undoes whatever the kills left: a stale lock, partial trees, a tree set aside.
    expect(runBin(args.sample, { cwd: project })).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(snapshot(join(project, 'cdktf.out'))).toBe(trees.sample);
    expect(readdirSync(project).filter((n) => n.includes('cdktf.out'))).toEqual(['cdktf.out']);
  });

  it('leaves one complete tree when two synths run into one folder at once', async () => {
    const runs = [spawnBin(args.single, { cwd: project }), spawnBin(args.single, { cwd: project })].map(
      exited,
    );
    const results = await Promise.all(runs);
    for (const r of results) {
      expect([0, 2]).toContain(r.code);
      if (r.code === 2)
        expect(r.stderr).toMatch(/^acr-iac: another acr-iac synth \(pid \d+\) is writing cdktf\.out; /);
    }
    expect(results.some((r) => r.code === 0)).toBe(true);
    expect(snapshot(join(project, 'cdktf.out'))).toBe(trees.single);
  });

  it("removes the unlinked lock file of a killed synth, not a running one's", () => {
    // A pid that has exited, and one that runs (this test's), as a killed or a waiting synth leaves them.
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const leftovers = [`.cdktf.out.acr-iac-lock.${dead}`, `.cdktf.out.acr-iac-lock.${process.pid}`];
    for (const name of leftovers) writeFileSync(join(project, name), `${hostname()} 0\n`);
    expect(runBin(args.single, { cwd: project }).status).toBe(0);
    expect(readdirSync(project).filter((n) => n.includes('acr-iac-lock'))).toEqual([leftovers[1]]);
  });
});
