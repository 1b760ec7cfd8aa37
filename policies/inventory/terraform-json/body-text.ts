/**
 * What a template string of a resource body is: parsed and classified once per distinct text (the
 * same strings recur all over an input: every attachment names its registry, every resource its
 * resource group), with what it means in the module being read wherever it names none of the scope's
 * names, so a string costs one lookup.
 */
import { BoundedCache } from '../bounded-cache';
import type { Node, Step } from './expression';
import { isIdentPart, isIdentStart, parseTemplate, referenceText } from './expression';

/** What a template string of a body is, found once per distinct text. */
export interface KnownText {
  /**
   * The root name of a plain reference to a resource attribute written as the inventory keeps
   * references (`${azurerm_x.y.id}`, no spaces), else null. Such a string is kept as it is, unless
   * its root is a name of the scope (a dynamic block's iterator).
   */
  readonly plainRoot: string | null;
  /** The parse tree; undefined for text Terraform would reject (evaluateText says why). */
  readonly node: Node | undefined;
  /** Every root name the text refers to (`var`, `each`, `azurerm_x`, a `for` variable). */
  readonly roots: readonly string[];
  /**
   * The inventory value (after `toRaw`) where the text names no name of the scope, in the reading
   * `freeIn` (`Scope.reading`): it is the same in every resource of that module (it depends only on
   * the module's variables and locals), so the text is evaluated once per module read. Plain values
   * only: lists, objects and UNKNOWNs are built anew for each use.
   */
  free: unknown;
  /** The reading `free` belongs to; undefined for none. */
  freeIn: object | undefined;
}

/**
 * Known texts, across readings: what a text is does not depend on the module, and what it means in
 * a module is kept with the reading it belongs to.
 */
const KNOWN = new BoundedCache<string, KnownText>(50_000);

/** Roots that are never resources. */
const NOT_RESOURCES = new Set(['var', 'local', 'each', 'count', 'module', 'path', 'terraform', 'self']);

/** Roots a plain reference to a resource cannot have: the others, and the names the parser reads as literals. */
const NOT_RESOURCE_ROOTS = [...NOT_RESOURCES, 'true', 'false', 'null'];

/**
 * Where the root of `text` ends when `text` is `${root.attr.attr...}` and nothing else, with a root
 * that may be a resource; -1 for any other text. Such a text is exactly one whose compiled form has
 * a `plainRoot` (a test holds them so), told by one scan of its characters, without the parser, a
 * lookup or a new string (references to resources are the most common strings of a large input).
 */
export function plainReferenceRootEnd(text: string): number {
  const end = text.length - 1;
  // `$`, `{` and `}` by code.
  if (text.charCodeAt(0) !== 36 || text.charCodeAt(1) !== 123 || text.charCodeAt(end) !== 125) return -1;
  let rootEnd = -1;
  let dots = 0;
  let segment = 2;
  for (let i = 2; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 46) {
      // `.` ends a name, which must not be empty.
      if (i === segment) return -1;
      if (rootEnd < 0) rootEnd = i;
      dots += 1;
      segment = i + 1;
    } else if (i === segment ? !isIdentStart(code) : !isIdentPart(code)) return -1;
  }
  if (dots < 2 || segment === end) return -1;
  for (const root of NOT_RESOURCE_ROOTS)
    if (root.length === rootEnd - 2 && text.startsWith(root, 2)) return -1;
  return rootEnd;
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

function compile(text: string): KnownText {
  let parsed: Node;
  try {
    parsed = parseTemplate(text);
  } catch {
    // Not valid: evaluated (and reported) where it is used.
    return { plainRoot: null, node: undefined, roots: [], free: undefined, freeIn: undefined };
  }
  // `"${x.y.z}"` is a template of one interpolation: its value is the reference's.
  const node = parsed.k === 'template' && parsed.parts.length === 1 ? parsed.parts[0] : parsed;
  // Written as the inventory keeps references: `${ a.b.c }` (spaces, strip markers) is evaluated
  // into that form instead, or it would name nothing the inventory can resolve.
  const plainRoot =
    typeof node !== 'string' &&
    node.k === 'reference' &&
    !NOT_RESOURCES.has(node.root) &&
    node.steps.length >= 2 &&
    node.steps.every((s) => s.k === 'attr') &&
    text === `\${${referenceText(node.root, node.steps)}}`
      ? node.root
      : null;
  const roots = new Set<string>();
  addRoots(parsed, roots);
  return { plainRoot, node: parsed, roots: [...roots], free: undefined, freeIn: undefined };
}

/** What `text` is (parsed and classified on first use). */
export function knownText(text: string): KnownText {
  return KNOWN.get(text, compile);
}

/** True when none of `roots` is a name of the scope (`each`, `count`, an iterator). */
export function namesNone(roots: readonly string[], names: ReadonlyMap<string, unknown>): boolean {
  if (names.size === 0) return true;
  for (let i = 0; i < roots.length; i += 1) if (names.has(roots[i])) return false;
  return true;
}
