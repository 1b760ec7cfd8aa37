/**
 * The comment is attacker-controlled: every string from a plan, preview or tree is inert text. Rendered
 * with a GFM renderer, hostile addresses, names, tags and environment names make no link, image,
 * mention, heading or emphasis; control and bidi characters show as escapes; long values are capped and
 * the whole comment stays under GitHub's limit with the danger block first and complete.
 */
import type { ChangeSet, ResourceChange } from '../../preview';
import {
  buildReport,
  COMMENT_MARKER,
  GITHUB_COMMENT_LIMIT,
  parseTerraformPlan,
  renderComment,
} from '../../preview';
import { code, text } from '../../preview/markdown';
import { inspect, visibleText } from '../support/gfm';

const HOSTILE = [
  '[Approve the deploy](https://evil.example/approve)',
  '![pixel](https://evil.example/p.png)',
  '<img src=https://evil.example/p.png>',
  '<a href="https://evil.example">x</a>',
  'https://evil.example/login',
  'www.evil.example',
  'mail admin@evil.example now',
  '@octocat please approve',
  '**bold** _em_ ~~strike~~ `code`',
  '# heading',
  'a\r# injected heading',
  'a\n\n# injected heading',
  'x | y | z',
  'right-to-left \u202Egpj.exe',
  'zero\u200Bwidth',
  ':shipit: $x^2$',
  '&lt;script&gt;',
  '\\[escaped\\](https://evil.example)',
  '#123 GH-1',
];

function resource(address: string, extra: Partial<ResourceChange> = {}): ResourceChange {
  return {
    address,
    type: 'azurerm_container_registry',
    name: address,
    action: 'delete',
    before: { name: address, tags: { note: address }, sku: 'Premium' },
    unknownAfter: [],
    replacePaths: [],
    reasons: [address],
    ...extra,
  };
}

describe('every input string is text', () => {
  function commentWith(value: string): string {
    const set: ChangeSet = {
      stack: value,
      source: 'terraform-plan',
      resources: [
        resource(value),
        {
          ...resource(`azurerm_role_assignment.${value}`),
          type: 'azurerm_role_assignment',
          before: { role_definition_name: 'AcrPull', principal_id: value },
        },
      ],
      notes: [value],
    };
    return renderComment(buildReport([set]));
  }

  it.each(HOSTILE)('%j makes no markup the renderer did not put there', (hostile) => {
    const comment = commentWith(hostile);
    const found = inspect(comment);
    const baseline = inspect(commentWith('plain'));
    expect(found.links).toEqual([]);
    expect(found.images).toEqual([]);
    expect(found.mentions).toEqual([]);
    expect(found.emphasis).toBe(baseline.emphasis);
    expect(found.headings).toBe(baseline.headings);
    expect(found.tags).toEqual(baseline.tags);
    expect(comment.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    // What a reader sees still carries the value, with invisible characters shown as escapes.
    expect(visibleText(comment)).toContain(
      hostile
        .replace(/\r/g, '\\r')
        .replace(/\n/g, '\\n')
        .replace(/\u202E/g, '\\u202E')
        .replace(/\u200B/g, '\\u200B'),
    );
  });

  it('shows what was written, with invisible characters as escapes', () => {
    expect(visibleText(code('[Approve](https://evil.example)'))).toBe('[Approve](https://evil.example)\n');
    expect(visibleText(text('a\r# b'))).toBe('a\\r# b\n');
    expect(visibleText(text('x\u202Ey'))).toBe('x\\u202Ey\n');
    expect(visibleText(text('@octocat'))).toBe('@octocat\n');
  });

  it('caps every value', () => {
    const long = 'a'.repeat(5000);
    expect(visibleText(code(long)).trim()).toBe(`${'a'.repeat(200)}…`);
  });
});

describe('the comment size bound', () => {
  /** Dangers with long addresses and tags: 71,214 characters before the bound existed. */
  function bigPlan(dangers: number, updates: number): unknown {
    const changes: unknown[] = [];
    for (let i = 0; i < dangers; i += 1) {
      changes.push({
        address: `azurerm_role_assignment.pull_${i}["${'x'.repeat(400)}"]`,
        type: 'azurerm_role_assignment',
        name: `pull_${i}`,
        change: {
          actions: ['delete'],
          before: { role_definition_name: 'AcrPull', principal_id: `p-${i}-${'['.repeat(300)}` },
          after: null,
        },
      });
    }
    for (let i = 0; i < updates; i += 1) {
      changes.push({
        address: `azurerm_container_registry_scope_map.m_${i}["${'_'.repeat(300)}"]`,
        type: 'azurerm_container_registry_scope_map',
        name: `m_${i}`,
        change: {
          actions: ['update'],
          before: { tags: { t: '*'.repeat(250) } },
          after: { tags: { t: '['.repeat(250) } },
        },
      });
    }
    return { format_version: '1.2', resource_changes: changes };
  }

  it('stays under the limit with the danger block first and complete', () => {
    const comment = renderComment(buildReport([parseTerraformPlan(bigPlan(30, 400), 'prod')]));
    expect(comment.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(comment.indexOf('### Danger')).toBeLessThan(comment.indexOf('### Changes'));
    expect((comment.match(/^- prod: /gm) ?? []).length).toBe(30); // every danger listed
    expect(comment).toMatch(/Details trimmed/);
  });

  it('never exceeds the limit, whatever the input', () => {
    for (const [dangers, updates] of [
      [0, 1500],
      [400, 0],
      [800, 800],
    ]) {
      const comment = renderComment(buildReport([parseTerraformPlan(bigPlan(dangers, updates), 'prod')]));
      expect(comment.length).toBeLessThanOrEqual(60_000);
      expect(comment.startsWith(COMMENT_MARKER)).toBe(true);
      if (dangers > 0) expect(comment).toContain(`**Pull grant removed** (${dangers})`);
    }
  });
});
