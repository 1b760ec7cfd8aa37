/**
 * Timing of an in-process benchmark: `fn` run `rounds` times, giving the first run (cold JIT, what one
 * CLI call pays) and the best run (steady state, the engine's own cost), in milliseconds.
 */
export function timeRounds(rounds: number, fn: () => void): { first: number; best: number } {
  const runs: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const start = process.hrtime.bigint();
    fn();
    runs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { first: runs[0] ?? 0, best: Math.min(...runs) };
}
