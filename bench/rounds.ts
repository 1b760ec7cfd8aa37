/**
 * Timing of an in-process benchmark: `fn` run `rounds` times, giving the first run (cold JIT, what one
 * CLI call pays) and the best run (steady state, the engine's own cost), in milliseconds.
 */
export function timeRounds(rounds: number, fn: () => void): { first: number; best: number } {
  const runs: number[] = [];
  for (let i = 0; i < rounds; i += 1) runs.push(elapsedMs(fn));
  return { first: runs[0] ?? 0, best: Math.min(...runs) };
}

/**
 * The median, over `rounds` rounds, of `fn`'s time over `base`'s, the two run back to back in each
 * round. On a shared host whose speed drifts between seconds, both sides of a round see the same
 * machine, which two separate best-of series do not: this is the steadier ratio there, printed
 * beside the best-of one.
 */
export function pairedMedianRatio(rounds: number, base: () => void, fn: () => void): number {
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const baseMs = elapsedMs(base);
    ratios.push(elapsedMs(fn) / baseMs);
  }
  ratios.sort((x, y) => x - y);
  const mid = Math.floor(ratios.length / 2);
  return ratios.length % 2 === 1 ? ratios[mid] : (ratios[mid - 1] + ratios[mid]) / 2;
}

/** How long one run of `fn` takes, in milliseconds. */
function elapsedMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * What a check costs beyond reading its JSON, per resource (instance) it reads, and what the ratio
 * goal allows: the goal is stated per byte (`goal` times JSON.parse), the work grows with resources,
 * so inputs of one size with more resources per byte (`for_each`, `count`) meet it less easily.
 */
export function perResourceLine(
  label: string,
  check: { readonly checkMs: number; readonly parseMs: number },
  resources: number,
  goal = 3,
): string {
  const micros = (ms: number): string => ((1000 * ms) / resources).toFixed(2);
  return `${label}: beyond JSON.parse, ${micros(check.checkMs - check.parseMs)} µs per resource of ${resources}; the ${goal}x goal allows ${micros((goal - 1) * check.parseMs)} µs`;
}
