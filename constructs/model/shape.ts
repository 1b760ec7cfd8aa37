/**
 * The vocabulary of declaration shapes: the kinds of value a declaration property may hold, and the
 * builders the shape table in declaration-shape.ts is written with. `ShapeOf<T>` types a shape from
 * the interface it describes, so a table that drifts from its interface does not compile.
 */

/** A string; every string of a declaration must also pass `textProblem`. */
export interface StringShape {
  readonly kind: 'string';
}
/** A finite number. */
export interface NumberShape {
  readonly kind: 'number';
}
/** true or false. */
export interface BooleanShape {
  readonly kind: 'boolean';
}
/** An object of string values under string keys (tags). */
export interface RecordShape {
  readonly kind: 'record';
}
/** A list whose every element has one shape. */
export interface ArrayShape<E> {
  readonly kind: 'array';
  readonly element: ShapeOf<E>;
}
/** A property of an object: its shape and whether it may be left out. */
export interface Field<S> {
  readonly shape: S;
  readonly optional: boolean;
}
/** An object with exactly these properties. */
export interface ObjectShape<T> {
  readonly kind: 'object';
  readonly fields: {
    readonly [K in keyof T]-?: Field<ShapeOf<Exclude<T[K], undefined>>> & {
      readonly optional: undefined extends T[K] ? true : false;
    };
  };
}
/** One of several object shapes, told apart by their `type` property. */
export interface UnionShape<T extends { readonly type: string }> {
  readonly kind: 'union';
  readonly options: { readonly [D in T['type']]: ObjectShape<Extract<T, { readonly type: D }>> };
}

/** True when `T` is a union of several types. */
type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;

/** The shape that describes values of type `T`. */
export type ShapeOf<T> = [T] extends [string]
  ? StringShape
  : [T] extends [number]
    ? NumberShape
    : [T] extends [boolean]
      ? BooleanShape
      : [T] extends [readonly (infer E)[]]
        ? ArrayShape<E>
        : true extends IsUnion<T>
          ? [T] extends [{ readonly type: string }]
            ? UnionShape<T>
            : never
          : [T] extends [Readonly<Record<string, string>>]
            ? RecordShape
            : ObjectShape<T>;

/** Any shape, for the walker. */
export type AnyShape =
  | StringShape
  | NumberShape
  | BooleanShape
  | RecordShape
  | { readonly kind: 'array'; readonly element: AnyShape }
  | { readonly kind: 'object'; readonly fields: Readonly<Record<string, Field<AnyShape>>> }
  | { readonly kind: 'union'; readonly options: Readonly<Record<string, AnyShape>> };

/** The shapes of the scalar values and of tag maps. */
export const text: StringShape = { kind: 'string' };
export const num: NumberShape = { kind: 'number' };
export const bool: BooleanShape = { kind: 'boolean' };
export const tags: RecordShape = { kind: 'record' };

/** A property that must be present. */
export function required<S>(shape: S): { readonly shape: S; readonly optional: false } {
  return { shape, optional: false };
}

/** A property that may be left out. */
export function optional<S>(shape: S): { readonly shape: S; readonly optional: true } {
  return { shape, optional: true };
}

/** A list of `element`s. */
export function list<E>(element: ShapeOf<E>): ArrayShape<E> {
  return { kind: 'array', element };
}

/** An object of these fields. */
export function object<T>(fields: ObjectShape<T>['fields']): ObjectShape<T> {
  return { kind: 'object', fields };
}
