/**
 * References that cross module boundaries in a plan's `configuration` section. A child module's
 * `scope = var.scope` lists only `var.scope`; the call (`module "grant" { scope =
 * module.acr.registry_id }`) lists `module.acr.registry_id`; the output (`output "registry_id" {
 * value = azurerm_container_registry.this.id }`) lists the resource. Followed hop by hop, the grant's
 * scope is `module.acr.azurerm_container_registry.this.id`, so an attachment made in one module links
 * to a registry made in another, as Terraform resolves it ("JSON Output Format", configuration
 * representation: module calls' `expressions`, modules' `outputs[].expression`).
 *
 * Only what names one thing is followed: a whole variable (`var.x`, not `var.x.id`, whose value may be
 * an object of many references), a whole output of a call without `count`/`for_each` (`module.c.o`)
 * or of one instance of a call with them (`module.c["k"].o`), and the argument of a call with
 * `count`/`for_each` only when it does not depend on the instance (`each`, `count`). Anything else is not followed, and the value stays as unknown as the plan says.
 */
import type { ConfigModule, ConfigModuleCall } from './types';
import { withoutInstanceKeys } from './addresses';

/** Hops followed at most (a Terraform configuration has no cycles; this bounds a malformed one). */
const MAX_HOPS = 16;

/** One module instance segment of an address prefix: `module.acr.`, `module.acr["prod"].`, `module.acr[0].`. */
const SEGMENT = /module\.[A-Za-z0-9_-]+(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?\./g;

/** The prefix of the module instance that calls the one at `prefix` ('' for the root module's calls). */
function parentPrefix(prefix: string): string {
  const segments = prefix.match(SEGMENT) ?? [];
  return segments.slice(0, -1).join('');
}

/** Resource references: not variables, locals, iterators, module outputs or built-ins. */
const NOT_A_RESOURCE = /^(?:var|local|each|count|path|module|terraform|self)\./;

/** The `references` of an expression, or undefined. */
function referencesOf(expression: unknown): string[] | undefined {
  if (typeof expression !== 'object' || expression === null) return undefined;
  const refs = (expression as { references?: unknown }).references;
  return Array.isArray(refs) ? refs.filter((r): r is string => typeof r === 'string') : undefined;
}

/** The module calls of a plan's configuration, by the call's path (`module.a.module.b.`). */
export class ModuleReferences {
  private readonly calls = new Map<string, ConfigModuleCall>();

  constructor(root: ConfigModule | undefined) {
    this.index(root, '');
  }

  private index(module: ConfigModule | undefined, prefix: string): void {
    for (const [name, call] of Object.entries(module?.module_calls ?? {})) {
      const path = `${prefix}module.${name}.`;
      this.calls.set(path, call);
      this.index(call.module, path);
    }
  }

  /**
   * The resource references, with their module prefix, that `name` (a reference listed in an
   * expression of the module instance at `prefix`) stands for: `var.x` through the instance's call,
   * `module.c.o` through the output; undefined when it is neither or cannot be followed.
   */
  follow(name: string, prefix: string, hops = 0): string[] | undefined {
    if (hops >= MAX_HOPS) return undefined;
    const variable = /^var\.([A-Za-z0-9_-]+)$/.exec(name);
    if (variable) {
      if (prefix === '') return undefined; // a root variable: its value is the plan's, not a reference
      const call = this.calls.get(withoutInstanceKeys(prefix));
      const refs = referencesOf(call?.expressions?.[variable[1]]);
      if (!refs) return undefined;
      // One value for every instance, unless it depends on the instance.
      if (refs.some((r) => /^(?:each|count)\./.test(r))) return undefined;
      return this.resolve(refs, parentPrefix(prefix), hops + 1);
    }
    const output = /^module\.([A-Za-z0-9_-]+)(\[(?:\d+|"(?:[^"\\]|\\.)*")\])?\.([A-Za-z0-9_-]+)$/.exec(name);
    if (output) {
      const [, call, key = '', outputName] = output;
      const module = this.calls.get(`${withoutInstanceKeys(prefix)}module.${call}.`);
      // An instance key names one instance of a call with count or for_each; no key, a call without.
      const instanced = module?.count_expression !== undefined || module?.for_each_expression !== undefined;
      if (!module || instanced !== (key !== '')) return undefined;
      const refs = referencesOf(module.module?.outputs?.[outputName]?.expression);
      if (!refs) return undefined;
      return this.resolve(refs, `${prefix}module.${call}${key}.`, hops + 1);
    }
    return undefined;
  }

  /**
   * The resource references `refs` (listed in the module instance at `prefix`) stand for; undefined
   * when one of them cannot be followed (a local, a variable's attribute: the value is not only
   * references), except the shorter forms Terraform lists after a reference (`module.c` after
   * `module.c.o`).
   */
  private resolve(refs: readonly string[], prefix: string, hops: number): string[] | undefined {
    const out: string[] = [];
    for (const ref of refs) {
      if (!NOT_A_RESOURCE.test(ref)) {
        out.push(prefix + ref);
        continue;
      }
      const followed = this.follow(ref, prefix, hops);
      if (followed) out.push(...followed);
      else if (!refs.some((other) => other.startsWith(`${ref}.`) || other.startsWith(`${ref}[`)))
        return undefined;
    }
    return out.length > 0 ? out : undefined;
  }
}
