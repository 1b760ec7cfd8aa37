/**
 * ACR-005 counts only private endpoint connections that are automatic (or approved): a manual one
 * (`is_manual_connection = true`; Pulumi `manualPrivateLinkServiceConnections`) stays Pending until
 * the registry owner approves it, and Azure Policy e8eef0a8 counts only approved connections.
 */
import { evaluate, inventoryFromPulumiPreviewJson, resolvePolicyConfig } from '../../policies';
import type { Doc } from './helpers';
import { evaluateDoc, fixture, results } from './helpers';

function manual(doc: Doc): Doc {
  for (const endpoint of Object.values(doc.resource.azurerm_private_endpoint) as Doc[])
    endpoint.private_service_connection.is_manual_connection = true;
  return doc;
}

describe('ACR-005 on Terraform', () => {
  it('passes with an automatic connection', () => {
    expect(results(evaluateDoc(fixture('prod.cdk.tf.json')), 'ACR-005', 'pass')).toHaveLength(1);
  });

  it('fails when every connection is manual, naming why', () => {
    const [finding] = results(evaluateDoc(manual(fixture('prod.cdk.tf.json'))), 'ACR-005', 'fail');
    expect(finding.message).toMatch(
      /only manual private endpoint connections .*Pending until the registry owner approves/,
    );
    expect(finding.message).toContain('e8eef0a8');
  });

  it('is unknown when whether the connection is manual is not known', () => {
    const doc = fixture('prod.cdk.tf.json');
    for (const endpoint of Object.values(doc.resource.azurerm_private_endpoint) as Doc[])
      endpoint.private_service_connection.is_manual_connection = '${var.manual}';
    doc.variable = { ...(doc.variable ?? {}), manual: { type: 'bool' } };
    const [finding] = results(evaluateDoc(doc), 'ACR-005', 'unknown');
    expect(finding.message).toContain('var.manual has no value');
  });
});

describe('ACR-005 on a Pulumi preview', () => {
  function preview(manualConnections: boolean): Doc {
    const doc = fixture('prod-preview.json');
    for (const step of doc.steps as Doc[]) {
      const inputs = step.newState?.inputs;
      if (!step.urn.includes('PrivateEndpoint') || !inputs?.privateLinkServiceConnections) continue;
      if (manualConnections) {
        inputs.manualPrivateLinkServiceConnections = inputs.privateLinkServiceConnections;
        delete inputs.privateLinkServiceConnections;
        const dependencies = step.newState.propertyDependencies;
        dependencies.manualPrivateLinkServiceConnections = dependencies.privateLinkServiceConnections;
        delete dependencies.privateLinkServiceConnections;
      }
    }
    return doc;
  }
  const judge = (doc: Doc) =>
    evaluate(
      [inventoryFromPulumiPreviewJson(doc, 'prod', 'prod-preview.json')],
      resolvePolicyConfig({ order: ['prod'] }),
    );

  it('passes with automatic connections and fails with manual ones', () => {
    expect(results(judge(preview(false)), 'ACR-005', 'pass')).toHaveLength(1);
    expect(results(judge(preview(true)), 'ACR-005', 'fail')[0].message).toMatch(
      /only manual private endpoint connections/,
    );
  });
});
