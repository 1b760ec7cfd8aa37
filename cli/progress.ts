/**
 * Progress on stderr for work that can take more than about a second (loading an engine, each stack,
 * each plan, a Pulumi program under mocks), so a terminal never sits silent. Off with `--quiet`, and off
 * when stderr is not a terminal (CI logs and pipes keep only results); `ACR_IAC_PROGRESS=1` forces it
 * on, `ACR_IAC_PROGRESS=0` off.
 */

/** Reports steps of a command. */
export interface Progress {
  /** Says what starts now, e.g. `synthesizing dev`. */
  step(message: string): void;
}

/** Options of `createProgress`. */
export interface ProgressOptions {
  /** The command's `--quiet`. @default false */
  readonly quiet?: boolean | undefined;
  /** Where progress goes. @default process.stderr */
  readonly stream?: NodeJS.WriteStream | undefined;
}

/** Whether progress is shown for these options and environment. */
export function progressEnabled(options: ProgressOptions = {}): boolean {
  if (options.quiet) return false;
  const forced = process.env.ACR_IAC_PROGRESS;
  if (forced === '1') return true;
  if (forced === '0') return false;
  return (options.stream ?? process.stderr).isTTY === true;
}

/** A progress reporter for one command run. */
export function createProgress(options: ProgressOptions = {}): Progress {
  if (!progressEnabled(options)) return { step: () => undefined };
  const stream = options.stream ?? process.stderr;
  return { step: (message) => void stream.write(`acr-iac: ${message}...\n`) };
}
