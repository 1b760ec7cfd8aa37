/**
 * Synthesizes environments with cdktf's Testing helpers and returns the parsed cdk.tf.json.
 */
import { Testing } from 'cdktf';
import type {
  AzureBackendDeclaration,
  EnvironmentDeclaration,
  EstateDeclaration,
} from '../../constructs/model/declaration';
import { defineEstate } from '../../constructs/model/estate';
import { EnvironmentStack } from '../../constructs/cdktf/environment-stack';

/** A synthesized stack: `resource.<type>.<name>` and the rest of cdk.tf.json. */
export interface StackJson {
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly variable?: Record<string, Record<string, unknown>>;
  readonly output?: Record<string, Record<string, unknown>>;
  readonly terraform: Record<string, unknown>;
  readonly [key: string]: unknown;
}

/** Validates the estate, builds every stack and returns the synthesized stacks by environment name. */
export function synthEstate(estate: EstateDeclaration): Record<string, StackJson> {
  const resolved = defineEstate(estate);
  const app = Testing.app();
  const out: Record<string, StackJson> = {};
  for (const environment of resolved.environments) {
    const stack = new EnvironmentStack(app, { environment, backend: resolved.backend });
    out[environment.name] = JSON.parse(Testing.synth(stack)) as StackJson;
  }
  return out;
}

/** Synthesizes the last environment of a chain (the others are its predecessors). */
export function synthLast(...environments: EnvironmentDeclaration[]): StackJson {
  const stacks = synthEstate({ environments });
  return stacks[environments[environments.length - 1].name];
}

/** Synthesizes one environment with an optional backend. */
export function synthOne(environment: EnvironmentDeclaration, backend?: AzureBackendDeclaration): StackJson {
  return synthEstate({ environments: [environment], backend })[environment.name];
}

/** The resources of one type, in name order. */
export function resources(stack: StackJson, type: string): Record<string, unknown>[] {
  const byName = stack.resource[type] ?? {};
  return Object.keys(byName)
    .sort()
    .map((name) => byName[name]);
}

/** The single resource of `type`; fails when there is not exactly one. */
export function only(stack: StackJson, type: string): Record<string, unknown> {
  const all = resources(stack, type);
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}
