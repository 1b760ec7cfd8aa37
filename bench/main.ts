/**
 * `npm run bench`: timings and ratios measured in one run. Never part of `npm test`.
 * `npm run bench -- cli|synth|check|check-terraform|preview` runs the sections named. Each section
 * runs in a process of its own, so its peak memory and JIT state are its own.
 */
import { spawnSync } from 'node:child_process';

const SECTIONS = ['cli', 'synth', 'check', 'check-terraform', 'preview'] as const;

function main(): void {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    console.error(`unknown bench section ${unknown.join(', ')} (use ${SECTIONS.join(', ')})`);
    process.exitCode = 2;
    return;
  }
  for (const name of wanted.length > 0 ? wanted : SECTIONS) {
    const run = spawnSync(process.execPath, ['-r', 'tsx/cjs', `bench/${name}.ts`], { stdio: 'inherit' });
    if (run.status !== 0) process.exitCode = run.status ?? 1;
  }
}

main();
