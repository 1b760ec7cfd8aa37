/**
 * What a template string of a resource body is: parsed and classified once per distinct text (the
 * same strings recur all over an input: every attachment names its registry, every resource its
 * resource group), and, for one reading of a module, what it means wherever it names none of the
 * scope's names, so a string costs one lookup.
 */
import { BoundedCache } from '../bounded-cache';
import type { Node, Step } from './expression';
import { isIdentPart, isIdentStart, parseTemplate } from './expression';

/** What a template string of a body is, found once per distinct text. */
export interface CompiledString {
  /**
   * The root name of a plain reference to a resource attribute (`${azurerm_x.y.id}`), else null. Such
   * a string is already the form the inventory keeps references in, unless its root is a name of the
   * scope (a dynamic block's iterator).
   */
  readonly plainRoot: string | null;
  /** The parse tree; undefined for text Terraform would reject (evaluateText says why). */
  readonly node: Node | undefined;
  /** Every root name the text refers to (`var`, `each`, `azurerm_x`, a `for` variable). */
  readonly roots: readonly string[];
}

/**
 * A body string of one module, kept by text for one reading (`Scope.texts`): its compiled form and,
 * once evaluated in a scope that binds none of its roots, its inventory value there. That value is
 * the same in every such scope (it depends only on the module's variables and locals), so the string
 * is evaluated once per module.
 */
export interface KnownText {
  readonly compiled: CompiledString;
  /**
   * The inventory value (after `toRaw`) where the text names no name of the scope; undefined until
   * evaluated, and for lists, objects and UNKNOWNs, which are built anew for each use.
   */
  free: unknown;
}

/** Compiled strings by text, across readings (what a text is does not depend on the module). */
const COMPILED = new BoundedCache<string, CompiledString>(50_000);

/** Roots that are never resources. */
const NOT_RESOURCES = new Set(['var', 'local', 'each', 'count', 'module', 'path', 'terraform', 'self']);

/** Roots a plain reference to a resource cannot have: the others, and the names the parser reads as literals. */
const NOT_RESOURCE_ROOTS = [...NOT_RESOURCES, 'true', 'false', 'null'];

/**
 * True when `text` is `${root.attr.attr...}` and nothing else, with a root that may be a resource:
 * a text whose compiled form has a `plainRoot` (those with spaces or strip markers inside are left to
 * the parser; a test holds them so), told by one scan of its characters, without the parser, a lookup
 * or a new string (references to resources are the most common strings of a large input).
 */
export function isPlainReference(text: string): boolean {
  const end = text.length - 1;
  // `$`, `{` and `}` by code.
  if (text.charCodeAt(0) !== 36 || text.charCodeAt(1) !== 123 || text.charCodeAt(end) !== 125) return false;
  let rootEnd = -1;
  let dots = 0;
  let segment = 2;
  for (let i = 2; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 46) {
      // `.` ends a name, which must not be empty.
      if (i === segment) return false;
      if (rootEnd < 0) rootEnd = i;
      dots += 1;
      segment = i + 1;
    } else if (i === segment ? !isIdentStart(code) : !isIdentPart(code)) return false;
  }
  if (dots < 2 || segment === end) return false;
  for (const root of NOT_RESOURCE_ROOTS)
    if (root.length === rootEnd - 2 && text.startsWith(root, 2)) return false;
  return true;
}

/** Adds the root names `node` refers to to `out`. */
function addRoots(node: Node | string, out: Set<string>): void {
  if (typeof node === 'string') return;
  const steps = (list: readonly Step[]): void => {
    for (const step of list) if (step.k === 'index') addRoots(step.key, out);
  };
  switch (node.k) {
    case 'reference':
      out.add(node.root);
      steps(node.steps);
      return;
    case 'template':
      for (const part of node.parts) addRoots(part, out);
      return;
    case 'get':
      addRoots(node.target, out);
      steps(node.steps);
      return;
    case 'call':
      for (const arg of node.args) addRoots(arg, out);
      return;
    case 'tuple':
      for (const item of node.items) addRoots(item, out);
      return;
    case 'object':
      for (const item of node.items) {
        addRoots(item.key, out);
        addRoots(item.value, out);
      }
      return;
    case 'unary':
      addRoots(node.arg, out);
      return;
    case 'binary':
      addRoots(node.left, out);
      addRoots(node.right, out);
      return;
    case 'conditional':
      addRoots(node.test, out);
      addRoots(node.then, out);
      addRoots(node.else, out);
      return;
    case 'for':
      addRoots(node.collection, out);
      if (node.key) addRoots(node.key, out);
      addRoots(node.value, out);
      if (node.condition) addRoots(node.condition, out);
      return;
    default:
      return;
  }
}

function compile(text: string): CompiledString {
  let parsed: Node;
  try {
    parsed = parseTemplate(text);
  } catch {
    return { plainRoot: null, node: undefined, roots: [] }; // not valid: evaluated (and reported) later
  }
  // `"${x.y.z}"` is a template of one interpolation: its value is the reference's.
  const node = parsed.k === 'template' && parsed.parts.length === 1 ? parsed.parts[0] : parsed;
  const plainRoot =
    typeof node !== 'string' &&
    node.k === 'reference' &&
    !NOT_RESOURCES.has(node.root) &&
    node.steps.length >= 2 &&
    node.steps.every((s) => s.k === 'attr')
      ? node.root
      : null;
  const roots = new Set<string>();
  addRoots(parsed, roots);
  return { plainRoot, node: parsed, roots: [...roots] };
}

/** The entry of `text` in a reading's `texts`, made (and the text compiled) on first use. */
export function knownText(texts: Map<string, KnownText>, text: string): KnownText {
  let known = texts.get(text);
  if (known === undefined) {
    known = { compiled: COMPILED.get(text, compile), free: undefined };
    texts.set(text, known);
  }
  return known;
}

/** What `text` is, for a scope that keeps nothing. */
export function unkeptText(text: string): KnownText {
  return { compiled: COMPILED.get(text, compile), free: undefined };
}

/** True when none of `roots` is a name of the scope (`each`, `count`, an iterator). */
export function namesNone(roots: readonly string[], names: ReadonlyMap<string, unknown>): boolean {
  if (names.size === 0) return true;
  for (let i = 0; i < roots.length; i += 1) if (names.has(roots[i])) return false;
  return true;
}
