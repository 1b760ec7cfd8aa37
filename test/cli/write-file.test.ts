/**
 * The one writer of every CLI output: temporary file and rename, nothing left behind, and an output
 * that would overwrite an input (same path, same file through a link, inside an input folder) refused
 * before anything is written.
 */
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../cli/errors';
import { appendFileAtomic, refuseOutputOverInput, writeFileAtomic } from '../../cli/write-file';

describe('write-file', () => {
  const root = mkdtempSync(join(tmpdir(), 'acr-iac-write-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('replaces a file by rename, creating its folder, leaving no temporary file', () => {
    const file = join(root, 'out', 'report.md');
    writeFileAtomic(file, 'one');
    writeFileAtomic(file, 'two');
    appendFileAtomic(file, '+three');
    expect(readFileSync(file, 'utf8')).toBe('two+three');
    expect(readdirSync(join(root, 'out'))).toEqual(['report.md']);
    chmodSync(file, 0o600);
    writeFileAtomic(file, 'four');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses an output that is an input: the same path, a link to it, a file inside an input folder', () => {
    const input = join(root, 'plan.json');
    writeFileSync(input, '{}');
    const link = join(root, 'link.json');
    symlinkSync(input, link);
    mkdirSync(join(root, 'cdktf.out', 'stacks'), { recursive: true });
    const refused = (file: string, inputs: string[]) => () =>
      refuseOutputOverInput({ file, flag: '--output' }, inputs);
    expect(refused(input, [input])).toThrow(
      new UsageError(`--output ${input} would overwrite the input ${input}; write the output elsewhere`),
    );
    expect(refused(link, [input])).toThrow(UsageError);
    expect(refused(input, [link])).toThrow(UsageError);
    expect(refused(join(root, 'cdktf.out', 'report.md'), [join(root, 'cdktf.out')])).toThrow(UsageError);
    expect(refused(join(root, 'cdktf.out'), [input])).toThrow(/is a folder; give a file name/);
    expect(refused(join(root, 'report.md'), [input, join(root, 'cdktf.out')])).not.toThrow();
    expect(readFileSync(input, 'utf8')).toBe('{}');
  });
});
