/**
 * The mock runner's process-global settings: a run drops stack frames while the Pulumi runtime records
 * one per promise (see withoutStackFrames in mocks.ts), and gives the limit back however the run ends.
 */
import { Registry } from '@pulumi/azure-native/containerregistry/registry';
import { runUnderMocks } from '../../policies/inventory/pulumi-program/mocks';

function registry(): void {
  new Registry('acr', { resourceGroupName: 'rg', registryName: 'acrdev', sku: { name: 'Basic' } });
}

describe('runUnderMocks and stack traces', () => {
  const saved = process.env.PULUMI_DEBUG_PROMISE_LEAKS;
  afterEach(() => {
    if (saved === undefined) delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    else process.env.PULUMI_DEBUG_PROMISE_LEAKS = saved;
  });

  it('runs the program without stack frames and restores the limit after', async () => {
    delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    const before = Error.stackTraceLimit;
    let during: number | undefined;
    const { resources } = await runUnderMocks(
      () => {
        during = Error.stackTraceLimit;
        registry();
      },
      { stack: 'dev' },
    );
    expect(during).toBe(0);
    expect(Error.stackTraceLimit).toBe(before);
    expect(resources.map((r) => r.type)).toContain('azure-native:containerregistry:Registry');
  });

  it('restores the limit when the program throws, and keeps the message', async () => {
    delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    const before = Error.stackTraceLimit;
    await expect(
      runUnderMocks(
        () => {
          throw new Error('declaration refused');
        },
        { stack: 'dev' },
      ),
    ).rejects.toThrow('declaration refused');
    expect(Error.stackTraceLimit).toBe(before);
  });

  it('keeps stack frames when PULUMI_DEBUG_PROMISE_LEAKS asks for them', async () => {
    process.env.PULUMI_DEBUG_PROMISE_LEAKS = '1';
    const before = Error.stackTraceLimit;
    let during: number | undefined;
    await runUnderMocks(
      () => {
        during = Error.stackTraceLimit;
        registry();
      },
      { stack: 'dev' },
    );
    expect(during).toBe(before);
    expect(before).toBeGreaterThan(0);
  });
});
