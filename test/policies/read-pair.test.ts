/**
 * One read of a plan for `preview` and its head policy (read-pair.ts, checkAlongside): the inventory
 * built from the shared read is the one `check` builds from its own read, each caller sees only the
 * sections it asked for, and an error of the second caller's work does not stop the first caller.
 */
import path from 'node:path';
import { checkAlongside, loadInventories } from '../../policies';
import type { ReadDocumentOptions } from '../../policies/inventory/read-document';
import { readDocumentFile } from '../../policies/inventory/read-document';
import { pairReads } from '../../policies/inventory/read-pair';

const PLANS = path.join(__dirname, '..', 'fixtures', 'foreign', 'plans');
const CHANGES = { plan: { change: (c: { address: string }) => c.address } };

/** Reads the foreign plan `name` once for `first` and for check; returns both sides and check's builder. */
function readShared<T>(name: string, first: ReadDocumentOptions<T, unknown>) {
  const file = path.join(PLANS, `${name}.plan.json`);
  const check = checkAlongside(file, 'prod', process.cwd());
  if (!check) throw new Error('a plan file is read as one document');
  const paired = pairReads(first, check.options);
  return { file, check, ...paired.split(readDocumentFile(file, name, paired.options)) };
}

describe('a plan read once for two callers', () => {
  it.each(['avm-module', 'landing-zone', 'prod-teardown'])(
    '%s: the shared read gives the inventory check reads',
    (name) => {
      const { file, check, first, second } = readShared(name, CHANGES);
      if (first.format !== 'terraform-plan' || 'error' in second) throw new Error('a plan, read');
      expect(first.plan.changes.length).toBe(first.plan.changeCount);
      // The first caller asked for no state sections: it gets none.
      expect(first.plan.planned).toEqual([]);
      expect(first.plan.configuration).toBeUndefined();
      expect(check.inventory(second)).toEqual(loadInventories([file], { environment: 'prod' })[0]);
    },
  );

  it.each(['avm-module', 'landing-zone', 'for-each-registries'])(
    '%s: building the inventory leaves the values both callers share as they were read',
    (name) => {
      const seen: { values: unknown; text: string }[] = [];
      const remember = {
        plan: {
          change: (c: { before?: unknown; after?: unknown }) => {
            seen.push({ values: c.after, text: JSON.stringify(c.after) });
            seen.push({ values: c.before, text: JSON.stringify(c.before) });
            return true;
          },
        },
      };
      const { check, second } = readShared(name, remember);
      if ('error' in second) throw second.error;
      check.inventory(second);
      expect(seen.length).toBeGreaterThan(0);
      for (const { values, text } of seen) expect(JSON.stringify(values)).toBe(text);
    },
  );

  it("keeps the second caller's error for it and lets the first read on", () => {
    const file = path.join(PLANS, 'avm-module.plan.json');
    const failing = {
      plan: {
        change: () => {
          throw new Error('second caller failed');
        },
      },
    };
    const paired = pairReads(CHANGES, failing);
    const { first, second } = paired.split(readDocumentFile(file, 'avm', paired.options));
    expect(first.format === 'terraform-plan' && first.plan.changes.length).toBeGreaterThan(0);
    expect(second).toEqual({ error: new Error('second caller failed') });
  });

  it('leaves configuration files to loadInventories', () => {
    const config = path.join(__dirname, '..', 'fixtures', 'foreign', 'object-form', 'main.tf.json');
    expect(checkAlongside(config, 'prod', process.cwd())).toBeUndefined();
    expect(checkAlongside(PLANS, 'prod', process.cwd())).toBeUndefined();
  });
});
