/**
 * The `acr-iac` command: synth | check | preview | pr-comment | rules | init. Each subcommand lives in
 * its own module and registers itself here; this file only wires them and turns errors into exit codes and one
 * line on stderr. Modules load what they need when their command runs (see engines.ts), so `--version`
 * and `--help` load no engine and no policy code.
 */
import { Command, CommanderError } from 'commander';
import { DeclarationError } from '../constructs/model/problems';
import { registerCheck } from './check';
import { EXIT, UsageError, firstLine } from './errors';
import { registerInit } from './init';
import { registerPreview } from './preview';
import { registerPrComment } from './pr-comment';
import { registerRules } from './rules';
import { registerSynth } from './synth';
import { packageInfo } from '../constructs/model/package-info';

/** The exit codes, as `acr-iac --help` lists them. */
const EXIT_CODES_HELP = [
  '',
  'Exit codes:',
  '  0  ok (nothing mandatory failed)',
  '  1  mandatory policy failures (synth, check; preview and check with --fail-on)',
  '  2  unusable input: bad flag, invalid declaration, missing or malformed file, missing engine',
  '  3  nothing could be judged in an input (check --fail-on-unchecked)',
  '',
  'Run acr-iac <command> --help for the flags of a command.',
].join('\n');

/** Builds the command-line program (exported for tests). */
export function buildProgram(): Command {
  const program = new Command('acr-iac')
    .description('Azure Container Registry infrastructure: synthesize, check, preview.')
    .version(packageInfo().version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'print help')
    .exitOverride()
    // Errors are printed by `run`, as one line; commander prints only help and the version.
    .configureOutput({ outputError: () => undefined })
    .addHelpText('after', EXIT_CODES_HELP);
  registerSynth(program);
  registerCheck(program);
  registerPreview(program);
  registerRules(program);
  registerPrComment(program);
  registerInit(program);
  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  process.exitCode = undefined;
  let program: Command | undefined;
  try {
    program = buildProgram();
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    return reportError(error, argv, program);
  }
}

/** The hint after a flag error: the help of the command the user ran. */
function helpHint(argv: readonly string[], program: Command | undefined): string {
  const first = argv.find((a) => !a.startsWith('-'));
  const command = program?.commands.find((c) => c.name() === first);
  return `run acr-iac ${command ? `${command.name()} ` : ''}--help for usage`;
}

function reportError(error: unknown, argv: readonly string[], program: Command | undefined): number {
  if (error instanceof CommanderError) {
    // Help and the version are not errors; a bad flag is one line with a hint.
    if (
      error.exitCode === 0 ||
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version'
    )
      return EXIT.ok;
    const message = error.message
      .replace(/^error: /, '')
      .split('\n')
      .filter(Boolean)
      .join(' ');
    process.stderr.write(`acr-iac: ${message}; ${helpHint(argv, program)}\n`);
    return EXIT.usage;
  }
  if (error instanceof DeclarationError || error instanceof UsageError) {
    process.stderr.write(`acr-iac: ${error.message}\n`);
    return EXIT.usage;
  }
  if (isFileSystemError(error)) {
    // A folder that cannot be created or a file that cannot be read: the user's input, said plainly.
    process.stderr.write(`acr-iac: cannot ${error.syscall} ${error.path}: ${error.code}\n`);
    return EXIT.usage;
  }
  process.stderr.write(`acr-iac: internal error (please report it): ${firstLine(error)}\n`);
  if (process.env.ACR_IAC_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return EXIT.usage;
}

function isFileSystemError(
  error: unknown,
): error is NodeJS.ErrnoException & { syscall: string; path: string } {
  const e = error as NodeJS.ErrnoException | undefined;
  return typeof e?.code === 'string' && typeof e.syscall === 'string' && typeof e.path === 'string';
}

/** Runs the CLI on the process's arguments and sets its exit code (the bin's entry point). */
export function main(): void {
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) main();
