/**
 * `npm run bench`: timings and ratios measured in one run. Never part of `npm test`.
 */
import { benchSynth } from './synth';

async function main(): Promise<void> {
  await benchSynth();
}

void main();
