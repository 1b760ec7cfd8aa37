/**
 * Building the azure-native view of a classic Pulumi resource (classic-resources.ts): its inputs renamed,
 * each with the classic inputs it comes from (their property dependencies follow), azurerm's defaults
 * written out where a classic input is absent, and inline blocks as records of their own.
 */
import type { IncompleteLists } from '../input-notes';
import { isUnknown } from '../types';
import type { PulumiResourceRecord } from './build';
import { plain } from './values';

export type Inputs = Readonly<Record<string, unknown>>;

/** The azure-native inputs of a view, each with the classic inputs it comes from (their dependencies). */
export type Mapped = Readonly<Record<string, { readonly value: unknown; readonly from: readonly string[] }>>;

/** A value as it came, or through `f` when it is a value (absent stays absent, unknown stays unknown). */
export function mapValue(value: unknown, f: (v: unknown) => unknown): unknown {
  const v = plain(value);
  if (v === undefined || v === null || isUnknown(v)) return v ?? undefined;
  return f(v);
}

/** A value, or `fallback` (azurerm's default) when absent. */
export function orDefault(value: unknown, fallback: unknown): unknown {
  const v = plain(value);
  return v === undefined || v === null ? fallback : value;
}

/** A boolean as an azure-native status (`Enabled`/`Disabled`, or lowercase); other values as they are. */
export function statusOf(value: unknown, fallback: boolean, [on, off] = ['Enabled', 'Disabled']): unknown {
  return mapValue(orDefault(value, fallback), (v) => (v === true ? on : v === false ? off : v));
}

export const POLICY_STATUS: [string, string] = ['enabled', 'disabled'];

/** One input from classic inputs of the same name. */
export function same(inputs: Inputs, key: string): Mapped[string] {
  return { value: inputs[key], from: [key] };
}

/** Builds a view of `r` with `mapped` as its inputs (absent ones left out) and their dependencies. */
export function view(
  r: PulumiResourceRecord,
  type: string,
  mapped: Mapped,
  incomplete?: IncompleteLists,
): PulumiResourceRecord {
  const inputs: Record<string, unknown> = {};
  const propertyDependencies: Record<string, string[]> = {};
  for (const [key, { value, from }] of Object.entries(mapped)) {
    if (value !== undefined) inputs[key] = value;
    const urns = [...new Set(from.flatMap((k) => r.propertyDependencies[k] ?? []))];
    if (urns.length > 0) propertyDependencies[key] = urns;
  }
  return {
    ...r,
    type,
    inputs,
    propertyDependencies,
    viewOf: { type: r.type, ...(incomplete && { incomplete }) },
  };
}

/** A part of `r` (an inline block) as a record of its own, located at `r`. */
export function part(
  r: PulumiResourceRecord,
  suffix: string,
  type: string,
  inputs: Inputs,
  propertyDependencies: Readonly<Record<string, readonly string[]>>,
): PulumiResourceRecord {
  const deps: Record<string, readonly string[]> = {};
  for (const [key, urns] of Object.entries(propertyDependencies)) if (urns.length > 0) deps[key] = urns;
  const defined: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(inputs)) if (value !== undefined) defined[key] = value;
  return {
    urn: `${r.urn}#${suffix}`,
    type,
    name: r.name,
    custom: false,
    parent: r.parent,
    protect: r.protect,
    inputs: defined,
    propertyDependencies: deps,
    viewOf: { type: r.type, partOf: r.urn },
  };
}
