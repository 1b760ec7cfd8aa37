/**
 * Terraform's template and expression syntax, parsed into a small tree: what a hand-written
 * `.tf.json` writes inside strings (`"acr${var.env}"`, `"${var.enabled ? 1 : 0}"`,
 * `"${lookup(each.value, \"sku\", \"Premium\")}"`). Covers literals, templates, references
 * (`var.x.y[0]`), operators, conditionals, function calls, tuples, objects and `for` expressions.
 * Anything else (splats, template directives, heredocs) parses to an `unsupported` node: the
 * evaluator turns it into an UNKNOWN naming it, never a guess. Source of the grammar: the HCL native
 * syntax specification (hashicorp/hcl, `hclsyntax/spec.md`) and Terraform's JSON syntax page.
 */
import { BoundedCache } from '../bounded-cache';

/** A step after a reference's root: `.name` or `[key]`. */
export type Step =
  { readonly k: 'attr'; readonly name: string } | { readonly k: 'index'; readonly key: Node };

/** A parsed expression. */
export type Node =
  | { readonly k: 'literal'; readonly value: null | boolean | number | string }
  | { readonly k: 'template'; readonly parts: readonly (string | Node)[] }
  | { readonly k: 'reference'; readonly root: string; readonly steps: readonly Step[] }
  | { readonly k: 'get'; readonly target: Node; readonly steps: readonly Step[] }
  | { readonly k: 'call'; readonly name: string; readonly args: readonly Node[]; readonly expand: boolean }
  | { readonly k: 'tuple'; readonly items: readonly Node[] }
  | { readonly k: 'object'; readonly items: readonly { readonly key: Node; readonly value: Node }[] }
  | { readonly k: 'unary'; readonly op: '!' | '-'; readonly arg: Node }
  | { readonly k: 'binary'; readonly op: string; readonly left: Node; readonly right: Node }
  | { readonly k: 'conditional'; readonly test: Node; readonly then: Node; readonly else: Node }
  | {
      readonly k: 'for';
      readonly keyVar?: string | undefined;
      readonly valueVar: string;
      readonly collection: Node;
      readonly key?: Node | undefined;
      readonly value: Node;
      readonly condition?: Node | undefined;
      /** True for `key => value...`: the values of each key are grouped into a list. */
      readonly group?: boolean | undefined;
    }
  | { readonly k: 'unsupported'; readonly what: string };

/** Thrown for text that is not a valid expression (Terraform rejects it too). */
export class ExpressionSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpressionSyntaxError';
  }
}

const BINARY_PRECEDENCE: Readonly<Record<string, number>> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '>': 4,
  '<=': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

// Character classes by code (no regex test per character: every distinct string of an input is parsed).
/** `[A-Za-z_]`; false past the end (NaN). */
export function isIdentStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** `[A-Za-z0-9_-]`; false past the end (NaN). */
export function isIdentPart(code: number): boolean {
  return isIdentStart(code) || isDigit(code) || code === 45;
}

/** `[0-9]`; false past the end (NaN). */
function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** A recursive-descent parser over one string. */
class Parser {
  pos = 0;

  constructor(readonly text: string) {}

  /** A template up to the end of the text (`quoted` false) or to its closing quote (`quoted` true). */
  template(quoted: boolean): Node {
    const parts: (string | Node)[] = [];
    let literal = '';
    const { text } = this;
    // Plain characters are added to `literal` a run at a time (from `run` to here), not one by one.
    let run = this.pos;
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (quoted && c === '"') break;
      if (quoted && c === '\\') {
        literal += text.slice(run, this.pos);
        literal += this.escape();
        run = this.pos;
        continue;
      }
      if ((c === '$' || c === '%') && text[this.pos + 1] === c && text[this.pos + 2] === '{') {
        literal += text.slice(run, this.pos);
        literal += `${c}{`; // `$${` and `%%{` are the escapes of a literal `${` and `%{`
        this.pos += 3;
        run = this.pos;
        continue;
      }
      if (c === '%' && text[this.pos + 1] === '{') {
        return { k: 'unsupported', what: 'a template directive (%{ ... })' };
      }
      if (c === '$' && text[this.pos + 1] === '{') {
        literal += text.slice(run, this.pos);
        this.pos += 2;
        this.skipStrip();
        if (literal) parts.push(literal);
        literal = '';
        parts.push(this.expression());
        this.skipSpace();
        this.skipStrip();
        this.expect('}');
        run = this.pos;
        continue;
      }
      this.pos += 1;
    }
    literal += text.slice(run, this.pos);
    if (quoted) this.expect('"');
    if (literal) parts.push(literal);
    if (parts.length === 0) return { k: 'literal', value: '' };
    if (parts.length === 1 && typeof parts[0] === 'string') return { k: 'literal', value: parts[0] };
    return { k: 'template', parts };
  }

  private escape(): string {
    const next = this.text[this.pos + 1];
    this.pos += 2;
    switch (next) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case '"':
        return '"';
      case '\\':
        return '\\';
      case 'u': {
        const hex = this.text.slice(this.pos, this.pos + 4);
        this.pos += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      default:
        throw new ExpressionSyntaxError(`unknown escape \\${next ?? ''}`);
    }
  }

  private skipStrip(): void {
    if (this.text[this.pos] === '~') this.pos += 1;
  }

  skipSpace(): void {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos += 1;
      else if (c === '#' || (c === '/' && text[this.pos + 1] === '/')) {
        while (this.pos < text.length && text[this.pos] !== '\n') this.pos += 1;
      } else if (c === '/' && text[this.pos + 1] === '*') {
        const end = text.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? text.length : end + 2;
      } else return;
    }
  }

  private peek(s: string): boolean {
    this.skipSpace();
    return this.text.startsWith(s, this.pos);
  }

  private accept(s: string): boolean {
    if (!this.peek(s)) return false;
    this.pos += s.length;
    return true;
  }

  expect(s: string): void {
    if (!this.accept(s)) {
      const found = this.pos < this.text.length ? `"${this.text.slice(this.pos, this.pos + 12)}"` : 'the end';
      throw new ExpressionSyntaxError(`expected "${s}" but found ${found}`);
    }
  }

  private identifier(): string | undefined {
    this.skipSpace();
    const { text } = this;
    if (!isIdentStart(text.charCodeAt(this.pos))) return undefined;
    const start = this.pos;
    while (this.pos < text.length && isIdentPart(text.charCodeAt(this.pos))) this.pos += 1;
    return text.slice(start, this.pos);
  }

  /** A whole expression: a conditional over binary operations. */
  expression(): Node {
    const test = this.binary(1);
    if (this.peek('?')) {
      this.pos += 1;
      const then = this.expression();
      this.expect(':');
      const otherwise = this.expression();
      return { k: 'conditional', test, then, else: otherwise };
    }
    return test;
  }

  /** The binary operator at the position (two characters before one), if any; by character, no slices. */
  private operator(): string | undefined {
    this.skipSpace();
    const next = this.text[this.pos + 1];
    switch (this.text[this.pos]) {
      case '|':
        return next === '|' ? '||' : undefined;
      case '&':
        return next === '&' ? '&&' : undefined;
      case '=':
        return next === '=' ? '==' : undefined; // `=>` and `=` are not binary operators
      case '!':
        return next === '=' ? '!=' : undefined; // nor is `!`
      case '<':
        return next === '=' ? '<=' : '<';
      case '>':
        return next === '=' ? '>=' : '>';
      case '+':
        return '+';
      case '-':
        return '-';
      case '*':
        return '*';
      case '/':
        return '/';
      case '%':
        return '%';
      default:
        return undefined;
    }
  }

  private binary(min: number): Node {
    let left = this.unary();
    for (;;) {
      const op = this.operator();
      if (op === undefined || BINARY_PRECEDENCE[op] < min) return left;
      this.pos += op.length;
      const right = this.binary(BINARY_PRECEDENCE[op] + 1);
      left = { k: 'binary', op, left, right };
    }
  }

  private unary(): Node {
    if (this.peek('!') && !this.peek('!=')) {
      this.pos += 1;
      return { k: 'unary', op: '!', arg: this.unary() };
    }
    if (this.peek('-')) {
      this.pos += 1;
      return { k: 'unary', op: '-', arg: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private postfix(node: Node): Node {
    const steps: Step[] = [];
    for (;;) {
      if (this.peek('.*') || this.peek('[*]')) return this.splat();
      if (this.peek('.') && !this.peek('...')) {
        this.pos += 1;
        const name = this.identifier() ?? this.numberText();
        if (name === undefined) throw new ExpressionSyntaxError('expected an attribute name after "."');
        steps.push(
          // A name is all digits only when it is a number (an identifier starts with a letter or _).
          isDigit(name.charCodeAt(0)) && /^\d+$/.test(name)
            ? { k: 'index', key: { k: 'literal', value: Number(name) } }
            : { k: 'attr', name },
        );
      } else if (this.peek('[')) {
        this.pos += 1;
        const key = this.expression();
        this.expect(']');
        steps.push({ k: 'index', key });
      } else break;
    }
    if (steps.length === 0) return node;
    if (node.k === 'reference') return { k: 'reference', root: node.root, steps: [...node.steps, ...steps] };
    return { k: 'get', target: node, steps };
  }

  /**
   * A splat (`[*]`, `.*`) and the traversal after it (`azurerm_x.y[*].id`, `a[*].b[0]`), read so the
   * expression around it parses: not evaluated, so UNKNOWN, saying why.
   */
  private splat(): Node {
    for (;;) {
      if (this.peek('[*]')) this.pos += 3;
      else if (this.peek('.*')) this.pos += 2;
      else if (this.peek('.') && !this.peek('...')) {
        this.pos += 1;
        if ((this.identifier() ?? this.numberText()) === undefined)
          throw new ExpressionSyntaxError('expected an attribute name after "."');
      } else if (this.peek('[')) {
        this.pos += 1;
        this.expression();
        this.expect(']');
      } else return { k: 'unsupported', what: 'a splat expression ([*])' };
    }
  }

  private numberText(): string | undefined {
    const match = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!match) return undefined;
    this.pos += match[0].length;
    return match[0];
  }

  private primary(): Node {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === undefined) throw new ExpressionSyntaxError('expected an expression but found the end');
    if (c === '"') {
      this.pos += 1;
      return this.template(true);
    }
    if (c === '<' && this.text.startsWith('<<', this.pos)) return { k: 'unsupported', what: 'a heredoc' };
    if (isDigit(c.charCodeAt(0))) return { k: 'literal', value: Number(this.numberText()) };
    if (c === '(') {
      this.pos += 1;
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    if (c === '[') return this.tuple();
    if (c === '{') return this.object();
    const name = this.identifier();
    if (name === undefined) throw new ExpressionSyntaxError(`unexpected "${c}"`);
    if (name === 'true' || name === 'false') return { k: 'literal', value: name === 'true' };
    if (name === 'null') return { k: 'literal', value: null };
    if (this.peek('::')) return { k: 'unsupported', what: `the provider function ${name}::...` };
    if (this.peek('(')) return this.call(name);
    return { k: 'reference', root: name, steps: [] };
  }

  private call(name: string): Node {
    this.expect('(');
    const args: Node[] = [];
    let expand = false;
    while (!this.peek(')')) {
      args.push(this.expression());
      if (this.accept('...')) expand = true;
      if (!this.accept(',')) break;
    }
    this.expect(')');
    return { k: 'call', name, args, expand };
  }

  private tuple(): Node {
    this.expect('[');
    if (this.forKeyword()) return this.forExpression(']');
    const items: Node[] = [];
    while (!this.peek(']')) {
      items.push(this.expression());
      if (!this.accept(',')) break;
    }
    this.expect(']');
    return { k: 'tuple', items };
  }

  private object(): Node {
    this.expect('{');
    if (this.forKeyword()) return this.forExpression('}');
    const items: { key: Node; value: Node }[] = [];
    while (!this.peek('}')) {
      const start = this.pos;
      const bare = this.identifier();
      // A bare name is a literal key when `=` or `:` follows it; anything else is an expression key.
      let key: Node;
      if (bare !== undefined && (this.peek('=') || this.peek(':'))) key = { k: 'literal', value: bare };
      else {
        this.pos = start;
        key = this.expression();
      }
      if (!this.accept('=') && !this.accept(':'))
        throw new ExpressionSyntaxError('expected "=" in an object');
      items.push({ key, value: this.expression() });
      this.accept(',');
    }
    this.expect('}');
    return { k: 'object', items };
  }

  private forKeyword(): boolean {
    const start = this.pos;
    const word = this.identifier();
    if (word === 'for' && /\s/.test(this.text[this.pos] ?? '')) return true;
    this.pos = start;
    return false;
  }

  private forExpression(close: ']' | '}'): Node {
    const first = this.identifier();
    if (!first) throw new ExpressionSyntaxError('expected a name after "for"');
    let keyVar: string | undefined;
    let valueVar = first;
    if (this.accept(',')) {
      keyVar = first;
      valueVar = this.identifier() ?? '';
    }
    if (this.identifier() !== 'in') throw new ExpressionSyntaxError('expected "in" in a for expression');
    const collection = this.expression();
    this.expect(':');
    let key: Node | undefined;
    let value = this.expression();
    let group = false;
    if (close === '}') {
      this.expect('=>');
      key = value;
      value = this.expression();
      group = this.accept('...');
    }
    let condition: Node | undefined;
    const start = this.pos;
    if (this.identifier() === 'if') condition = this.expression();
    else this.pos = start;
    this.expect(close);
    return { k: 'for', keyVar, valueVar, collection, key, value, condition, ...(group ? { group } : {}) };
  }
}

const TEMPLATES = new BoundedCache<string, Node>(50_000);

function parseUncached(text: string): Node {
  return new Parser(text).template(false);
}

/**
 * The parse tree of a string of a Terraform JSON file (a template). Cached by text: the same strings
 * recur all over an input. Throws ExpressionSyntaxError for text Terraform would reject.
 */
export function parseTemplate(text: string): Node {
  return TEMPLATES.get(text, parseUncached);
}

/** The parse tree of a bare expression (a `-var` value of a complex type, a variable's `type`). */
export function parseExpression(text: string): Node {
  const parser = new Parser(text);
  const node = parser.expression();
  parser.skipSpace();
  if (parser.pos < text.length)
    throw new ExpressionSyntaxError(`unexpected "${text.slice(parser.pos, parser.pos + 12)}"`);
  return node;
}

/** True when a string needs the template parser (it holds an interpolation or a directive). */
export function isTemplate(text: string): boolean {
  // `${` or `%{`: one scan for a `{` (most strings have none), then a look at the one before each.
  for (let i = text.indexOf('{', 1); i !== -1; i = text.indexOf('{', i + 1)) {
    const before = text.charCodeAt(i - 1);
    if (before === 36 || before === 37) return true; // `$`, `%`
  }
  return false;
}

/** Terraform source text of a reference, e.g. `var.replicas` or `azurerm_x.y["a"].id` (for messages and references). */
export function referenceText(
  root: string,
  steps: readonly Step[],
  keys?: readonly (string | number | undefined)[],
): string {
  let out = root;
  steps.forEach((step, i) => {
    if (step.k === 'attr') out += `.${step.name}`;
    else {
      const key = keys?.[i];
      out += key === undefined ? '[...]' : typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
    }
  });
  return out;
}
