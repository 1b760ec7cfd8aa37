/**
 * A diagnostic setting whose logs a Pulumi program computes (`logs: categories.apply(...)`, or an
 * `enabled` flag from another resource's output): a preview shows the list, an element or a flag as
 * unknown until apply. ACR-017 (audit logs are collected) must be unknown then: not failed because an
 * unknown list looked empty, nor passed on a log whose `enabled` is not known.
 */
import { checkInventories } from '../../policies';
import {
  PULUMI_UNKNOWN_SENTINEL,
  inventoryFromPulumiPreviewJson,
} from '../../policies/inventory/pulumi-preview/read';
import type { Doc } from './helpers';
import { fixture } from './helpers';

function acr017(logs: unknown): string[] {
  const doc: Doc = fixture('prod-preview.json');
  const setting = doc.steps.find(
    (s: Doc) => s.newState?.type === 'azure-native:monitor:DiagnosticSetting',
  ).newState;
  setting.inputs.logs = logs;
  const inventory = inventoryFromPulumiPreviewJson(doc, 'prod', 'prod-preview.json');
  return checkInventories([inventory], { config: { order: ['prod'] } })
    .findings.filter((f) => f.ruleId === 'ACR-017')
    .map((f) => `${f.result}: ${f.message}`);
}

const UNKNOWN_AUDIT = [
  expect.stringMatching(/^unknown: the audit diagnostics of contosoacrprod are not known/),
];

describe('the logs of a diagnostic setting known only after apply', () => {
  it('leave ACR-017 unknown', () => {
    expect(acr017([{ categoryGroup: 'audit', enabled: true }])).toEqual([
      'pass: contosoacrprod sends audit logs',
    ]);
    expect(acr017(PULUMI_UNKNOWN_SENTINEL)).toEqual(UNKNOWN_AUDIT);
    expect(acr017([PULUMI_UNKNOWN_SENTINEL])).toEqual(UNKNOWN_AUDIT);
    expect(acr017([{ categoryGroup: 'audit', enabled: PULUMI_UNKNOWN_SENTINEL }])).toEqual(UNKNOWN_AUDIT);
    expect(acr017([{ categoryGroup: PULUMI_UNKNOWN_SENTINEL, enabled: true }])).toEqual(UNKNOWN_AUDIT);
  });
});
