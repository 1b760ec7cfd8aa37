/**
 * Property test (fast-check, bounded runs): random and hostile strings in every string field of
 * Terraform plans, Pulumi previews and synthesized trees that reach the comment. Rendered with a GFM
 * renderer, the comment has no link, image or mention, no heading and no HTML tag that the renderer did
 * not write, stays under GitHub's limit, and no planted secret survives.
 */
import fc from 'fast-check';
import type { JsonObject } from '../../preview';
import {
  buildReport,
  COMMENT_MARKER,
  diffSynthTrees,
  GITHUB_COMMENT_LIMIT,
  parsePulumiPreview,
  parseTerraformPlan,
  renderComment,
} from '../../preview';
import { inspect } from '../support/gfm';

const MARK = 'SECRETMARKER';

/** Fragments that try to become markup, plus raw unicode and control characters. */
const hostile: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc
    .array(
      fc.constantFrom(
        '[',
        ']',
        '(',
        ')',
        '!',
        '<',
        '>',
        '&',
        '#',
        '@',
        '*',
        '_',
        '`',
        '~',
        '|',
        '\\',
        ':',
        '.',
        '$',
        '=',
        '\r',
        '\n',
        '\t',
        '\u0000',
        '\u202E',
        '\u200B',
        '\u2028',
        '\uFEFF',
        '\uD800',
        'https://',
        'http://evil.example',
        'www.',
        'evil.example',
        'javascript:alert(1)',
        'mailto:a@b.co',
        '@octocat',
        '@org/team',
        '#1',
        '<img src=x>',
        '<a href=//evil>',
        '</details>',
        '<details>',
        '<!--',
        '-->',
        '<script>',
        '&#64;',
        '&lt;',
        '![x](y)',
        '[x](y)',
        '[x]: https://e.x',
        '# ',
        '=====',
        '---',
        ' ',
        'a',
        'Z',
        '9',
        'é',
        '表',
        '😀',
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join('')),
);

/** Where a secret is planted: an attribute that holds one, or a value that looks like one. */
const secretAttributes: fc.Arbitrary<JsonObject> = fc.constantFrom<JsonObject>(
  { admin_password: `${MARK}-1` },
  { service_uri: `https://hook.example/${MARK}` },
  { tags: { url: `https://u:${MARK}@h.example/x` } },
  { tags: { auth: `Bearer ${MARK}xxxxxxxx` } },
  { tags: { sas: `https://a.blob.core.windows.net/c?sv=1&sig=${MARK}` } },
  { connection_string: `Server=x;Password=${MARK}` },
  { kube_config_raw: `token: ${MARK}` },
);

const TYPES = [
  'azurerm_container_registry',
  'azurerm_role_assignment',
  'azurerm_private_endpoint',
  'azurerm_management_lock',
  'azurerm_container_registry_webhook',
  'azurerm_container_registry_token',
  'azurerm_container_registry_task',
  'azurerm_resource_group',
];

const attributes: fc.Arbitrary<JsonObject> = fc
  .tuple(
    fc.dictionary(hostile, hostile, { maxKeys: 4 }),
    fc.record({
      name: hostile,
      location: hostile,
      sku: fc.constantFrom('Premium', 'Standard', 'Basic'),
      role_definition_name: fc.constantFrom('AcrPull', 'AcrPush', 'AcrQuarantineWriter'),
      principal_id: hostile,
      actions: fc.array(hostile, { maxLength: 3 }),
      tags: fc.dictionary(hostile, hostile, { maxKeys: 3 }),
    }),
    secretAttributes,
  )
  .map(([free, known, secret]) => ({ ...free, ...known, ...secret }) as JsonObject);

/** The comment, checked. */
function assertInert(comment: string): void {
  expect(comment.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
  expect(comment.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
  expect(comment).not.toContain(MARK);
  const found = inspect(comment);
  expect(found.links).toEqual([]);
  expect(found.images).toEqual([]);
  expect(found.mentions).toEqual([]);
  expect(found.tags.filter((t) => !['code', 'details', 'summary'].includes(t))).toEqual([]);
  // Headings only on the renderer's own lines (## title, ### sections, #### stacks).
  expect(found.headings).toBe(comment.split('\n').filter((l) => /^#{2,4} /.test(l)).length);
}

const RUNS = { numRuns: 40, seed: 8 };

describe('the comment is inert for any input', () => {
  it('Terraform plans', () => {
    const change = fc.record({
      address: hostile,
      type: fc.constantFrom(...TYPES),
      actions: fc.constantFrom(['create'], ['update'], ['delete'], ['delete', 'create'], ['no-op']),
      before: attributes,
      after: attributes,
      reason: fc.option(hostile),
    });
    fc.assert(
      fc.property(hostile, fc.array(change, { minLength: 1, maxLength: 6 }), (stack, changes) => {
        const plan = {
          format_version: '1.2',
          resource_changes: changes.map((c, i) => ({
            // Hostile text reaches the address through a for_each key (the only free-text part).
            address: `${c.type}.r${i}[${JSON.stringify(c.address)}]`,
            type: c.type,
            name: `r${i}`,
            ...(c.reason ? { action_reason: c.reason } : {}),
            change: {
              actions: c.actions,
              before: c.actions[0] === 'create' ? null : c.before,
              after: c.actions[0] === 'delete' && c.actions.length === 1 ? null : c.after,
              after_unknown: {},
              replace_paths: c.actions.length === 2 ? [['location']] : [],
            },
          })),
        };
        const set = parseTerraformPlan(plan, stack || 'prod');
        assertInert(renderComment(buildReport([set], { order: ['dev', stack || 'prod'] })));
      }),
      RUNS,
    );
  });

  it('Pulumi previews', () => {
    const step = fc.record({
      op: fc.constantFrom('create', 'update', 'delete', 'replace', 'same'),
      token: fc.constantFrom(
        'azure-native:containerregistry:Registry',
        'azure-native:containerregistry:Webhook',
        'azure-native:authorization:RoleAssignment',
      ),
      name: hostile,
      inputs: attributes,
    });
    fc.assert(
      fc.property(hostile, fc.array(step, { minLength: 1, maxLength: 5 }), (stack, steps) => {
        const preview = {
          steps: steps.map((s, i) => {
            const urn = `urn:pulumi:${stack}::p::${s.token}::${s.name}${i}`;
            const state = { type: s.token, custom: true, inputs: s.inputs };
            return { op: s.op, urn, oldState: state, newState: state };
          }),
        };
        assertInert(renderComment(buildReport([parsePulumiPreview(preview, stack || 'prod')])));
      }),
      RUNS,
    );
  });

  it('synthesized trees', () => {
    const tree = fc.dictionary(
      fc.constantFrom(...TYPES),
      fc.dictionary(
        hostile.filter((k) => k !== '' && k !== '__proto__'),
        attributes,
        { maxKeys: 3 },
      ),
      { maxKeys: 3 },
    );
    fc.assert(
      fc.property(hostile, tree, tree, (stack, base, head) => {
        const sets = diffSynthTrees(
          { stacks: new Map([[stack, { resource: base }]]) },
          { stacks: new Map([[stack, { resource: head }]]) },
        );
        assertInert(renderComment(buildReport(sets)));
      }),
      RUNS,
    );
  });
});
