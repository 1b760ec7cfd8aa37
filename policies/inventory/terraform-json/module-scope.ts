/**
 * What `var.*` and `local.*` mean in a root module: each variable's value from `-var`, a variables
 * file or its default (in Terraform's order of precedence), converted to its type; each local
 * evaluated on first use. A variable without a value is UNKNOWN with the reason and what would decide
 * it. Source: Terraform "Input Variables" (assigning values, variable definition precedence).
 */
import { InventoryInputError } from '../errors';
import type { Unknown } from '../types';
import { isUnknown, unknownBecause } from '../types';
import type { Block, LocalValue } from './document';
import { ExpressionSyntaxError, isTemplate, parseExpression, parseTemplate } from './expression';
import type { ModuleInstanceContext, Scope, Value } from './interpret';
import { evaluate } from './interpret';
// From values.ts, not interpret.ts's re-export: toRaw runs for every evaluated string.
import { EvalError, Ref, isObjectValue } from './values';
import type { JsonObject } from './json-object';
import { isJsonObject, jsonPath } from './schema';
import type { TypeConstraint } from './type-constraint';
import { convertValue, parseTypeConstraint } from './type-constraint';

/** Values given for a module's variables, besides their defaults. */
export interface VariableInputs {
  /** `-var name=value` arguments, in command-line order (later wins). @default [] */
  readonly vars?: readonly string[];
  /** Parsed variables files (`*.tfvars.json`, converted `*.tfvars`), lowest precedence first. @default [] */
  readonly files?: readonly { readonly file: string; readonly values: JsonObject }[];
  /**
   * The arguments of the module call that reads this module as a child, evaluated in the caller
   * (references name the caller's resources), and the call's address for messages. A child module
   * takes its variables from these only. @default none (a root module)
   */
  readonly call?: {
    readonly address: string;
    readonly file: string;
    readonly values: ReadonlyMap<string, Value>;
  };
}

/** Deepest nesting of values read (a guard against stack exhaustion on hostile input). */
export const MAX_VALUE_DEPTH = 64;

/** A JSON value of the configuration (a template string, a number, a list, an object) evaluated. */
export function evaluateJson(value: unknown, scope: Scope, depth = 0): Value {
  if (depth > MAX_VALUE_DEPTH)
    return new EvalError(`values are nested deeper than ${MAX_VALUE_DEPTH} levels`);
  if (typeof value === 'string') return isTemplate(value) ? evaluateText(value, scope) : value;
  if (Array.isArray(value)) return value.map((v) => evaluateJson(v, scope, depth + 1));
  if (isJsonObject(value)) {
    if (isUnknown(value)) return value as Unknown;
    const out: Record<string, Value> = {};
    for (const key of Object.keys(value))
      if (key !== '//') out[key] = evaluateJson(value[key], scope, depth + 1);
    return out;
  }
  return (value ?? null) as Value;
}

/** A template string evaluated; text Terraform cannot parse is an error value. */
export function evaluateText(text: string, scope: Scope): Value {
  try {
    return evaluate(parseTemplate(text), scope);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError)
      return new EvalError(`"${text.slice(0, 60)}" is not a valid expression: ${error.message}`);
    throw error;
  }
}

interface Declared {
  readonly block: Block;
  readonly type: TypeConstraint;
}

/** The `var.*` and `local.*` of one root module, evaluated lazily and once each. */
export class ModuleScope implements Scope {
  readonly names = new Map<string, Value>();
  /** The child module instance this is the scope of (see `Scope.module`); undefined for a root module. */
  module: ModuleInstanceContext | undefined = undefined;
  /** This reading of the module (see `Scope.reading`). */
  readonly reading = {};
  /** Empty (no string names a name of the module's scope): it marks the scope as shared. */
  readonly rawInScope = new Map<string, unknown>();
  private readonly declared = new Map<string, Declared>();
  private readonly given = new Map<string, { value: unknown; from: string; raw: boolean }>();
  private readonly variables = new Map<string, Value>();
  private readonly localsByName = new Map<string, LocalValue>();
  private readonly localValues = new Map<string, Value>();
  private readonly evaluating = new Set<string>();

  private readonly call: VariableInputs['call'];

  constructor(variables: readonly Block[], locals: readonly LocalValue[], inputs: VariableInputs = {}) {
    this.call = inputs.call;
    for (const block of variables) {
      const name = block.labels[0];
      this.declared.set(name, { block, type: parseTypeConstraint(block.body.type) });
    }
    for (const local of locals) {
      const earlier = this.localsByName.get(local.name);
      if (earlier)
        throw new InventoryInputError(
          `${local.file}: ${jsonPath(local.path)}: local.${local.name} is declared twice (also in ${earlier.file})`,
        );
      this.localsByName.set(local.name, local);
    }
    for (const { file, values } of inputs.files ?? []) {
      // Terraform warns about, and ignores, values for undeclared variables in files.
      for (const name of Object.keys(values))
        if (this.declared.has(name)) this.given.set(name, { value: values[name], from: file, raw: false });
    }
    for (const assignment of inputs.vars ?? []) {
      const eq = assignment.indexOf('=');
      const name = eq > 0 ? assignment.slice(0, eq).trim() : '';
      if (!name) throw new InventoryInputError(`-var ${assignment}: expected name=value`);
      if (!this.declared.has(name))
        throw new InventoryInputError(`-var ${name}: the module declares no variable "${name}"`);
      this.given.set(name, { value: assignment.slice(eq + 1), from: `-var ${name}`, raw: true });
    }
  }

  /** Names of the declared variables that have no value. */
  unset(): string[] {
    return [...this.declared.keys()].filter((name) => isUnknown(this.variable(name))).sort();
  }

  variable = (name: string): Value => {
    let value = this.variables.get(name);
    if (value === undefined) {
      value = this.resolveVariable(name);
      this.variables.set(name, value);
    }
    return value;
  };

  local = (name: string): Value => {
    const cached = this.localValues.get(name);
    if (cached !== undefined) return cached;
    const local = this.localsByName.get(name);
    if (!local) return new EvalError(`no local value "${name}" is declared`);
    if (this.evaluating.has(name)) return new EvalError(`local.${name} refers to itself`);
    this.evaluating.add(name);
    const value = evaluateJson(local.value, this);
    this.evaluating.delete(name);
    this.localValues.set(name, value);
    return value;
  };

  private resolveVariable(name: string): Value {
    const declared = this.declared.get(name);
    if (!declared) return new EvalError(`no variable "${name}" is declared`);
    const { block, type } = declared;
    const nullable = block.body.nullable !== false && block.body.nullable !== 'false';
    const { call } = this;
    if (call !== undefined) return this.argument(name, block, type, nullable, call);
    const given = this.given.get(name);
    if (given && !(given.value === null && !nullable)) {
      const raw = given.raw
        ? this.commandLineValue(given.value as string, type, given.from)
        : (given.value as Value);
      return this.converted(raw, type, given.from, name);
    }
    const fallback = this.defaultOf(name, block, type, nullable);
    if (fallback !== undefined) return fallback;
    return unknownBecause(
      `var.${name} has no value (pass -var ${name}=... or a variables file with --var-file, or check the plan)`,
    );
  }

  /**
   * A child module's variable: the call's argument, else the default. A call without an argument the
   * module requires is one Terraform rejects ("Missing required argument").
   * Source: Terraform "Modules" (calling a child module: arguments are the module's input variables).
   */
  private argument(
    name: string,
    block: Block,
    type: TypeConstraint,
    nullable: boolean,
    call: NonNullable<VariableInputs['call']>,
  ): Value {
    const value = call.values.get(name);
    // An argument Terraform would reject stays that error (the resources using it say so).
    if (value instanceof EvalError) return value;
    if (value !== undefined && !(value === null && !nullable))
      return this.converted(value, type, `${call.file}: ${call.address} argument ${name}`, name);
    const fallback = this.defaultOf(name, block, type, nullable);
    // A null default is a value (`??` would take it for none).
    if (fallback !== undefined) return fallback;
    return new EvalError(`${call.address} does not set ${name}, which the module requires`);
  }

  /**
   * A variable's default (null for `default = null` on a nullable variable), or undefined when it
   * declares none. A default is a literal value (the JSON syntax does not interpolate it).
   */
  private defaultOf(name: string, block: Block, type: TypeConstraint, nullable: boolean): Value | undefined {
    if (!Object.hasOwn(block.body, 'default')) return undefined;
    if (block.body.default === null && !nullable) return null;
    const from = `${block.file} ${jsonPath([...block.path, 'default'])}`;
    return this.converted(block.body.default as Value, type, from, name);
  }

  /** A `-var` value: raw text for a primitive type, an HCL literal for a collection or object type. */
  private commandLineValue(text: string, type: TypeConstraint, from: string): Value {
    if (type.k === 'string' || type.k === 'number' || type.k === 'bool' || type.k === 'any') return text;
    try {
      return evaluate(parseExpression(text), this.literalOnly);
    } catch (error) {
      if (error instanceof ExpressionSyntaxError)
        throw new InventoryInputError(`${from}: not a valid value (${error.message})`);
      throw error;
    }
  }

  private readonly literalOnly: Scope = {
    variable: () => new EvalError('a -var value cannot refer to variables'),
    local: () => new EvalError('a -var value cannot refer to locals'),
    names: new Map(),
  };

  private converted(value: Value, type: TypeConstraint, from: string, name: string): Value {
    const converted = convertValue(value, type, `var.${name}`);
    if (converted instanceof EvalError) throw new InventoryInputError(`${from}: ${converted.message}`);
    return converted;
  }
}

/** A value for the inventory: references as `${...}` strings, errors as UNKNOWNs naming them. */
export function toRaw(value: Value): unknown {
  if (value instanceof Ref) return `\${${value.text}}`;
  if (value instanceof EvalError)
    return unknownBecause(`Terraform would reject this value: ${value.message}`);
  if (Array.isArray(value)) return value.map(toRaw);
  if (isObjectValue(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = toRaw(value[key]);
    return out;
  }
  return value;
}
