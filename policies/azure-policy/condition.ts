/**
 * A small evaluator of the Azure Policy condition language (policyRule `if`, `existenceCondition`) over
 * ARM JSON. Three-valued: a value the input could not see (UNKNOWN) makes a condition `unknown` unless
 * the rest decides it. Covers what the Container Registry built-ins use: allOf / anyOf / not, `field`
 * and `value` operands, `count` with `where`, `[*]` aliases, the comparison operators, and the template
 * functions `parameters`, `first`, `equals`, `toLower`. Anything else is `unknown` (not judgeable),
 * never a guess. Source: Microsoft Learn "Azure Policy definition structure - policy rule" (operators
 * compare strings case-insensitively; `[*]` outside `count` must hold for every element).
 */
import { isUnknown } from '../inventory/types';
import { compareCodeUnits } from '../../constructs/model/order';

/** A three-valued result. */
export type Verdict = true | false | 'unknown';

/** One ARM resource as Azure Policy sees it: `type`, `name`, `location`, `sku`, `properties`, ... */
export type ArmResource = Readonly<Record<string, unknown>>;

type Json = Readonly<Record<string, unknown>>;

/** What a condition is evaluated against. */
export interface ConditionScope {
  readonly resource: ArmResource;
  /** Parameter values (assignment values over definition defaults). */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Element values bound by enclosing `count` loops, by their `[*]` alias prefix (lowercased). */
  readonly elements?: ReadonlyMap<string, unknown>;
}

class NotJudgeable extends Error {}

const lower = (record: Json): Map<string, unknown> =>
  new Map(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]));

function and(a: Verdict, b: Verdict): Verdict {
  if (a === false || b === false) return false;
  return a === 'unknown' || b === 'unknown' ? 'unknown' : true;
}

function or(a: Verdict, b: Verdict): Verdict {
  if (a === true || b === true) return true;
  return a === 'unknown' || b === 'unknown' ? 'unknown' : false;
}

function not(a: Verdict): Verdict {
  return a === 'unknown' ? a : !a;
}

/** Evaluates a template expression such as `[parameters('effect')]`; other strings are literals. */
export function expression(value: unknown, parameters: Readonly<Record<string, unknown>>): unknown {
  if (typeof value !== 'string' || !value.startsWith('[') || value.startsWith('[[')) return value;
  return call(value.slice(1, -1).trim(), parameters);
}

function call(text: string, parameters: Readonly<Record<string, unknown>>): unknown {
  const literal = /^'((?:[^']|'')*)'$/.exec(text);
  if (literal) return literal[1].replace(/''/g, "'");
  const match = /^([a-zA-Z]+)\((.*)\)$/.exec(text);
  if (!match) throw new NotJudgeable(`expression ${text}`);
  const args = splitArgs(match[2]).map((a) => call(a, parameters));
  switch (match[1].toLowerCase()) {
    case 'parameters': {
      const name = String(args[0]);
      if (!(name in parameters)) throw new NotJudgeable(`parameter ${name} has no value`);
      return parameters[name];
    }
    case 'first':
      return Array.isArray(args[0]) ? args[0][0] : String(args[0]).charAt(0);
    case 'equals':
      return JSON.stringify(args[0]) === JSON.stringify(args[1]);
    case 'tolower':
      return String(args[0]).toLowerCase();
    default:
      throw new NotJudgeable(`function ${match[1]}`);
  }
}

function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth += 1;
    else if (!quoted && c === ')') depth -= 1;
    else if (!quoted && depth === 0 && c === ',') {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (text.trim() !== '') out.push(text.slice(start).trim());
  return out;
}

/**
 * The property path of a field alias on `resource` (`type`, `sku.name`, or under `properties`);
 * undefined for an alias of another resource type (it has no value on this one).
 */
function aliasPath(field: string, resource: ArmResource): string | undefined {
  const f = field.toLowerCase();
  if (['type', 'name', 'location', 'kind', 'id'].includes(f)) return f;
  const type = String(resource.type ?? '').toLowerCase();
  if (!f.startsWith(`${type}/`)) return undefined;
  const rest = field.slice(type.length + 1);
  return /^sku\./i.test(rest) ? rest : `properties.${rest}`;
}

/** Values at a dotted path with `[*]` segments (every element); undefined when absent. */
function valuesAt(root: unknown, path: string): unknown[] {
  let current: unknown[] = [root];
  for (const segment of path.split('.')) {
    const next: unknown[] = [];
    const each = segment.endsWith('[*]');
    const key = each ? segment.slice(0, -3) : segment;
    for (const value of current) {
      if (isUnknown(value)) {
        next.push(value);
        continue;
      }
      const record =
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? lower(value as Json)
          : undefined;
      const child = record?.get(key.toLowerCase());
      if (!each) next.push(child);
      else if (isUnknown(child)) next.push(child);
      else if (Array.isArray(child)) next.push(...child);
    }
    current = next;
  }
  return current;
}

function fieldValues(field: string, scope: ConditionScope): unknown[] {
  const path = aliasPath(field, scope.resource);
  if (path === undefined) return [];
  // Inside a count loop the current element stands for the `[*]` prefix it was bound to.
  for (const [prefix, element] of scope.elements ?? []) {
    if (path.toLowerCase().startsWith(prefix)) {
      const rest = path.slice(prefix.length).replace(/^\./, '');
      return rest === '' ? [element] : valuesAt(element, rest);
    }
  }
  return valuesAt(scope.resource, path);
}

function compare(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const n = Number(a);
  const m = Number(b);
  if (a !== undefined && b !== undefined && !Number.isNaN(n) && !Number.isNaN(m)) return n - m;
  // Case-insensitive, as Azure Policy compares strings; by code units, the same on every machine.
  if (typeof a === 'string' && typeof b === 'string')
    return compareCodeUnits(a.toLowerCase(), b.toLowerCase());
  return undefined;
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === 'boolean' || typeof b === 'boolean')
    return String(a).toLowerCase() === String(b).toLowerCase();
  return compare(a, b) === 0 || JSON.stringify(a) === JSON.stringify(b);
}

function like(value: unknown, pattern: unknown): boolean {
  const regex = new RegExp(
    `^${String(pattern)
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
  return typeof value === 'string' && regex.test(value);
}

function operate(operator: string, value: unknown, operand: unknown): boolean {
  switch (operator) {
    case 'equals':
      return value !== undefined && same(value, operand);
    case 'notequals':
      return !(value !== undefined && same(value, operand));
    case 'in':
      return Array.isArray(operand) && operand.some((o) => value !== undefined && same(value, o));
    case 'notin':
      return !(Array.isArray(operand) && operand.some((o) => value !== undefined && same(value, o)));
    case 'exists':
      return (value !== undefined && value !== null) === (String(operand).toLowerCase() === 'true');
    case 'contains':
      return typeof value === 'string'
        ? value.toLowerCase().includes(String(operand).toLowerCase())
        : Array.isArray(value) && value.some((v) => same(v, operand));
    case 'notcontains':
      return !operate('contains', value, operand);
    case 'like':
      return like(value, operand);
    case 'notlike':
      return !like(value, operand);
    case 'less':
    case 'lessorequals':
    case 'greater':
    case 'greaterorequals': {
      const c = compare(value, operand);
      if (c === undefined) return false;
      return operator === 'less'
        ? c < 0
        : operator === 'lessorequals'
          ? c <= 0
          : operator === 'greater'
            ? c > 0
            : c >= 0;
    }
    default:
      throw new NotJudgeable(`operator ${operator}`);
  }
}

const OPERATORS = [
  'equals',
  'notequals',
  'in',
  'notin',
  'exists',
  'contains',
  'notcontains',
  'like',
  'notlike',
  'less',
  'lessorequals',
  'greater',
  'greaterorequals',
];

function leaf(condition: Map<string, unknown>, values: unknown[], scope: ConditionScope): Verdict {
  const operator = OPERATORS.find((o) => condition.has(o));
  if (!operator) throw new NotJudgeable(`condition without operator: ${[...condition.keys()].join(', ')}`);
  const operand = expression(condition.get(operator), scope.parameters);
  // A field with [*] outside count must hold for every element; no element: judged on "absent".
  const list = values.length === 0 ? [undefined] : values;
  let verdict: Verdict = true;
  for (const value of list)
    verdict = and(verdict, isUnknown(value) ? 'unknown' : operate(operator, value, operand));
  return verdict;
}

function countOf(spec: Map<string, unknown>, scope: ConditionScope): number | 'unknown' {
  const field = spec.get('field');
  if (typeof field !== 'string') throw new NotJudgeable('count of a value');
  const elements = fieldValues(field, scope);
  if (elements.some(isUnknown)) return 'unknown';
  const where = spec.get('where');
  const prefix = (aliasPath(field, scope.resource) ?? '').toLowerCase();
  let n = 0;
  let unknown = false;
  for (const element of elements) {
    if (element === undefined) continue;
    if (!where) {
      n += 1;
      continue;
    }
    const bound = new Map(scope.elements ?? []);
    bound.set(prefix, element);
    const v = evaluate(where as Json, { ...scope, elements: bound });
    if (v === true) n += 1;
    else if (v === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : n;
}

function evaluate(condition: Json, scope: ConditionScope): Verdict {
  const c = lower(condition);
  if (c.has('allof'))
    return (c.get('allof') as Json[]).reduce<Verdict>((v, x) => and(v, evaluate(x, scope)), true);
  if (c.has('anyof'))
    return (c.get('anyof') as Json[]).reduce<Verdict>((v, x) => or(v, evaluate(x, scope)), false);
  if (c.has('not')) return not(evaluate(c.get('not') as Json, scope));
  if (c.has('count')) {
    const n = countOf(lower(c.get('count') as Json), scope);
    return n === 'unknown' ? 'unknown' : leaf(c, [n], scope);
  }
  if (c.has('field')) return leaf(c, fieldValues(String(c.get('field')), scope), scope);
  if (c.has('value')) return leaf(c, [expression(c.get('value'), scope.parameters)], scope);
  throw new NotJudgeable(`condition ${JSON.stringify(condition).slice(0, 80)}`);
}

/** Evaluates a condition; `not-judgeable` with the reason when it uses what the evaluator cannot know. */
export function evaluateCondition(
  condition: Json,
  scope: ConditionScope,
): Verdict | { readonly notJudgeable: string } {
  try {
    return evaluate(condition, scope);
  } catch (error) {
    if (error instanceof NotJudgeable) return { notJudgeable: error.message };
    throw error;
  }
}
