/**
 * Small helpers that rules use to say what they found.
 */
import type { Registry, Setting, SourceLocation } from '../inventory/types';
import { isUnknown } from '../inventory/types';
import type { Outcome } from './types';

/** A pass. */
export function pass(message: string, source?: SourceLocation): Outcome {
  return source ? { result: 'pass', message, source } : { result: 'pass', message };
}

/** A failure. */
export function fail(message: string, source?: SourceLocation): Outcome {
  return source ? { result: 'fail', message, source } : { result: 'fail', message };
}

/** Known only after apply. */
export function unknown(message: string, source?: SourceLocation): Outcome {
  return source ? { result: 'unknown', message, source } : { result: 'unknown', message };
}

/** Nothing to judge. */
export function notApplicable(message: string, source?: SourceLocation): Outcome {
  return source ? { result: 'not-applicable', message, source } : { result: 'not-applicable', message };
}

/** A display name for a registry (its name, or its address when the name is unknown). */
export function registryLabel(registry: Registry): string {
  return typeof registry.name === 'string' && registry.name !== '' ? registry.name : registry.source.address;
}

/** Judges a boolean setting against the value it should have. */
export function expectSetting(
  registry: Registry,
  value: Setting<boolean>,
  wanted: boolean,
  what: string,
  source?: SourceLocation,
): Outcome {
  const name = registryLabel(registry);
  if (isUnknown(value)) return unknown(`${what} of ${name} is only known after apply`, source);
  const state = value ? 'enabled' : 'disabled';
  return value === wanted
    ? pass(`${what} is ${state} on ${name}`, source)
    : fail(`${what} is ${state} on ${name}`, source);
}

/** The SKU of a registry, when known. */
export function skuOf(registry: Registry): string | undefined {
  return isUnknown(registry.sku) ? undefined : registry.sku;
}

/** The scheme and host of a URI, never its path or query (they can hold secrets). */
export function redactUri(uri: string): string {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#@]*@?[^/?#]*)/.exec(uri);
  const base = match ? match[1] : uri.split(/[/?#]/)[0];
  return base.replace(/\/\/[^@/]*@/, '//');
}
