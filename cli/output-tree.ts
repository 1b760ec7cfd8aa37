/**
 * The output folder of `acr-iac synth`, replaced as a whole and only ever holding what synth wrote:
 *
 * - the previous tree is what its `manifest.json` lists (`stacks/<name>/cdk.tf.json`); a folder holding
 *   anything else (a source tree, Terraform state, a stray file; empty folders aside) is refused, and
 *   nothing is deleted;
 * - Terraform's own working files in a stack folder (`.terraform/`, `.terraform.lock.hcl`, written by
 *   `terraform init` there) are carried over into the new tree;
 * - the new tree is written beside the old one (`.<name>.acr-iac-next-<pid>`) and swapped in by rename,
 *   so a kill leaves the old tree or the new one, never a mix (a kill between the two renames leaves the
 *   old tree as `.<name>.acr-iac-prev`, which the next synth puts back);
 * - a lock file beside the folder (`.<name>.acr-iac-lock`, holding host and pid) makes a second synth
 *   into the same folder stop with one line while the first runs; a lock whose process is gone is taken
 *   over.
 */
import { hostname } from 'node:os';
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, normalize, relative, resolve, sep } from 'node:path';
import { UsageError } from './errors';

/** What Terraform writes into the folder it runs in; kept across syntheses. */
export const TERRAFORM_WORKING_FILES: readonly string[] = ['.terraform', '.terraform.lock.hcl'];

/** The file cdktf synthesizes per stack. */
const STACK_FILE = 'cdk.tf.json';

/** Terraform state and its backups (`terraform.tfstate`, `prod.tfstate.backup`, ...). */
const STATE_FILE = /\.tfstate($|\.)/;

/** A stack name cdktf can have written as a folder name (never `..`, never a path). */
const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** The sibling paths of an output folder. */
interface TreePaths {
  readonly target: string;
  /** The output folder as messages show it. */
  readonly shown: string;
  readonly next: string;
  readonly previous: string;
  readonly lock: string;
  readonly nextPrefix: string;
}

function treePaths(outdir: string, cwd: string): TreePaths {
  const target = resolve(cwd, outdir);
  const parent = dirname(target);
  const name = basename(target);
  const nextPrefix = `.${name}.acr-iac-next-`;
  return {
    target,
    // As the user gave it: relative stays relative, absolute is what they typed.
    shown: normalize(outdir).replace(/(.)[\\/]+$/, '$1'),
    next: join(parent, `${nextPrefix}${process.pid}`),
    previous: join(parent, `.${name}.acr-iac-prev`),
    lock: join(parent, `.${name}.acr-iac-lock`),
    nextPrefix,
  };
}

function isInsideOrSame(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !rel.startsWith(sep));
}

/** The entries of a folder, without empty folders (nothing is lost by removing those). */
function entries(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => holdsSomething(join(folder, name)))
    .sort();
}

function holdsSomething(path: string): boolean {
  const stat = lstatSync(path);
  return !stat.isDirectory() || readdirSync(path).some((name) => holdsSomething(join(path, name)));
}

/** The stack names of a previous tree; throws UsageError when the folder holds what synth did not write. */
export function inspectPreviousTree(target: string, shown: string): readonly string[] {
  if (!existsSync(target)) return [];
  const stat = lstatSync(target);
  if (stat.isSymbolicLink())
    throw new UsageError(`${shown} is a symbolic link; give the folder it points to as --outdir`);
  if (!stat.isDirectory()) throw new UsageError(`${shown} is a file, not an output folder`);
  const top = entries(target);
  if (top.length === 0) return [];
  const foreign = (path: string): UsageError =>
    new UsageError(
      `${path} was not written by synth; move it, or give synth another output folder (it replaces the whole folder)`,
    );
  if (!top.includes('manifest.json')) throw foreign(join(shown, top[0]));
  const stacks = manifestStacks(join(target, 'manifest.json'), join(shown, 'manifest.json'));
  for (const name of top) if (name !== 'manifest.json' && name !== 'stacks') throw foreign(join(shown, name));
  if (!top.includes('stacks')) return stacks;
  const stacksDir = join(target, 'stacks');
  if (!lstatSync(stacksDir).isDirectory()) throw foreign(join(shown, 'stacks'));
  for (const name of entries(stacksDir)) {
    const shownStack = join(shown, 'stacks', name);
    if (!stacks.includes(name)) throw foreign(shownStack);
    const stackDir = join(stacksDir, name);
    if (!lstatSync(stackDir).isDirectory()) throw foreign(shownStack);
    for (const file of entries(stackDir)) {
      if (STATE_FILE.test(file))
        throw new UsageError(
          `${join(shownStack, file)} is Terraform state inside the output folder; move it to ${join(dirname(shown), file)} (where local state lives now) before synth`,
        );
      if (file !== STACK_FILE && !TERRAFORM_WORKING_FILES.includes(file))
        throw foreign(join(shownStack, file));
    }
  }
  return stacks;
}

function manifestStacks(file: string, shown: string): string[] {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new UsageError(`${shown}: not a cdktf manifest (not valid JSON); synth did not write this folder`);
  }
  const stacks = (manifest as { stacks?: unknown } | null)?.stacks;
  if (typeof stacks !== 'object' || stacks === null || Array.isArray(stacks))
    throw new UsageError(
      `${shown}: not a cdktf manifest (no "stacks" object); synth did not write this folder`,
    );
  const names = Object.keys(stacks);
  for (const name of names) {
    const workingDirectory = (stacks as Record<string, { workingDirectory?: unknown }>)[name]
      ?.workingDirectory;
    if (!STACK_NAME.test(name) || (workingDirectory !== undefined && workingDirectory !== `stacks/${name}`))
      throw new UsageError(
        `${shown}: stack "${name}" is not where synth writes stacks; synth did not write this folder`,
      );
  }
  return names;
}

function isAlive(holder: string): boolean {
  const [host, pidText] = holder.trim().split(' ');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return true; // cannot tell: assume it runs
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock of the output folder; returns its release. */
function acquireLock(paths: TreePaths): () => void {
  const mine = `${hostname()} ${process.pid}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      createWithContent(paths.lock, mine);
      return () => rmSync(paths.lock, { force: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new UsageError(`cannot write the output folder ${paths.shown}: ${code}`);
    }
    let holder = '';
    try {
      holder = readFileSync(paths.lock, 'utf8');
    } catch {
      continue; // released meanwhile
    }
    // An empty lock is being written right now, unless it is old (its writer died before writing).
    const running = holder === '' ? Date.now() - safeMtime(paths.lock) < 10_000 : isAlive(holder);
    if (running) {
      const pid = holder.trim().split(' ')[1];
      throw new UsageError(
        `another acr-iac synth${pid ? ` (pid ${pid})` : ''} is writing ${paths.shown}; wait for it, or remove ${shownLock(paths)} if none runs`,
      );
    }
    rmSync(paths.lock, { force: true }); // its process is gone: take it over
  }
  throw new UsageError(`cannot lock ${paths.shown}: ${shownLock(paths)} keeps coming back`);
}

/**
 * Creates `file` holding `text`, failing with EEXIST when it exists. The text is written to a file of
 * this process first and hard-linked into place, so no other process ever reads the lock empty (it
 * would not know whose it is); where hard links are not supported, an exclusive create does.
 */
function createWithContent(file: string, text: string): void {
  const own = `${file}.${process.pid}`;
  writeFileSync(own, text);
  try {
    linkSync(own, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    writeFileSync(file, text, { flag: 'wx' });
  } finally {
    rmSync(own, { force: true });
  }
}

function shownLock(paths: TreePaths): string {
  return join(dirname(paths.shown), basename(paths.lock));
}

function safeMtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Moves Terraform's working files of each stack from the old tree into the new one. */
function carryOver(from: string, to: string): void {
  const stacks = join(from, 'stacks');
  if (!existsSync(stacks)) return;
  for (const name of readdirSync(stacks)) {
    const destination = join(to, 'stacks', name);
    if (!existsSync(destination)) continue; // the environment is gone: its Terraform cache goes with it
    for (const file of TERRAFORM_WORKING_FILES) {
      const source = join(stacks, name, file);
      if (existsSync(source) && !existsSync(join(destination, file)))
        renameSync(source, join(destination, file));
    }
  }
}

/** Finishes or undoes what a killed synth left: a swapped-out old tree, partial new trees. */
function recover(paths: TreePaths): void {
  if (existsSync(paths.previous)) {
    if (!existsSync(paths.target)) {
      renameSync(paths.previous, paths.target); // killed between the two renames: the old tree returns
    } else {
      carryOver(paths.previous, paths.target);
      rmSync(paths.previous, { recursive: true, force: true });
    }
  }
  const parent = dirname(paths.target);
  // The lock file a killed synth wrote before linking it (`createWithContent`); one of a live process
  // may be linked any moment, as the lock is not needed to write it.
  const ownLock = `${basename(paths.lock)}.`;
  for (const name of readdirSync(parent)) {
    if (name.startsWith(paths.nextPrefix)) rmSync(join(parent, name), { recursive: true, force: true });
    else if (name.startsWith(ownLock) && !isAlive(`${hostname()} ${name.slice(ownLock.length)}`))
      rmSync(join(parent, name), { force: true });
  }
}

/** Options of `replaceOutputTree`. */
export interface ReplaceTreeOptions {
  /** Folder relative paths are taken from. @default process.cwd() */
  readonly cwd?: string | undefined;
}

/**
 * Replaces the output folder `outdir` with the tree `write` writes into the folder it is given.
 * Throws UsageError, deleting nothing, when `outdir` holds anything synth did not write, holds the
 * working folder, or another synth is writing it.
 */
export function replaceOutputTree(
  outdir: string,
  write: (folder: string) => void,
  options: ReplaceTreeOptions = {},
): void {
  const cwd = options.cwd ?? process.cwd();
  const paths = treePaths(outdir, cwd);
  if (isInsideOrSame(cwd, paths.target))
    throw new UsageError(
      `the output folder ${paths.shown} holds the working folder; give synth a folder of its own (e.g. cdktf.out)`,
    );
  try {
    mkdirSync(dirname(paths.target), { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`cannot write the output folder ${paths.shown}: ${code}`);
  }
  const release = acquireLock(paths);
  try {
    recover(paths);
    inspectPreviousTree(paths.target, paths.shown);
    try {
      write(paths.next);
      if (!existsSync(join(paths.next, 'manifest.json')))
        throw new Error('the synthesized tree has no manifest.json');
      if (existsSync(paths.target)) {
        renameSync(paths.target, paths.previous);
        renameSync(paths.next, paths.target);
        carryOver(paths.previous, paths.target);
        rmSync(paths.previous, { recursive: true, force: true });
      } else {
        renameSync(paths.next, paths.target);
      }
    } finally {
      rmSync(paths.next, { recursive: true, force: true });
    }
  } finally {
    release();
  }
}
