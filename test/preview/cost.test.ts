/**
 * The cost estimate of a forgotten registry: a Terraform `forget` (a `removed` block with
 * `lifecycle { destroy = false }`) and a Pulumi delete of a `retainOnDelete` resource leave the
 * registry running, and billed, in Azure, so the change costs nothing and the comment says so.
 */
import path from 'node:path';
import { buildReport, parseTerraformPlan, readPlanFile, renderComment } from '../../preview';

const PREVIEWS = path.join(__dirname, '..', 'fixtures', 'foreign', 'previews');

/** The cost section of the comment. */
function costSection(comment: string): string {
  const start = comment.indexOf('### Estimated monthly cost');
  return comment.slice(start, comment.indexOf('###', start + 4));
}

const premium = {
  name: 'contosoacrprod',
  resource_group_name: 'rg-acr-prod',
  location: 'westeurope',
  sku: 'Premium',
  georeplications: [{ location: 'northeurope', zone_redundancy_enabled: true }],
};

describe('the cost of a forgotten registry', () => {
  it('does not subtract a registry a Terraform removed block forgets, and says it keeps costing', () => {
    const plan = {
      format_version: '1.2',
      terraform_version: '1.9.5',
      resource_changes: [
        {
          address: 'azurerm_container_registry.acr',
          type: 'azurerm_container_registry',
          name: 'acr',
          change: { actions: ['forget'], before: premium, after: null },
        },
      ],
    };
    const report = buildReport([parseTerraformPlan(plan, 'prod')]);
    const [prod] = report.cost.stacks;
    expect(prod.after.totalUsd).toBe(prod.before.totalUsd);
    expect(prod.before.totalUsd).toBeGreaterThan(0);
    expect(prod.after).toMatchObject({ registries: 1, replicas: 1, forgotten: 1 });
    const cost = costSection(renderComment(report));
    expect(cost).toMatch(
      /\| prod \| \$[\d,.]+ \(1 registry, 1 replica\) \| \$[\d,.]+ \(1 registry, 1 replica, 1 forgotten\) \| none \|/,
    );
    expect(cost).toContain('- prod: 1 forgotten registry stays in Azure and keeps costing');
    expect(cost).not.toMatch(/\| -\$/);
  });

  it('does not subtract a retainOnDelete registry a Pulumi preview deletes', () => {
    const { changeSet } = readPlanFile(
      path.join(PREVIEWS, 'retained-delete.preview.json'),
      'retained-delete.preview.json',
      'prod',
    );
    const report = buildReport([changeSet]);
    const [prod] = report.cost.stacks;
    expect(prod.after.totalUsd).toBe(prod.before.totalUsd);
    expect(prod.after.forgotten).toBe(1);
    const comment = renderComment(report);
    expect(costSection(comment)).toContain('| none |');
    expect(costSection(comment)).toContain('1 forgotten registry stays in Azure and keeps costing');
    expect(comment).toContain('Pulumi stops managing this resource; it stays in Azure.');
  });
});
