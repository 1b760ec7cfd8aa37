/**
 * A preview without a plan: the base branch's and the pull request's synthesized cdktf trees diffed
 * offline. Added, removed and changed resources are exact; a replacement is predicted from the attributes
 * that force a new resource (FORCES_REPLACEMENT in the model) and from references to replaced resources.
 */
import { FORCES_REPLACEMENT } from '../constructs/model/provider-defaults';
import type { ChangeSet, JsonObject, JsonValue, ResourceChange } from './changes';
import { isObject, sameJson, sortResources } from './changes';
import { redactKnownSecrets } from './redact';

/** One synthesized tree: each stack's `cdk.tf.json` document, in manifest order. */
export interface SynthTree {
  readonly stacks: ReadonlyMap<string, JsonObject>;
}

/** Terraform meta-arguments: they configure Terraform, not the Azure resource, so they are not attributes. */
const META_KEYS = new Set([
  '//',
  'lifecycle',
  'depends_on',
  'provider',
  'count',
  'for_each',
  'provisioner',
  'connection',
]);

/** A Terraform reference inside a synthesized string: `${type.name.attribute...}`. */
const REFERENCE = /\$\{([A-Za-z0-9_]+)\.([A-Za-z0-9_-]+)\./g;

/** One configured resource of a stack. */
interface Configured {
  readonly type: string;
  readonly name: string;
  readonly body: JsonObject;
}

/** The change sets from `base` to `head`: stacks of `head` first (its order), then stacks only in `base`. */
export function diffSynthTrees(base: SynthTree, head: SynthTree): ChangeSet[] {
  const names = [...head.stacks.keys(), ...[...base.stacks.keys()].filter((name) => !head.stacks.has(name))];
  return names.map((stack) => diffStack(stack, base.stacks.get(stack), head.stacks.get(stack)));
}

/** Construct paths by Terraform address, from the `//` metadata of every resource of a stack document. */
export function constructPathsOf(document: JsonObject): Map<string, string> {
  const out = new Map<string, string>();
  for (const [address, resource] of resourcesOf(document)) {
    const path = constructPath(resource.body);
    if (path) out.set(address, path);
  }
  return out;
}

function diffStack(
  stack: string,
  baseDoc: JsonObject | undefined,
  headDoc: JsonObject | undefined,
): ChangeSet {
  const before = resourcesOf(baseDoc);
  const after = resourcesOf(headDoc);
  const changes = new Map<string, ResourceChange>();
  for (const address of new Set([...before.keys(), ...after.keys()])) {
    changes.set(address, diffResource(address, before.get(address), after.get(address)));
  }
  propagateReplacements(changes);
  const notes = [...changes.values()].some((c) => c.action === 'replace')
    ? ['Replacements are predicted from the configuration; a Terraform plan is the authority.']
    : [];
  return { stack, source: 'synth-diff', resources: sortResources([...changes.values()]), notes };
}

function resourcesOf(document: JsonObject | undefined): Map<string, Configured> {
  const out = new Map<string, Configured>();
  const byType = document?.resource;
  if (!isObject(byType)) return out;
  for (const [type, byName] of Object.entries(byType)) {
    if (!isObject(byName)) continue;
    for (const [name, body] of Object.entries(byName)) {
      if (isObject(body)) out.set(`${type}.${name}`, { type, name, body });
    }
  }
  return out;
}

function diffResource(
  address: string,
  base: Configured | undefined,
  head: Configured | undefined,
): ResourceChange {
  const resource = (head ?? base) as Configured;
  const beforeValues = base ? attributes(base) : undefined;
  const afterValues = head ? attributes(head) : undefined;
  const path = constructPath(head?.body) ?? constructPath(base?.body);
  const common = {
    address,
    type: resource.type,
    name: resource.name,
    unknownAfter: [],
    replacePaths: [],
    ...(beforeValues ? { before: redactKnownSecrets(resource.type, beforeValues) } : {}),
    ...(afterValues ? { after: redactKnownSecrets(resource.type, afterValues) } : {}),
    ...(path ? { constructPath: path } : {}),
    ...(base ? { protectedBefore: preventDestroy(base.body) } : {}),
    ...(head ? { protectedAfter: preventDestroy(head.body) } : {}),
  };
  if (!base) return { ...common, action: 'create', reasons: [] };
  if (!head || !afterValues || !beforeValues)
    return { ...common, action: 'delete', reasons: ['no longer in the configuration'] };
  const changed = changedKeys(beforeValues, afterValues);
  if (changed.length === 0) return { ...common, action: 'no-op', reasons: [] };
  const forcing = changed.filter((key) => (FORCES_REPLACEMENT[resource.type] ?? []).includes(key));
  if (forcing.length === 0) return { ...common, action: 'update', reasons: [] };
  return {
    ...common,
    action: 'replace',
    replaceOrder: replaceOrder(head.body),
    replacePaths: forcing,
    reasons: [],
  };
}

/** A resource whose forcing attribute refers to a replaced resource is replaced too (e.g. a new resource group). */
function propagateReplacements(changes: Map<string, ResourceChange>): void {
  let grew = true;
  while (grew) {
    grew = false;
    for (const [address, change] of changes) {
      if (change.action !== 'update' && change.action !== 'no-op') continue;
      const followed = forcingReferences(change).filter(
        (ref) => changes.get(ref.target)?.action === 'replace',
      );
      if (followed.length === 0) continue;
      changes.set(address, {
        ...change,
        action: 'replace',
        replaceOrder: 'delete-before-create',
        replacePaths: [...new Set(followed.map((ref) => ref.key))],
        reasons: [...new Set(followed.map((ref) => `follows the replacement of ${ref.target}`))],
      });
      grew = true;
    }
  }
}

/** The resources that forcing attributes of `change` refer to, with the attribute. */
function forcingReferences(change: ResourceChange): { key: string; target: string }[] {
  const out: { key: string; target: string }[] = [];
  for (const key of FORCES_REPLACEMENT[change.type] ?? []) {
    for (const value of strings(change.after?.[key])) {
      for (const match of value.matchAll(REFERENCE)) out.push({ key, target: `${match[1]}.${match[2]}` });
    }
  }
  return out;
}

function strings(value: JsonValue | undefined): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (isObject(value)) return Object.values(value).flatMap(strings);
  return [];
}

function attributes(resource: Configured): JsonObject {
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(resource.body)) if (!META_KEYS.has(key)) out[key] = value;
  return out;
}

function changedKeys(before: JsonObject, after: JsonObject): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => !sameJson(before[key], after[key])).sort();
}

function constructPath(body: JsonObject | undefined): string | undefined {
  const meta = body?.['//'];
  const path = isObject(meta) && isObject(meta.metadata) ? meta.metadata.path : undefined;
  return typeof path === 'string' ? path : undefined;
}

function preventDestroy(body: JsonObject): boolean {
  return isObject(body.lifecycle) && body.lifecycle.prevent_destroy === true;
}

function replaceOrder(body: JsonObject): 'create-before-destroy' | 'delete-before-create' {
  return isObject(body.lifecycle) && body.lifecycle.create_before_destroy === true
    ? 'create-before-destroy'
    : 'delete-before-create';
}
