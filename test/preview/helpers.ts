/**
 * Shared helpers of the preview tests: fixture paths, JSON loading, golden files (regenerate with
 * UPDATE_GOLDEN=1 npx jest test/preview).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The preview fixtures folder. */
export const FIXTURES = join(__dirname, '..', 'fixtures', 'preview');

/** Path of a plan fixture. */
export function planFixture(name: string): string {
  return join(FIXTURES, 'plans', name);
}

/** A parsed plan fixture. */
export function loadPlan(name: string): unknown {
  return JSON.parse(readFileSync(planFixture(name), 'utf8'));
}

/** Secret-looking values planted in the fixtures; none may ever appear in output. */
export const PLANTED_SECRETS = [
  's3cr3t-admin-password-VALUE',
  's3cr3t-token-password-VALUE',
  's3cr3t-webhook-header-VALUE',
  's3cr3t',
];

/** Compares `actual` with a golden file, or rewrites it when UPDATE_GOLDEN=1. */
export function expectGolden(name: string, actual: string): void {
  const file = join(FIXTURES, 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.UPDATE_GOLDEN !== '1')
      throw new Error(`golden file ${name} is missing: run with UPDATE_GOLDEN=1`);
    writeFileSync(file, actual);
    return;
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
