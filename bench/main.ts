/**
 * `npm run bench`: timings and ratios measured in one run. Never part of `npm test`.
 * `npm run bench -- synth|check|preview` runs one section.
 */
import { benchCheck } from './check';
import { benchPreview } from './preview';
import { benchSynth } from './synth';

const SECTIONS: Record<string, () => Promise<unknown>> = {
  synth: benchSynth,
  check: () => benchCheck(),
  preview: () => benchPreview(),
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in SECTIONS));
  if (unknown.length > 0) {
    console.error(`unknown bench section ${unknown.join(', ')} (use ${Object.keys(SECTIONS).join(', ')})`);
    process.exitCode = 2;
    return;
  }
  for (const name of wanted.length > 0 ? wanted : Object.keys(SECTIONS)) await SECTIONS[name]();
}

void main();
