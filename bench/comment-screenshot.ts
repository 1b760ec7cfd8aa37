/**
 * Screenshot of the PR comment as a pull-request page lays it out, to check the layout by eye (never
 * part of `npm test`): the comment is rendered with a GFM renderer (markdown-it) into a page with
 * GitHub's comment column width (780 px) and table style (tables scroll instead of widening the page),
 * then headless Chromium takes the screenshot and reports the tables wider than the column.
 *
 *   npx tsx bench/comment-screenshot.ts [comment.md] [out.png]
 *
 * Without a comment file it renders the preview of the repository's regression fixture (a plan that
 * weakens every protection) plus a policy delta. Needs Debian's `chromium` (`apt-get install chromium`);
 * flags from the environment notes: --headless --no-sandbox --disable-gpu --disable-background-networking.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import MarkdownIt from 'markdown-it';
import { buildReport, parseTerraformPlan, policyDelta, renderComment, summarizeFindings } from '../preview';
import type { FindingLike } from '../preview';

const OUT = join(__dirname, 'out');
const COLUMN_PX = 780;

function sampleComment(): string {
  const plan = JSON.parse(
    readFileSync(
      join(__dirname, '..', 'test', 'fixtures', 'preview', 'regressions', 'prod-weakened.tfplan.json'),
      'utf8',
    ),
  );
  const failure = (ruleId: string, title: string, resource: string, message: string): FindingLike => ({
    ruleId,
    title,
    severity: 'high',
    result: 'fail',
    environment: 'prod',
    resource,
    message,
    mandatory: true,
  });
  const head = summarizeFindings([
    failure(
      'ACR-001',
      'Admin user is disabled',
      'module.acr.azurerm_container_registry.this',
      'The admin user is enabled on contosoacrprod',
    ),
    failure(
      'ACR-003',
      'Public network access is disabled',
      'module.acr.azurerm_container_registry.this',
      'Public network access is enabled on contosoacrprod',
    ),
    failure(
      'ACR-016',
      'A customer-managed key encrypts the registry (advisory)',
      'module.acr.azurerm_container_registry.this',
      'Customer-managed key encryption is disabled on contosoacrprod',
    ),
  ]);
  const base = summarizeFindings([
    failure(
      'ACR-016',
      'A customer-managed key encrypts the registry (advisory)',
      'module.acr.azurerm_container_registry.this',
      'Customer-managed key encryption is disabled on contosoacrprod',
    ),
    failure(
      'ACR-012',
      'Retention of untagged manifests is on, at least 7 days',
      'module.acr.azurerm_container_registry.this',
      'retention is off',
    ),
  ]);
  const policy = { ...head, delta: policyDelta(base, head) };
  return renderComment(
    buildReport([parseTerraformPlan(plan, 'prod')], { policy, order: ['dev', 'staging', 'prod'] }),
  );
}

const PAGE_STYLE = `
body { margin: 0; overflow-wrap: break-word; background: #fff; font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; }
.comment { width: ${COLUMN_PX}px; margin: 16px; border: 1px solid #d1d9e0; border-radius: 6px; padding: 16px; box-sizing: border-box; }
table { display: block; width: max-content; max-width: 100%; overflow: auto; border-collapse: collapse; margin: 0 0 16px; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
code { background: rgba(129,139,152,.12); border-radius: 6px; padding: .2em .4em; font: 85% ui-monospace, SFMono-Regular, Menlo, monospace; }
blockquote { border-left: .25em solid #d1d9e0; margin: 0 0 16px; padding: 0 1em; color: #59636e; }
details { margin-bottom: 16px; }
`;

/** Marks each table whose content is wider than the column, for the DOM dump to report. */
const MEASURE = `
document.body.dataset.overflow = [...document.querySelectorAll('table')]
  .filter((t) => t.scrollWidth > t.clientWidth + 2).length;
document.body.dataset.widths = [...document.querySelectorAll('table')].map((t) => t.scrollWidth + '/' + t.clientWidth).join(' ');
document.querySelectorAll('details').forEach((d) => (d.open = true));
`;

function main(): void {
  const [input, output = join(OUT, 'comment.png')] = process.argv.slice(2);
  const markdown = input ? readFileSync(input, 'utf8') : sampleComment();
  const html = new MarkdownIt({ html: true, linkify: true }).render(markdown);
  mkdirSync(OUT, { recursive: true });
  const page = join(OUT, 'comment.html');
  writeFileSync(
    page,
    `<!doctype html><meta charset="utf-8"><style>${PAGE_STYLE}</style><div class="comment">${html}</div><script>${MEASURE}</script>`,
  );
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
  const url = `file://${resolve(page)}`;
  const shot = spawnSync(
    'chromium',
    [...flags, `--screenshot=${resolve(output)}`, '--window-size=820,3000', url],
    {
      encoding: 'utf8',
    },
  );
  if (shot.error) {
    console.error('comment-screenshot: chromium not found (apt-get install chromium); the page is in', page);
    process.exitCode = 2;
    return;
  }
  const dom = spawnSync('chromium', [...flags, '--dump-dom', url], { encoding: 'utf8' });
  const overflow = /data-overflow="(\d+)"/.exec(dom.stdout)?.[1] ?? 'unknown';
  console.log(
    `comment-screenshot: ${output} (${markdown.length} characters; tables wider than ${COLUMN_PX}px: ${overflow})`,
  );
}

main();
