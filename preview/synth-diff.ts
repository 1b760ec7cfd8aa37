/**
 * A preview without a plan: the base branch's and the pull request's synthesized cdktf trees diffed
 * offline. Added, removed and changed resources are exact; a replacement is predicted from the attributes
 * that force a new resource (FORCES_REPLACEMENT in the model), from references to replaced resources and
 * from `replace_triggered_by`; instances removed by `count` and `for_each` are deletions. Values are
 * compared as far as the stack's locals and variable defaults evaluate them (synth-values.ts); where a
 * force-new attribute, `count` or `for_each` depends on something that changed and cannot be evaluated,
 * the change carries a `possibleRemoval` with the reason, never silence. `moved` blocks are followed.
 */
import { FORCES_REPLACEMENT } from '../constructs/model/provider-defaults';
import type { ChangeSet, JsonObject, JsonValue, PossibleRemoval, ResourceChange } from './changes';
import { isObject, sameJson, sortResources } from './changes';
import { redactKnownSecrets } from './redact';
import type { ValueScope } from './synth-values';
import { changedDefinitions, resolve, scopeOf } from './synth-values';

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

/** Both sides' locals and variables. */
interface Scopes {
  readonly base: ValueScope;
  readonly head: ValueScope;
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
  const scopes = { base: scopeOf(baseDoc), head: scopeOf(headDoc) };
  const moves = movesOf(headDoc, before, after);
  const movedAway = new Set(moves.values());
  const changes = new Map<string, ResourceChange>();
  for (const address of new Set([...before.keys(), ...after.keys()])) {
    if (movedAway.has(address) && !after.has(address)) continue;
    const from = moves.get(address);
    const base = before.get(from ?? address);
    for (const change of diffResource(address, base, after.get(address), scopes, from))
      changes.set(change.address, change);
  }
  propagateReplacements(changes, after);
  explainRenames(changes);
  const list = [...changes.values()];
  const notes: string[] = [];
  if (list.some((c) => c.action === 'replace'))
    notes.push('Replacements are predicted from the configuration; a Terraform plan is the authority.');
  const unsure = list.filter((c) => c.possibleRemoval).length;
  if (unsure > 0)
    notes.push(
      `${unsure} resource${unsure === 1 ? '' : 's'} may be replaced or deleted: the diff cannot evaluate what ${unsure === 1 ? 'its' : 'their'} count, for_each or force-new attributes depend on.`,
    );
  return { stack, source: 'synth-diff', resources: sortResources(list), notes };
}

function resourcesOf(document: JsonObject | undefined): Map<string, Configured> {
  const out = new Map<string, Configured>();
  const byType = document?.resource;
  if (!isObject(byType)) return out;
  for (const [type, byName] of Object.entries(byType)) {
    if (!isObject(byName)) continue;
    for (const [name, body] of Object.entries(byName)) {
      // JSON syntax allows a body as an object or a list of objects (the first one counts).
      const block = Array.isArray(body) ? body.find(isObject) : body;
      if (isObject(block)) out.set(`${type}.${name}`, { type, name, body: block });
    }
  }
  return out;
}

/** A reference written in a meta-argument (`azurerm_x.y` or `${azurerm_x.y}`) as an address. */
function addressOf(value: JsonValue | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/^\$\{\s*/, '').replace(/\s*\}$/, '');
  const match = /^((?:data\.)?[A-Za-z0-9_]+\.[A-Za-z0-9_-]+)(?:[.[]|$)/.exec(text);
  return match?.[1];
}

/** `moved` blocks of the head whose source exists only in the base: target address -> source address. */
function movesOf(
  headDoc: JsonObject | undefined,
  before: ReadonlyMap<string, Configured>,
  after: ReadonlyMap<string, Configured>,
): Map<string, string> {
  const out = new Map<string, string>();
  const blocks = headDoc?.moved;
  for (const block of Array.isArray(blocks) ? blocks : [blocks]) {
    if (!isObject(block)) continue;
    const from = addressOf(block.from);
    const to = addressOf(block.to);
    if (from && to && before.has(from) && !after.has(from) && after.has(to)) out.set(to, from);
  }
  return out;
}

/** How many instances a block has: one, a list of keys (`[0]`, `["a"]`), or unknown. */
type Instances =
  | { readonly kind: 'single' }
  | { readonly kind: 'keys'; readonly keys: readonly string[]; readonly by: 'count' | 'for_each' }
  | {
      readonly kind: 'unknown';
      readonly by: 'count' | 'for_each';
      readonly raw: JsonValue;
      readonly dependsOn: ReadonlySet<string>;
    };

function instancesOf(body: JsonObject, scope: ValueScope): Instances {
  const by = 'count' in body ? 'count' : 'for_each' in body ? 'for_each' : undefined;
  if (!by) return { kind: 'single' };
  const raw = body[by];
  const { value, dependsOn } = resolve(raw, scope);
  if (by === 'count' && typeof value === 'number' && Number.isInteger(value) && value >= 0)
    return { kind: 'keys', by, keys: Array.from({ length: Math.min(value, 10_000) }, (_, i) => `[${i}]`) };
  if (by === 'for_each' && isObject(value))
    return { kind: 'keys', by, keys: Object.keys(value).map((k) => `[${JSON.stringify(k)}]`) };
  if (by === 'for_each' && Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return { kind: 'keys', by, keys: [...new Set(value as string[])].map((k) => `[${JSON.stringify(k)}]`) };
  return { kind: 'unknown', by, raw, dependsOn };
}

function show(value: JsonValue | undefined): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** What the count/for_each change of a block does to its instances. */
interface InstanceVerdict {
  readonly deleteAll?: string;
  readonly deleted: readonly { readonly key: string; readonly reason: string }[];
  readonly replaced?: string;
  readonly possible?: PossibleRemoval;
}

function compareInstances(
  address: string,
  base: Configured,
  head: Configured,
  scopes: Scopes,
): InstanceVerdict {
  const was = instancesOf(base.body, scopes.base);
  const will = instancesOf(head.body, scopes.head);
  if (will.kind === 'unknown' || was.kind === 'unknown') {
    const raw = (will.kind === 'unknown' ? will : (was as Extract<Instances, { kind: 'unknown' }>)).raw;
    const by = will.kind === 'unknown' ? will.by : (was as Extract<Instances, { kind: 'unknown' }>).by;
    const deps = new Set([
      ...(will.kind === 'unknown' ? will.dependsOn : []),
      ...(was.kind === 'unknown' ? was.dependsOn : []),
    ]);
    const changed = changedDefinitions(deps, scopes.base, scopes.head);
    const same = sameJson(base.body[by], head.body[by]) && was.kind === will.kind;
    if (same && changed.length === 0) return { deleted: [] };
    const because = changed.length > 0 ? `, and ${changed.join(', ')} changed` : '';
    return {
      deleted: [],
      possible: {
        action: 'delete',
        reasons: [
          `${by} is ${show(raw)}${because}: the diff cannot tell which instances of ${address} remain`,
        ],
      },
    };
  }
  if (will.kind === 'keys' && will.keys.length === 0 && (was.kind === 'single' || was.keys.length > 0))
    return { deleteAll: will.by === 'count' ? 'count is 0' : 'for_each is empty', deleted: [] };
  if (was.kind === 'keys' && will.kind === 'keys') {
    const kept = new Set(will.keys);
    const reason = (key: string): string =>
      was.by === 'count' && will.by === 'count'
        ? `count ${was.keys.length} -> ${will.keys.length}`
        : `for_each key ${key.slice(1, -1)} removed`;
    return { deleted: was.keys.filter((k) => !kept.has(k)).map((key) => ({ key, reason: reason(key) })) };
  }
  // Terraform moves `x` to `x[0]` (and back) by itself when count is added or removed; not for for_each.
  if (was.kind === 'single' && will.kind === 'keys' && will.by === 'for_each')
    return {
      replaced: `for_each added: ${address} is deleted and created again at ${address}${will.keys[0]} (a moved block keeps it)`,
      deleted: [],
    };
  if (was.kind === 'keys' && will.kind === 'single') {
    const keep = was.by === 'count' ? '[0]' : undefined;
    const gone = was.keys.filter((k) => k !== keep);
    return {
      deleted: gone.map((key) => ({ key, reason: `${was.by} removed` })),
      ...(was.by === 'for_each' && was.keys.length > 0
        ? { replaced: `for_each removed: ${address} is created anew` }
        : {}),
    };
  }
  return { deleted: [] };
}

/** What a change of one attribute amounts to. */
interface AttributeVerdict {
  readonly verdict: 'same' | 'changed' | 'may';
  readonly why?: string;
}

function compareAttribute(
  key: string,
  was: JsonValue | undefined,
  will: JsonValue | undefined,
  scopes: Scopes,
): AttributeVerdict {
  const rawSame = sameJson(was, will);
  const a = resolve(was, scopes.base);
  const b = resolve(will, scopes.head);
  const deps = new Set([...a.dependsOn, ...b.dependsOn]);
  const through = deps.size > 0 ? ` (through ${[...deps].sort().join(', ')})` : '';
  if (a.value !== undefined && b.value !== undefined) {
    if (sameJson(a.value, b.value)) return { verdict: 'same' };
    return {
      verdict: 'changed',
      ...(through ? { why: `${key} changes ${show(a.value)} -> ${show(b.value)}${through}` } : {}),
    };
  }
  const literal = (v: JsonValue | undefined): boolean => v === undefined || !JSON.stringify(v).includes('${');
  if (!rawSame) {
    // Both sides literal (or absent): an exact change. Otherwise the values cannot be compared.
    if (literal(was) && literal(will)) return { verdict: 'changed' };
    return {
      verdict: 'may',
      why: `${key} changes from ${show(was ?? null)} to ${show(will ?? null)}, which the diff cannot evaluate`,
    };
  }
  const changed = changedDefinitions(deps, scopes.base, scopes.head);
  if (changed.length === 0) return { verdict: 'same' };
  return { verdict: 'may', why: `${key} is ${show(will ?? null)}, and ${changed.join(', ')} changed` };
}

function diffResource(
  address: string,
  base: Configured | undefined,
  head: Configured | undefined,
  scopes: Scopes,
  movedFrom?: string,
): ResourceChange[] {
  const resource = (head ?? base) as Configured;
  const beforeValues = base ? attributes(base) : undefined;
  const afterValues = head ? attributes(head) : undefined;
  const path = constructPath(head?.body) ?? constructPath(base?.body);
  const identity = { type: resource.type, name: resource.name, unknownAfter: [], replacePaths: [] };
  const beforePart = {
    ...(beforeValues ? { before: redactKnownSecrets(resource.type, beforeValues) } : {}),
    ...(path ? { constructPath: path } : {}),
    ...(base ? { protectedBefore: preventDestroy(base.body) } : {}),
  };
  const common = {
    address,
    ...identity,
    ...beforePart,
    ...(afterValues ? { after: redactKnownSecrets(resource.type, afterValues) } : {}),
    ...(head ? { protectedAfter: preventDestroy(head.body) } : {}),
  };
  const moved = movedFrom ? [`moved from ${movedFrom}`] : [];
  if (!base) return [{ ...common, action: 'create', reasons: [] }];
  if (!head || !afterValues || !beforeValues)
    return [{ ...common, action: 'delete', reasons: ['no longer in the configuration'] }];
  const instances = compareInstances(address, base, head, scopes);
  // A removed instance, or the whole block, is gone after the change: it has no after side.
  const gone = (at: string, reasons: string[]): ResourceChange => ({
    address: at,
    ...identity,
    ...beforePart,
    action: 'delete',
    reasons,
  });
  const removedInstances = instances.deleted.map(({ key, reason }) => gone(`${address}${key}`, [reason]));
  if (instances.deleteAll) return [gone(address, [...moved, instances.deleteAll])];
  const forcing = new Set(FORCES_REPLACEMENT[resource.type] ?? []);
  const replacing: string[] = [];
  const why: string[] = [];
  const may: string[] = [];
  let changed = false;
  for (const key of [...new Set([...Object.keys(beforeValues), ...Object.keys(afterValues)])].sort()) {
    const verdict = compareAttribute(key, beforeValues[key], afterValues[key], scopes);
    if (verdict.verdict === 'same') continue;
    changed = true;
    if (!forcing.has(key)) continue;
    if (verdict.verdict === 'changed') {
      replacing.push(key);
      if (verdict.why) why.push(verdict.why);
    } else if (verdict.why) may.push(verdict.why);
  }
  const possible: PossibleRemoval | undefined =
    instances.possible ?? (may.length > 0 ? { action: 'replace', reasons: may } : undefined);
  const extra = possible ? { possibleRemoval: possible } : {};
  if (instances.replaced || replacing.length > 0) {
    return [
      {
        ...common,
        ...extra,
        action: 'replace',
        replaceOrder: replaceOrder(head.body),
        replacePaths: replacing,
        reasons: [...moved, ...(instances.replaced ? [instances.replaced] : []), ...why],
      },
      ...removedInstances,
    ];
  }
  return [{ ...common, ...extra, action: changed ? 'update' : 'no-op', reasons: moved }, ...removedInstances];
}

/**
 * A resource whose forcing attribute refers to a replaced resource is replaced too (e.g. a new resource
 * group), and so is one whose `replace_triggered_by` names a resource that changes.
 */
function propagateReplacements(
  changes: Map<string, ResourceChange>,
  after: ReadonlyMap<string, Configured>,
): void {
  let grew = true;
  while (grew) {
    grew = false;
    for (const [address, change] of changes) {
      if (change.action !== 'update' && change.action !== 'no-op') continue;
      const followed = forcingReferences(change).filter(
        (ref) => changes.get(ref.target)?.action === 'replace',
      );
      const triggers = triggersOf(after.get(address)?.body, changes);
      if (followed.length === 0 && triggers.sure.length === 0) {
        if (triggers.unsure.length > 0 && !change.possibleRemoval) {
          changes.set(address, {
            ...change,
            possibleRemoval: { action: 'replace', reasons: triggers.unsure },
          });
        }
        continue;
      }
      changes.set(address, {
        ...change,
        action: 'replace',
        replaceOrder: 'delete-before-create',
        replacePaths: [...new Set(followed.map((ref) => ref.key))],
        reasons: [
          ...change.reasons,
          ...new Set(followed.map((ref) => `follows the replacement of ${ref.target}`)),
          ...triggers.sure,
        ],
      });
      grew = true;
    }
  }
}

/** What `lifecycle.replace_triggered_by` of a head body triggers: for sure, or perhaps. */
function triggersOf(
  body: JsonObject | undefined,
  changes: ReadonlyMap<string, ResourceChange>,
): { sure: string[]; unsure: string[] } {
  const list = isObject(body?.lifecycle) ? body.lifecycle.replace_triggered_by : undefined;
  const sure: string[] = [];
  const unsure: string[] = [];
  for (const item of Array.isArray(list) ? list : []) {
    const target = addressOf(item);
    const change = target ? changes.get(target) : undefined;
    if (!target || !change) unsure.push(`replace_triggered_by ${show(item)}, which the diff cannot follow`);
    else if (change.action !== 'no-op' && change.action !== 'read')
      sure.push(
        `replace_triggered_by ${target}, which ${change.action === 'replace' ? 'is replaced' : `is ${change.action}d`}`,
      );
    else if (change.possibleRemoval) unsure.push(`replace_triggered_by ${target}, which may change`);
  }
  return { sure, unsure };
}

/** A deleted resource next to a created one of the same type is likely a rename without a moved block. */
function explainRenames(changes: Map<string, ResourceChange>): void {
  const created = [...changes.values()].filter((c) => c.action === 'create');
  for (const [address, change] of changes) {
    if (change.action !== 'delete' || change.reasons[0] !== 'no longer in the configuration') continue;
    const twin = created.find((c) => c.type === change.type);
    if (!twin) continue;
    changes.set(address, {
      ...change,
      reasons: [
        `no longer in the configuration (renamed to ${twin.address}? a moved block keeps the object)`,
      ],
    });
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
