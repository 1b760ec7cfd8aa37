/**
 * Problems found in a declaration, and the error that carries all of them at once.
 */

/** One problem: where it is, what is wrong, and how to fix it. */
export interface Problem {
  /** Path into the declaration, e.g. `prod.registry.replicas[1].location`. */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/** Renders a problem as one line: `path: message. Fix: fix`. */
export function formatProblem(problem: Problem): string {
  return `${problem.path}: ${problem.message}. Fix: ${problem.fix}`;
}

/** Thrown when a declaration is invalid; lists every problem, not only the first. */
export class DeclarationError extends Error {
  /** Every problem found, in declaration order. */
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`The declaration has ${count}:\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
    this.name = 'DeclarationError';
    this.problems = problems;
  }
}

/** Collects problems under a path prefix. */
export class ProblemList {
  private readonly items: Problem[] = [];
  private readonly notes: Problem[] = [];

  /** Records a problem at `path`. */
  add(path: string, message: string, fix: string): void {
    this.items.push({ path, message, fix });
  }

  /** Every problem recorded so far. */
  get all(): readonly Problem[] {
    return this.items;
  }

  /** Records a warning at `path`: valid, but worth changing (synth prints it; nothing fails). */
  warn(path: string, message: string, fix: string): void {
    this.notes.push({ path, message, fix });
  }

  /** Every warning recorded so far. */
  get warnings(): readonly Problem[] {
    return this.notes;
  }

  /** Throws a DeclarationError when any problem was recorded. */
  throwIfAny(): void {
    if (this.items.length > 0) throw new DeclarationError(this.items);
  }
}
