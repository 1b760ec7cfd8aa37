/**
 * Module calls whose source is a local path (`./modules/acr`, `../../`), or whose module
 * `terraform init` installed (`.terraform/modules`, see installed-modules.ts), read as Terraform reads
 * them: the child's files are one module; its variables are the call's arguments, evaluated in the
 * caller (a reference names the caller's resource); its resources are addressed
 * `module.<name>[<key>].<type>.<name>` as a plan addresses them, and references inside resolve
 * within the same instance; `module.<name>.<output>` in the caller is the child's output. A call
 * with `count`/`for_each` is read per instance when the caller decides them, else not read (ACR-110
 * says why). Other sources (the registry, git, archives) are not read here.
 * Source: Terraform "Module Sources" (a local path begins with `./` or `../`; "local paths are not
 * installed", the files are used in place), "Modules" (calling a child module, `count` and
 * `for_each` on module calls), "Output Values" (accessing child module outputs).
 */
import path from 'node:path';
import { InventoryInputError } from '../errors';
import type { RawModuleCall, RawResource } from '../terraform-resources/raw';
import { UNKNOWN, isUnknown, unknownReason } from '../types';
import type { Block, TerraformDocument } from './document';
import { isModuleCallSetting, moduleArguments, readResources } from './expand';
import type { Instance } from './instances';
import { MAX_RESOURCE_INSTANCES, ModuleInstances } from './instances';
import type { ModuleInstanceContext, Value } from './interpret';
import { EvalError } from './interpret';
import type { ModuleBlocks } from './module-blocks';
import { moduleBlocks } from './module-blocks';
import { ModuleScope, evaluateJson, evaluateText } from './module-scope';
import { jsonPath } from './schema';
import { mayTouchRegistries } from '../terraform-resources/registry-types';

/** Where the modules of a configuration are on disk, and how to read one. */
export interface ModuleFolders {
  /** The folder of the root module (absolute), which local sources are relative to. */
  readonly folder: string;
  /**
   * The documents of the module in `folder` (absolute), or why they cannot be read here (a folder
   * without configuration files, HCL not converted). Called once per folder and reading.
   */
  readonly read: (folder: string) => readonly TerraformDocument[] | string;
  /**
   * The folder `terraform init` installed a module of another source in (the registry, git), by the
   * call's module key (`acr`, `acr.inner`), source and version constraint; or why it is not taken
   * for the call's (not installed, installed from another source or at a version the call does not
   * accept: Terraform then refuses to plan until `terraform init` runs). Undefined: no installed
   * modules are known.
   */
  readonly installed?: (
    key: string,
    source: string,
    version: string | undefined,
  ) => { readonly folder: string } | { readonly reason: string } | undefined;
}

/** What reading a module and its children gives. */
export interface ModuleReading {
  readonly resources: RawResource[];
  readonly moduleCalls: RawModuleCall[];
}

/**
 * Deepest nesting of local module calls read. Terraform rejects a module that calls itself; this
 * stops one (a `source = "./"`) with a message instead of a stack overflow.
 */
export const MAX_MODULE_DEPTH = 16;

/** True for a local module source: "A local path must begin with either ./ or ../" (Module Sources). */
export function isLocalSource(source: string): boolean {
  return /^\.\.?([/\\]|$)/.test(source);
}

/** One instance of a local module call: its address, scope and blocks. */
interface ChildInstance {
  readonly key: string | number | undefined;
  readonly module: PreparedModule;
}

/** A module whose scope is ready (variables, locals, its own calls' outputs) but not yet read. */
interface PreparedModule {
  readonly blocks: ModuleBlocks;
  readonly scope: ModuleScope;
  readonly instances: ModuleInstances;
  /** `module.<prefix>`: empty for the root module. */
  readonly prefix: string;
  /** Its module key: the names of the calls down to it, joined by dots (empty for the root module). */
  readonly key: string;
  /** Its calls read as modules, by name, or why one is not read. */
  readonly calls: ReadonlyMap<string, LocalCall | string>;
}

/** A module call with a local source, read on first use (its outputs may be needed first). */
class LocalCall {
  private read: readonly ChildInstance[] | string | undefined;
  private outputs: Value | undefined;
  private evaluating = false;

  constructor(
    private readonly block: Block,
    private readonly caller: PreparedModule,
    private readonly folder: string,
    private readonly folders: ModuleFolders,
    private readonly depth: number,
  ) {}

  /**
   * True when the module's tree (its folder and the local modules it calls) declares no resource the
   * inventory reads and runs no provisioner: then its instances, however many, change no verdict.
   */
  inert(): boolean {
    return inertTree(this.folder, this.folders, new Set(), this.depth);
  }

  /** The call's instances, or why it is not read. */
  instances(): readonly ChildInstance[] | string {
    this.read ??= this.readInstances();
    return this.read;
  }

  /** The value of `module.<name>` in the caller: the outputs (per instance for `count`/`for_each`). */
  output(): Value | undefined {
    if (this.outputs !== undefined) return this.outputs;
    if (this.evaluating) return new EvalError(`${this.address('')} depends on itself`);
    const instances = this.instances();
    if (typeof instances === 'string') return undefined;
    this.evaluating = true;
    const { body } = this.block;
    const values = instances.map((i) => outputsOf(i.module));
    this.evaluating = false;
    if (body.count !== undefined) this.outputs = values;
    else if (body.for_each !== undefined)
      this.outputs = Object.fromEntries(instances.map((i, n) => [String(i.key), values[n]]));
    else this.outputs = values[0];
    return this.outputs;
  }

  private key(): string {
    const name = this.block.labels[0];
    return this.caller.key === '' ? name : `${this.caller.key}.${name}`;
  }

  private address(suffix: string): string {
    return `${this.caller.prefix}module.${this.block.labels[0]}${suffix}`;
  }

  private readInstances(): readonly ChildInstance[] | string {
    const { block, caller } = this;
    if (this.depth > MAX_MODULE_DEPTH)
      throw new InventoryInputError(
        `${block.file}: ${jsonPath([...block.path, 'source'])}: local module calls nest deeper than ${MAX_MODULE_DEPTH} levels (does a module call itself?)`,
      );
    const documents = this.folders.read(this.folder);
    if (typeof documents === 'string') return documents;
    const blocks = moduleBlocks(documents);
    const each = caller.instances.of(block, MAX_RESOURCE_INSTANCES);
    if (isUnknown(each)) return unknownReason(each) ?? 'its instances are known only after apply';
    const list: readonly (Instance | undefined)[] = each ?? [undefined];
    return list.map((instance): ChildInstance => {
      const address = this.address(instance?.suffix ?? '');
      const scope = instance?.scope ?? caller.scope;
      const values = new Map<string, Value>();
      for (const key of Object.keys(block.body))
        if (key !== '//' && !isModuleCallSetting(key)) values.set(key, evaluateJson(block.body[key], scope));
      const child = new ModuleScope(blocks.variables, blocks.locals, {
        call: { address, file: block.file, values },
      });
      return {
        key: instance?.key,
        module: prepareModule(
          blocks,
          child,
          `${address}.`,
          this.key(),
          this.folder,
          this.folders,
          this.depth,
        ),
      };
    });
  }
}

/**
 * True when the module in `folder`, and every module it calls (which must be local: Terraform requires
 * a literal source), declares only resources that cannot create a registry or change what a rule
 * sees (registry-types.ts) and runs no provisioner. A folder that cannot be read is not inert.
 */
function inertTree(folder: string, folders: ModuleFolders, seen: Set<string>, depth: number): boolean {
  if (seen.has(folder)) return true;
  if (depth > MAX_MODULE_DEPTH) return false;
  seen.add(folder);
  const documents = folders.read(folder);
  if (typeof documents === 'string') return false;
  const blocks = moduleBlocks(documents);
  for (const block of blocks.resources)
    if (mayTouchRegistries(block.labels[0]) || block.body.provisioner !== undefined) return false;
  for (const block of blocks.modules) {
    const { source } = block.body;
    if (typeof source !== 'string' || !isLocalSource(source)) return false;
    if (!inertTree(path.resolve(folder, source), folders, seen, depth + 1)) return false;
  }
  return true;
}

/** The outputs of a module instance, evaluated in it. */
function outputsOf(module: PreparedModule): Value {
  const out: Record<string, Value> = {};
  for (const block of module.blocks.outputs)
    out[block.labels[0]] = evaluateJson(block.body.value, module.scope);
  return out;
}

/**
 * A module's scope made ready to read: the calls it reads known, so that `module.<name>.<output>`
 * resolves (through the child's outputs) before the child's resources are read.
 * @param key the module's key (see `PreparedModule.key`)
 * @param folder the module's folder (absolute), which its local sources are relative to
 */
export function prepareModule(
  blocks: ModuleBlocks,
  scope: ModuleScope,
  prefix: string,
  key: string,
  folder: string,
  folders: ModuleFolders | undefined,
  depth: number,
): PreparedModule {
  const calls = new Map<string, LocalCall | string>();
  const module: PreparedModule = {
    blocks,
    scope,
    instances: new ModuleInstances(scope),
    prefix,
    key,
    calls,
  };
  if (folders !== undefined)
    for (const block of blocks.modules) {
      const name = block.labels[0];
      const found = folderOf(block, scope, folder, folders, key === '' ? name : `${key}.${name}`);
      if (found === undefined) continue;
      calls.set(
        name,
        'reason' in found ? found.reason : new LocalCall(block, module, found.folder, folders, depth + 1),
      );
    }
  if (prefix !== '' || calls.size > 0) {
    const context: ModuleInstanceContext = {
      prefix,
      output: (name) => {
        const call = calls.get(name);
        return typeof call === 'object' ? call.output() : undefined;
      },
    };
    scope.module = context;
  }
  return module;
}

/**
 * The folder a call's module is read from: its local path, or where `terraform init` installed it;
 * a reason when an installed module is not the call's; undefined when there is none to read.
 */
function folderOf(
  block: Block,
  scope: ModuleScope,
  folder: string,
  folders: ModuleFolders,
  key: string,
): { readonly folder: string } | { readonly reason: string } | undefined {
  const { source, version } = block.body;
  if (typeof source !== 'string') return undefined;
  const value = evaluateText(source, scope);
  if (typeof value !== 'string') return undefined;
  if (isLocalSource(value)) return { folder: path.resolve(folder, value) };
  return folders.installed?.(key, value, typeof version === 'string' ? version : undefined);
}

/**
 * Reads a prepared module's resources and data sources, then its module calls: local ones read as
 * modules in turn, the others (and local ones that cannot be read) kept as calls for ACR-110.
 */
export function readPreparedModule(module: PreparedModule, out: ModuleReading): void {
  const { blocks, instances, scope, prefix } = module;
  // A child's body names its own variables and resources: never read as plain.
  const plain = blocks.plain && prefix === '';
  readResources(blocks.resources, 'managed', instances, plain, out.resources);
  readResources(blocks.data, 'data', instances, plain, out.resources);
  for (const block of blocks.modules) {
    const name = block.labels[0];
    const call = module.calls.get(name);
    const read = typeof call === 'object' ? call.instances() : call;
    if (read !== undefined && typeof read !== 'string') {
      for (const child of read) readPreparedModule(child.module, out);
      continue;
    }
    // Instances the input does not decide, of a module that cannot touch a registry: nothing to judge.
    if (typeof call === 'object' && call.inert()) continue;
    const source = block.body.source;
    const evaluated = typeof source === 'string' ? evaluateText(source, scope) : UNKNOWN;
    const repeated = block.body.count !== undefined || block.body.for_each !== undefined;
    out.moduleCalls.push({
      address: `${prefix}module.${name}`,
      name,
      file: block.file,
      source: typeof evaluated === 'string' ? evaluated : UNKNOWN,
      values: moduleArguments(block, instances),
      ...(repeated ? { presence: UNKNOWN } : {}),
      ...(typeof read === 'string' ? { notRead: read } : {}),
    });
  }
}
