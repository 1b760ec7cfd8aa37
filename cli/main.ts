/**
 * The `acr-iac` command: synth | check | preview | rules. Each subcommand lives in its own module and
 * registers itself here; this file only wires them and turns errors into exit codes.
 */
import { Command, CommanderError } from 'commander';
import { DeclarationError } from '../constructs/model/problems';
import { EXIT, UsageError } from './errors';
import { registerSynth } from './synth';
import { registerCheck } from './check';
import { registerRules } from './rules';
import { registerPreview } from './preview';
import { registerPrComment } from './pr-comment';

/** Builds the command-line program (exported for tests). */
export function buildProgram(): Command {
  const program = new Command('acr-iac')
    .description('Azure Container Registry infrastructure: synthesize, check, preview.')
    .exitOverride()
    .showHelpAfterError();
  registerSynth(program);
  registerCheck(program);
  registerRules(program);
  registerPreview(program);
  registerPrComment(program);
  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  try {
    const program = buildProgram();
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander already printed its message; help and version are not errors.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
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
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`acr-iac: internal error (please report it): ${message}\n`);
  return EXIT.usage;
}

function isFileSystemError(
  error: unknown,
): error is NodeJS.ErrnoException & { syscall: string; path: string } {
  const e = error as NodeJS.ErrnoException | undefined;
  return typeof e?.code === 'string' && typeof e.syscall === 'string' && typeof e.path === 'string';
}

if (require.main === module) {
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
