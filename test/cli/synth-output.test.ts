/**
 * What synth may write and delete: local state lives outside the generated tree and survives a
 * re-synth; Terraform's working files are carried over; a folder holding anything synth did not write
 * is refused with nothing deleted; a killed synth's leftovers are undone; a live lock refuses.
 */
import { hostname } from 'node:os';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { runCli } from '../support/cli';

describe('synth output folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'acr-iac-synth-out-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  async function synth(out: string): Promise<{ code: number; stderr: string }> {
    const { code, stderr } = await runCli('synth', '-q', '--no-check', '-o', out);
    return { code, stderr };
  }

  it('keeps local Terraform state outside the tree, so it survives a re-synth', async () => {
    const out = join(root, 'project', 'cdktf.out');
    expect(await synth(out)).toEqual({ code: 0, stderr: '' });
    const stackDir = join(out, 'stacks', 'dev');
    const stack = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
    // Where Terraform, running in the stack folder, writes the state: resolved from there.
    const statePath = resolve(stackDir, stack.terraform.backend.local.path);
    expect(statePath).toBe(join(root, 'project', 'terraform.dev.tfstate'));
    writeFileSync(statePath, '{"version":4,"serial":7}');
    // terraform init in the stack folder leaves its working files there.
    mkdirSync(join(stackDir, '.terraform', 'providers'), { recursive: true });
    writeFileSync(join(stackDir, '.terraform.lock.hcl'), '# lock');
    expect(await synth(out)).toEqual({ code: 0, stderr: '' });
    expect(readFileSync(statePath, 'utf8')).toBe('{"version":4,"serial":7}');
    expect(existsSync(join(stackDir, '.terraform', 'providers'))).toBe(true);
    expect(readFileSync(join(stackDir, '.terraform.lock.hcl'), 'utf8')).toBe('# lock');
    expect(readdirSync(dirname(out)).sort()).toEqual(['cdktf.out', 'terraform.dev.tfstate']);
  });

  it('refuses the working folder (synth -o .) and deletes nothing', async () => {
    const result = await runCli('synth', '-q', '-o', '.');
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'acr-iac: the output folder . holds the working folder; give synth a folder of its own (e.g. cdktf.out)\n',
    });
    expect(existsSync('stacks/environments.ts')).toBe(true);
  });

  it('refuses a folder holding a source tree and leaves it as it was', async () => {
    const out = join(root, 'sources');
    mkdirSync(join(out, 'stacks'), { recursive: true });
    cpSync('stacks/environments.ts', join(out, 'stacks', 'environments.ts'));
    const result = await synth(out);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `acr-iac: ${join(out, 'stacks')} was not written by synth; move it, or give synth another output folder (it replaces the whole folder)\n`,
    );
    expect(readdirSync(out)).toEqual(['stacks']);
    expect(readdirSync(join(out, 'stacks'))).toEqual(['environments.ts']);
  });

  it('refuses state left inside the tree by an earlier version, naming where it goes now', async () => {
    const out = join(root, 'old-state', 'cdktf.out');
    await synth(out);
    const old = join(out, 'stacks', 'prod', 'terraform.prod.tfstate');
    writeFileSync(old, '{}');
    const result = await synth(out);
    expect(result).toEqual({
      code: 2,
      stderr: `acr-iac: ${old} is Terraform state inside the output folder; move it to ${join(root, 'old-state', 'terraform.prod.tfstate')} (where local state lives now) before synth\n`,
    });
    expect(readFileSync(old, 'utf8')).toBe('{}');
  });

  it('refuses a manifest naming a stack outside stacks/', async () => {
    const out = join(root, 'hostile');
    mkdirSync(out);
    writeFileSync(
      join(out, 'manifest.json'),
      JSON.stringify({ stacks: { '..': { workingDirectory: '..' } } }),
    );
    const result = await synth(out);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/manifest\.json: stack "\.\." is not where synth writes stacks/);
    expect(readdirSync(out)).toEqual(['manifest.json']);
  });

  it('puts back the old tree a synth killed between its two renames left aside, and clears partial trees', async () => {
    const out = join(root, 'recover', 'cdktf.out');
    await synth(out);
    renameSync(out, join(root, 'recover', '.cdktf.out.acr-iac-prev'));
    mkdirSync(join(root, 'recover', '.cdktf.out.acr-iac-next-99999', 'stacks'), { recursive: true });
    expect(await synth(out)).toEqual({ code: 0, stderr: '' });
    expect(readdirSync(join(root, 'recover'))).toEqual(['cdktf.out']);
    expect(readdirSync(join(out, 'stacks')).sort()).toEqual(['dev', 'prod', 'staging']);
  });

  it('refuses while another synth holds the lock, and takes over the lock of a process that is gone', async () => {
    const out = join(root, 'locked', 'cdktf.out');
    const lock = join(root, 'locked', '.cdktf.out.acr-iac-lock');
    mkdirSync(dirname(lock), { recursive: true });
    writeFileSync(lock, `${hostname()} ${process.pid}\n`); // this very process: alive
    expect(await synth(out)).toEqual({
      code: 2,
      stderr: `acr-iac: another acr-iac synth (pid ${process.pid}) is writing ${out}; wait for it, or remove ${lock} if none runs\n`,
    });
    expect(existsSync(out)).toBe(false);
    writeFileSync(lock, `${hostname()} 2147483646\n`); // no such process
    expect(await synth(out)).toEqual({ code: 0, stderr: '' });
    expect(existsSync(lock)).toBe(false);
  });
});
