/**
 * Renders Markdown the way a pull-request page does, for tests: markdown-it with raw HTML on (GitHub
 * passes inline HTML through its sanitizer), GFM tables and strikethrough, and linkify for autolinks
 * (linkify also links bare domains, which makes it stricter than GitHub). Tests read what a reviewer
 * sees (`visibleText`) and what the page would link, embed or mention (`inspect`).
 */
import MarkdownIt from 'markdown-it';
type Token = MarkdownIt.Token;

const md = new MarkdownIt({ html: true, linkify: true });

/** The HTML of a Markdown document. */
export function renderGfm(markdown: string): string {
  return md.render(markdown);
}

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** Decodes HTML character references. */
export function decodeEntities(html: string): string {
  return html.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const point = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return String.fromCodePoint(point);
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

/** The text a reader sees: the rendered HTML without tags, references decoded, zero-width spaces dropped. */
export function visibleText(markdown: string): string {
  return decodeEntities(renderGfm(markdown).replace(/<[^>]*>/g, '')).replace(/\u200b/g, '');
}

/** What the rendered comment links, embeds, mentions and which HTML tags it uses. */
export interface Inspection {
  links: string[];
  images: string[];
  mentions: string[];
  tags: string[];
  headings: number;
  emphasis: number;
}

/** Walks the token stream of a Markdown document. */
export function inspect(markdown: string): Inspection {
  const out: Inspection = { links: [], images: [], mentions: [], tags: [], headings: 0, emphasis: 0 };
  const visit = (tokens: readonly Token[]): void => {
    for (const token of tokens) {
      if (token.type === 'link_open') out.links.push(String(token.attrGet('href') ?? ''));
      if (token.type === 'image') out.images.push(String(token.attrGet('src') ?? ''));
      if (token.type === 'heading_open') out.headings += 1;
      if (token.type === 'em_open' || token.type === 's_open') out.emphasis += 1;
      if (token.type === 'html_inline' || token.type === 'html_block') {
        for (const [, tag] of token.content.matchAll(/<\/?([a-zA-Z][\w-]*)/g))
          out.tags.push(tag.toLowerCase());
        // Inside raw HTML the page decodes references: look there for mentions too.
        mentionsIn(decodeEntities(token.content.replace(/<[^>]*>/g, '')), out.mentions);
      }
      if (token.type === 'text') mentionsIn(token.content, out.mentions);
      if (token.children) visit(token.children);
    }
  };
  visit(md.parse(markdown, {}));
  return out;
}

/** GitHub's mention pattern: `@` after a non-word character, then a login or team. */
function mentionsIn(content: string, out: string[]): void {
  for (const [mention] of content.matchAll(/(?<![\w`])@[A-Za-z0-9][A-Za-z0-9-]*(\/[\w-]+)?/g))
    out.push(mention);
}
