import { join } from 'node:path';
import {
  buildReport,
  COMMENT_MARKER,
  diffSynthTrees,
  loadSynthTree,
  parsePulumiPreview,
  parseTerraformPlan,
  renderComment,
  summarizeFindings,
} from '../../preview';
import type { ChangeSet } from '../../preview';
import { expectGolden, FIXTURES, loadPlan, PLANTED_SECRETS } from './helpers';
import { visibleText } from '../support/gfm';

function terraformSets(): ChangeSet[] {
  return [
    parseTerraformPlan(loadPlan('prod.tfplan.json'), 'prod'),
    parseTerraformPlan(loadPlan('staging.json'), 'staging'),
    parseTerraformPlan(loadPlan('dev.json'), 'dev'),
  ];
}

function synthSets(): ChangeSet[] {
  return diffSynthTrees(
    loadSynthTree(join(FIXTURES, 'synth', 'base')),
    loadSynthTree(join(FIXTURES, 'synth', 'head')),
  );
}

const POLICY = summarizeFindings([
  {
    ruleId: 'ACR-NET-001',
    title: 'Public network access is disabled',
    severity: 'high',
    result: 'fail',
    environment: 'prod',
    resource: 'azurerm_container_registry.registry',
  },
  {
    ruleId: 'ACR-TAG-001',
    title: 'Registries carry an owner tag',
    severity: 'low',
    result: 'fail',
    environment: 'dev',
    resource: 'azurerm_container_registry.registry',
  },
  {
    ruleId: 'ACR-ADM-001',
    title: 'Admin user is disabled',
    severity: 'critical',
    result: 'pass',
    environment: 'prod',
    resource: 'azurerm_container_registry.registry',
  },
]);

describe('renderComment', () => {
  it('renders Terraform plans (golden)', () => {
    expectGolden(
      'terraform-plans.md.golden',
      renderComment(buildReport(terraformSets(), { policy: POLICY })),
    );
  });

  it('renders a Pulumi preview (golden)', () => {
    const sets = [parsePulumiPreview(loadPlan('prod-preview.json'), 'prod')];
    expectGolden('pulumi-preview.md.golden', renderComment(buildReport(sets)));
  });

  it('renders a synth diff (golden)', () => {
    expectGolden('synth-diff.md.golden', renderComment(buildReport(synthSets(), { storageGiB: 750 })));
  });

  it('starts with the marker and puts the danger block before everything else', () => {
    const comment = renderComment(buildReport(terraformSets()));
    expect(comment.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    const danger = comment.indexOf('### Danger');
    expect(danger).toBeGreaterThan(0);
    expect(danger).toBeLessThan(comment.indexOf('### Changes'));
    expect(comment).toContain('Policy: not evaluated.');
  });

  it('shows what a failing rule found and whether it gates', () => {
    const policy = summarizeFindings([
      {
        ruleId: 'ACR-025',
        title: 'Tier supports every setting',
        severity: 'critical',
        result: 'fail',
        environment: 'prod',
        resource: 'r',
        message: 'geo-replication needs Premium',
        mandatory: true,
      },
      {
        ruleId: 'ACR-016',
        title: 'CMK',
        severity: 'low',
        result: 'unknown',
        environment: 'prod',
        resource: 'r',
      },
    ]);
    const comment = renderComment(buildReport([], { policy, policyNote: 'one note' }));
    expect(comment).toContain('Failing: 1 critical (1 mandatory). Also 1 unknown.');
    expect(comment).toContain('| <code>ACR-025</code> | critical, mandatory | prod: <code>r</code> |');
    expect(visibleText(comment)).toContain(
      'ACR-025 Tier supports every setting. prod: r: geo-replication needs Premium',
    );
    expect(comment).toContain('_one note_');
  });

  it('shows the policy result by severity and the failing rules', () => {
    const comment = renderComment(buildReport(terraformSets(), { policy: POLICY }));
    expect(comment).toContain('Failing: 1 high, 1 low.');
    expect(comment).toContain('<code>ACR-NET-001</code>');
    expect(comment).not.toContain('ACR-ADM-001');
  });

  it('never shows a planted secret', () => {
    const comments = [
      renderComment(buildReport(terraformSets())),
      renderComment(buildReport([parsePulumiPreview(loadPlan('prod-preview.json'), 'prod')])),
      renderComment(buildReport(synthSets())),
    ];
    for (const comment of comments)
      for (const secret of PLANTED_SECRETS) expect(comment).not.toContain(secret);
  });

  it('hides unchanged stacks behind one line', () => {
    const comment = renderComment(buildReport(terraformSets()));
    expect(comment).toContain('No changes: dev.');
    expect(comment).not.toContain('#### dev');
  });

  it('is deterministic', () => {
    expect(renderComment(buildReport(synthSets()))).toBe(renderComment(buildReport(synthSets())));
  });

  it('keeps a plan with thousands of changes under the limit, summary and danger intact', () => {
    const plan = largePlan(5000);
    const set = parseTerraformPlan(plan, 'prod');
    const comment = renderComment(
      buildReport([set, parseTerraformPlan(loadPlan('staging.json'), 'staging')]),
    );
    expect(comment.length).toBeLessThan(60_000);
    expect(comment).toContain('| prod | Terraform plan | 0 | 5000 | 1 | 0 |');
    const shown = visibleText(comment);
    expect(shown).toContain('registry replaced (forced by location): every image in it is lost');
    expect(shown).toContain('SKU downgrade Premium -> Standard');
    expect(shown).toContain('geo-replica in swedencentral removed');
    expect(comment).toMatch(/Details trimmed.*of 5\d{3} changed resources not shown/);
    expect(comment).toContain('#### staging');
  });

  it('shortens a huge danger list per category but keeps every category and count', () => {
    const plan = largePlan(0, 3000);
    const comment = renderComment(buildReport([parseTerraformPlan(plan, 'prod')]));
    expect(comment.length).toBeLessThan(60_000);
    expect(comment).toContain('**Pull grant removed** (3000)');
    expect(comment).toMatch(/… and \d+ more of this kind/);
    expect(comment).toContain('**Registry replaced or deleted: every image in it is lost** (1)');
  });
});

/** A plan with a replaced registry, `updates` tagged resources and `grantsRemoved` removed AcrPull grants. */
function largePlan(updates: number, grantsRemoved = 0): unknown {
  const changes: unknown[] = [
    {
      address: 'azurerm_container_registry.registry',
      type: 'azurerm_container_registry',
      name: 'registry',
      change: {
        actions: ['delete', 'create'],
        before: { name: 'contosoacrprod', location: 'westeurope', sku: 'Premium' },
        after: { name: 'contosoacrprod', location: 'northeurope', sku: 'Premium' },
        after_unknown: { id: true },
        replace_paths: [['location']],
      },
    },
  ];
  for (let i = 0; i < updates; i += 1) {
    changes.push({
      address: `azurerm_container_registry_scope_map.map_${String(i).padStart(5, '0')}`,
      type: 'azurerm_container_registry_scope_map',
      name: `map_${i}`,
      change: {
        actions: ['update'],
        before: { name: `map-${i}`, actions: [`repositories/app${i}/content/read`] },
        after: {
          name: `map-${i}`,
          actions: [`repositories/app${i}/content/read`, `repositories/app${i}/metadata/read`],
        },
      },
    });
  }
  for (let i = 0; i < grantsRemoved; i += 1) {
    changes.push({
      address: `azurerm_role_assignment.pull_${String(i).padStart(5, '0')}`,
      type: 'azurerm_role_assignment',
      name: `pull_${i}`,
      change: {
        actions: ['delete'],
        before: { role_definition_name: 'AcrPull', principal_id: `principal-${i}` },
        after: null,
      },
    });
  }
  return { format_version: '1.2', terraform_version: '1.9.8', resource_changes: changes };
}
