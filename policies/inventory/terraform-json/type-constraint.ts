/**
 * A variable's `type` applied to its value, as Terraform converts it: `optional(...)` attributes of
 * objects take their default (or null), primitives convert (`"true"` to a bool for `bool`), attributes
 * an object type does not declare are dropped. Source: Terraform's "Type Constraints" documentation
 * (optional object type attributes, conversion of primitive types).
 */
import { isUnknown } from '../types';
import type { Node } from './expression';
import { ExpressionSyntaxError, parseExpression } from './expression';
import type { Scope, Value } from './interpret';
import { EvalError, Ref, evaluate, isObjectValue } from './interpret';

/** A parsed type constraint. */
export type TypeConstraint =
  | { readonly k: 'any' }
  | { readonly k: 'string' | 'number' | 'bool' }
  | { readonly k: 'list' | 'set' | 'map'; readonly element: TypeConstraint }
  | { readonly k: 'tuple'; readonly elements: readonly TypeConstraint[] }
  | {
      readonly k: 'object';
      readonly attributes: ReadonlyMap<
        string,
        { readonly type: TypeConstraint; readonly optional: boolean; readonly fallback?: Node }
      >;
    };

const ANY: TypeConstraint = { k: 'any' };

function fromNode(node: Node): TypeConstraint {
  if (node.k === 'reference' && node.steps.length === 0) {
    if (node.root === 'string' || node.root === 'number' || node.root === 'bool') return { k: node.root };
    return ANY;
  }
  if (node.k !== 'call') return ANY;
  const [first] = node.args;
  switch (node.name) {
    case 'list':
    case 'set':
    case 'map':
      return { k: node.name, element: first ? fromNode(first) : ANY };
    case 'tuple':
      return { k: 'tuple', elements: first?.k === 'tuple' ? first.items.map(fromNode) : [] };
    case 'object': {
      const attributes = new Map<string, { type: TypeConstraint; optional: boolean; fallback?: Node }>();
      if (first?.k === 'object') {
        for (const item of first.items) {
          if (item.key.k !== 'literal' || typeof item.key.value !== 'string') continue;
          const value = item.value;
          if (value.k === 'call' && value.name === 'optional')
            attributes.set(item.key.value, {
              type: value.args[0] ? fromNode(value.args[0]) : ANY,
              optional: true,
              ...(value.args[1] ? { fallback: value.args[1] } : {}),
            });
          else attributes.set(item.key.value, { type: fromNode(value), optional: false });
        }
      }
      return { k: 'object', attributes };
    }
    default:
      return ANY;
  }
}

/**
 * Parses a variable's `type`: `"map(object({ sku = optional(string, \"Premium\") }))"` (JSON syntax) or
 * `"${map(...)}"` (how HCL-to-JSON converters write it). An unparsable type converts nothing (`any`).
 */
export function parseTypeConstraint(text: unknown): TypeConstraint {
  if (typeof text !== 'string') return ANY;
  const inner = /^\$\{([\s\S]*)\}$/.exec(text.trim())?.[1] ?? text;
  try {
    return fromNode(parseExpression(inner));
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return ANY;
    throw error;
  }
}

const NO_SCOPE: Scope = {
  variable: () => new EvalError('a type default cannot refer to variables'),
  local: () => new EvalError('a type default cannot refer to locals'),
  names: new Map(),
};

/** `value` converted to `type`; an EvalError when Terraform would reject the value. */
export function convertValue(value: Value, type: TypeConstraint, where: string): Value {
  if (
    value === null ||
    type.k === 'any' ||
    isUnknown(value) ||
    value instanceof Ref ||
    value instanceof EvalError
  )
    return value;
  switch (type.k) {
    case 'string':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return new EvalError(`${where} must be a string`);
    case 'number':
      if (typeof value === 'number') return value;
      if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
      return new EvalError(`${where} must be a number`);
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return new EvalError(`${where} must be a bool`);
    case 'list':
    case 'set':
      return Array.isArray(value)
        ? value.map((v, i) => convertValue(v, type.element, `${where}[${i}]`))
        : new EvalError(`${where} must be a list`);
    case 'tuple':
      return Array.isArray(value)
        ? value.map((v, i) => convertValue(v, type.elements[i] ?? ANY, `${where}[${i}]`))
        : new EvalError(`${where} must be a tuple`);
    case 'map': {
      if (!isObjectValue(value)) return new EvalError(`${where} must be a map`);
      const out: Record<string, Value> = {};
      for (const key of Object.keys(value))
        out[key] = convertValue(value[key], type.element, `${where}.${key}`);
      return out;
    }
    case 'object': {
      if (!isObjectValue(value)) return new EvalError(`${where} must be an object`);
      const out: Record<string, Value> = {};
      for (const [key, attribute] of type.attributes) {
        if (Object.hasOwn(value, key) && value[key] !== null)
          out[key] = convertValue(value[key], attribute.type, `${where}.${key}`);
        else if (attribute.optional)
          out[key] = attribute.fallback
            ? convertValue(evaluate(attribute.fallback, NO_SCOPE), attribute.type, `${where}.${key}`)
            : null;
        else if (Object.hasOwn(value, key)) out[key] = null;
        else return new EvalError(`${where} needs the attribute "${key}"`);
      }
      return out;
    }
    default:
      return value;
  }
}
