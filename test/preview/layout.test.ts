/**
 * The comment reads on a PR page: rendered with a GFM renderer, the policy tables have three columns
 * (rule, severity, where) with the rule ID alone in its cell, and no table cell holds a long unbroken
 * value (tables do not wrap on a PR page; long values go into lists, which do). The screenshot check
 * is `npx tsx bench/comment-screenshot.ts` (headless Chromium), not part of the tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReport, parseTerraformPlan, renderComment, summarizeFindings } from '../../preview';
import { decodeEntities, renderGfm } from '../support/gfm';
import { FIXTURES } from './helpers';

/** Each table of the HTML as rows of visible cell text. */
function tables(html: string): string[][][] {
  return [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map(([, table]) =>
    [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) =>
      [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map(([, cell]) =>
        decodeEntities(cell.replace(/<[^>]*>/g, '')).replace(/\u200b/g, ''),
      ),
    ),
  );
}

const longAddress = `module.platform.module.registries["${'weu-'.repeat(20)}prod"].azurerm_container_registry.this`;

function comment(): string {
  const plan = JSON.parse(readFileSync(join(FIXTURES, 'regressions', 'prod-weakened.tfplan.json'), 'utf8'));
  const policy = summarizeFindings(
    ['ACR-001', 'ACR-003', 'ACR-012', 'ACR-104'].map((ruleId) => ({
      ruleId,
      title: 'A rule with a long title that explains what it checks in several words',
      severity: 'critical',
      result: 'fail',
      environment: 'prod',
      resource: longAddress,
      message: `a finding message that names ${longAddress} and says why it fails`,
      mandatory: true,
    })),
  );
  return renderComment(buildReport([parseTerraformPlan(plan, 'prod')], { policy, order: ['dev', 'prod'] }));
}

describe('comment layout', () => {
  const all = tables(renderGfm(comment()));

  it('lists policy failures in three columns, the rule ID alone in its cell', () => {
    const policy = all.filter((t) => t[0][0] === 'Rule');
    expect(policy.length).toBeGreaterThan(0);
    for (const table of policy) {
      expect(table[0]).toEqual(['Rule', 'Severity', 'Where']);
      for (const row of table.slice(1)) expect(row[0]).toMatch(/^ACR-\d{3}$/);
    }
  });

  it('keeps every table cell short enough not to widen the page', () => {
    const cells = all.flatMap((t) => t.flatMap((row) => row));
    const longest = Math.max(...cells.map((c) => Math.max(...c.split(' ').map((w) => w.length))));
    expect(longest).toBeLessThanOrEqual(61);
  });
});
