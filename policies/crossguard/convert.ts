/**
 * CrossGuard's view of a stack (`PolicyResource[]`) as the records the Pulumi inventory adapter reads.
 * Props come wrapped in a proxy that throws on unknown values; the adapter wants UNKNOWN instead.
 */
import type { PolicyResource } from '@pulumi/policy';
import * as proxy from '@pulumi/policy/proxy';
import type { PulumiResourceRecord } from '../inventory/pulumi-resources/build';
import { UNKNOWN } from '../inventory/types';

/** `@pulumi/policy` 1.21 `proxy.js` exports its sentinels at runtime only (not in its type declarations). */
const proxyModule = proxy as unknown as Readonly<Record<string, unknown>>;
const UNKNOWN_SENTINELS: ReadonlySet<unknown> = new Set(
  Object.entries(proxyModule)
    .filter(([key]) => /^unknown\w+Value$/.test(key))
    .map(([, value]) => value),
);
const getSpecialProxyTarget = String(proxyModule.getSpecialProxyTarget ?? '__getSpecialProxyTarget');

/** The object behind the unknown-checking proxy (or the value itself). */
function unproxied(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const target = (value as Record<string, unknown>)[getSpecialProxyTarget];
  return target ?? value;
}

/** A plain deep copy with CrossGuard's unknown sentinels replaced by UNKNOWN. */
export function plainProps(value: unknown): unknown {
  const v = unproxied(value);
  if (UNKNOWN_SENTINELS.has(v)) return UNKNOWN;
  if (Array.isArray(v)) return v.map(plainProps);
  if (typeof v === 'object' && v !== null)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plainProps(x)]));
  return v;
}

/** Type tokens of non-custom resources: the stack and our components (and any `pkg:index:Name` of a program). */
function isComponent(type: string): boolean {
  return type === 'pulumi:pulumi:Stack' || type.startsWith('acr-iac:');
}

/** Converts CrossGuard resources to adapter records. */
export function recordsFromPolicyResources(resources: readonly PolicyResource[]): PulumiResourceRecord[] {
  return resources.map((r) => ({
    urn: r.urn,
    type: r.type,
    name: r.name,
    custom: !isComponent(r.type),
    parent: r.parent?.urn,
    protect: r.opts?.protect === true,
    inputs: (plainProps(r.props) ?? {}) as Record<string, unknown>,
    propertyDependencies: Object.fromEntries(
      Object.entries(r.propertyDependencies ?? {}).map(([key, deps]) => [key, deps.map((d) => d.urn)]),
    ),
  }));
}

/** The stack name in a URN (`urn:pulumi:<stack>::<project>::...`). */
export function stackOfUrn(urn: string): string | undefined {
  return /^urn:pulumi:([^:]+)::/.exec(urn)?.[1];
}
