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
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`acr-iac: internal error: ${message}\n`);
  return EXIT.usage;
}

if (require.main === module) {
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
