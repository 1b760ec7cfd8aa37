/**
 * ACR-012 holds retention to the model's minimum (MIN_RETENTION_DAYS, the service's default period):
 * a day of retention leaves no rollback window and fails like retention off does.
 */
import type { Doc } from './helpers';
import { evaluateDoc, fixture, results } from './helpers';
import { MIN_RETENTION_DAYS } from '../../constructs/model/retention';

function withRetention(days: number): Doc {
  const doc = fixture('prod.cdk.tf.json');
  doc.resource.azurerm_container_registry.registry.retention_policy_in_days = days;
  return doc;
}

describe('ACR-012 retention minimum', () => {
  it.each([1, MIN_RETENTION_DAYS - 1])('fails %i days, naming the minimum', (days) => {
    const [failure] = results(evaluateDoc(withRetention(days)), 'ACR-012', 'fail');
    expect(failure.message).toContain(`only ${days} day`);
    expect(failure.message).toContain(`${MIN_RETENTION_DAYS}-day minimum`);
    expect(failure.mandatory).toBe(true);
  });

  it.each([MIN_RETENTION_DAYS, 365])('passes %i days', (days) => {
    expect(results(evaluateDoc(withRetention(days)), 'ACR-012', 'pass')).toHaveLength(1);
  });

  it('still fails retention off', () => {
    const [failure] = results(evaluateDoc(withRetention(0)), 'ACR-012', 'fail');
    expect(failure.message).toMatch(/retention of untagged manifests is off/);
  });
});
