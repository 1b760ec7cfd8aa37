/**
 * Reads input paths into inventories: a `cdktf.out/` folder (every stack of its manifest), a stack
 * folder holding cdk.tf.json, a Terraform root module folder (`*.tf.json`, `*.tf`), configuration
 * files (those of one folder form one root module), or a single JSON file (Terraform plan, Pulumi
 * preview, Terraform JSON) whose format is detected by the adapters below. Each inventory says how
 * its environment was decided. The only file I/O of the policy engine (besides the suppressions file).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { EnvironmentChoice, EnvironmentClues } from './environment-name';
import { chooseEnvironment } from './environment-name';
import { inventoryFromCdktfJson, isCdktfDocument, listCdktfStacks, readCdktfFile } from './cdktf/read';
import { InventoryInputError } from './errors';
import type { PlanCheckChange } from './plan/read';
import { PLAN_CHECK_OPTIONS, inventoryFromPlanJson, isPlanDocument, planInventory } from './plan/read';
import type { PreviewCheckStep } from './pulumi-preview/read';
import {
  PREVIEW_CHECK_OPTIONS,
  inventoryFromPulumiPreviewJson,
  isPulumiPreviewDocument,
  previewInventory,
} from './pulumi-preview/read';
import type { InputDocument, ReadDocumentOptions } from './read-document';
import { readDocumentFile as readInputDocument } from './read-document';
import { readJsonInput } from './read-json';
import { isTerraformJsonDocument } from './terraform-json/document';
import {
  inventoryFromTerraformJson,
  isConfigurationFile,
  isVariablesFile,
  moduleFolderFiles,
  readTerraformModule,
} from './terraform-json/read';
import type { Inventory } from './types';

/** An adapter for one JSON document format. Add one here to support a new input format. */
export interface DocumentAdapter {
  /** Format name used in messages. */
  readonly name: string;
  /** True when the parsed document has this format. */
  readonly detect: (doc: unknown) => boolean;
  /** Builds the inventory of one environment (`file` is the display path). */
  readonly read: (doc: unknown, environment: string, file: string) => Inventory;
  /** Files of this format are commonly named after their environment (`prod.json`). @default false */
  readonly namedAfterEnvironment?: boolean;
}

/** True for a document cdktf wrote (its top-level `"//"` metadata), rather than hand-written Terraform JSON. */
function isSynthesized(doc: unknown): boolean {
  const meta = (doc as { '//'?: { metadata?: unknown } } | undefined)?.['//'];
  return isCdktfDocument(doc) && typeof meta === 'object' && meta !== null && 'metadata' in meta;
}

/** The single-document adapters, tried in order. */
export const DOCUMENT_ADAPTERS: DocumentAdapter[] = [
  {
    name: 'terraform plan JSON',
    detect: isPlanDocument,
    read: inventoryFromPlanJson,
    namedAfterEnvironment: true,
  },
  {
    name: 'pulumi preview --json',
    detect: isPulumiPreviewDocument,
    read: inventoryFromPulumiPreviewJson,
    namedAfterEnvironment: true,
  },
  { name: 'cdk.tf.json', detect: isSynthesized, read: inventoryFromCdktfJson, namedAfterEnvironment: true },
  {
    name: 'Terraform JSON',
    detect: isTerraformJsonDocument,
    read: inventoryFromTerraformJson,
    namedAfterEnvironment: true,
  },
];

/** Options of `loadInventories`. */
export interface LoadOptions {
  /** Environment of inputs that do not sit in `stacks/<env>/` (`--env`). */
  readonly environment?: string | undefined;
  /** Directory display paths are made relative to. @default process.cwd() */
  readonly cwd?: string | undefined;
  /**
   * The estate's environments: a file or folder name names an environment only when it names one of
   * these. @default names are taken as they are (`qa.plan.json` is environment `qa`)
   */
  readonly knownEnvironments?: readonly string[] | undefined;
  /** `-var name=value` for Terraform configuration inputs. @default [] */
  readonly vars?: readonly string[] | undefined;
  /** `--var-file` paths for Terraform configuration inputs. @default [] */
  readonly varFiles?: readonly string[] | undefined;
  /** HCL files converted by `readHclFiles`, by absolute path. @default none (HCL input is refused) */
  readonly hcl?: ReadonlyMap<string, unknown> | undefined;
}

/** A path relative to `cwd` with forward slashes (never absolute in reports). */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, path.resolve(cwd, file));
  return (relative === '' ? path.basename(file) : relative).split(path.sep).join('/');
}

/** The `<env>` of a file or folder inside `stacks/<env>/`, as cdktf.out lays stacks out. */
function stackFolderOf(resolved: string, isFolder: boolean): string | undefined {
  const parts = resolved.split(path.sep);
  const stacks = parts.lastIndexOf('stacks');
  const expected = isFolder ? parts.length - 2 : parts.length - 3;
  return stacks >= 0 && stacks === expected ? parts[stacks + 1] : undefined;
}

function withOrigin(inventory: Inventory, choice: EnvironmentChoice): Inventory {
  return { ...inventory, environmentOrigin: choice.origin };
}

/** What `check` reads of a plan and of a preview (read-document.ts). */
const CHECK_READ: ReadDocumentOptions<PlanCheckChange, PreviewCheckStep> = {
  plan: PLAN_CHECK_OPTIONS,
  preview: PREVIEW_CHECK_OPTIONS,
};

/** A plan or preview document as `check` reads it. */
type CheckDocument = InputDocument<PlanCheckChange, PreviewCheckStep>;

/**
 * Reads one JSON document file: a plan or a preview in one pass, piece by piece, through the reader
 * `preview` uses too (read-document.ts); anything else whole, with the first adapter that recognises it.
 */
export function readDocumentFile(
  file: string,
  environment: string | undefined,
  cwd: string,
  known?: readonly string[],
): Inventory {
  const target = { file, environment, cwd, known };
  const document = readInputDocument(file, displayPath(file, cwd), CHECK_READ);
  return documentInventory(document, target) ?? readWholeDocument(target);
}

/** One document file and what chooses its environment. */
interface DocumentFile {
  readonly file: string;
  readonly environment: string | undefined;
  readonly cwd: string;
  readonly known?: readonly string[] | undefined;
}

/** The inventory of a plan or preview read with CHECK_READ; undefined for any other document. */
function documentInventory(
  document: CheckDocument,
  { file, environment, cwd, known }: DocumentFile,
): Inventory | undefined {
  const shown = displayPath(file, cwd);
  // Plans and previews are named after their environment (`prod.json`), as `preview` reads them.
  const choose = (): EnvironmentChoice => fileEnvironment(file, shown, environment, true, known);
  if (document.format === 'terraform-plan') {
    const choice = choose();
    return withOrigin(planInventory(document.plan, choice.name, shown), choice);
  }
  if (document.format === 'pulumi-preview') {
    const choice = choose();
    return withOrigin(previewInventory(document.preview, choice.name, shown), choice);
  }
  return undefined;
}

/** Reads a document that is neither a plan nor a preview whole, with the first adapter that recognises it. */
function readWholeDocument({ file, environment, cwd, known }: DocumentFile): Inventory {
  const shown = displayPath(file, cwd);
  const { doc } = readJsonInput(file, shown);
  const adapter = DOCUMENT_ADAPTERS.find((a) => a.detect(doc));
  if (!adapter) {
    throw new InventoryInputError(
      `${shown}: unknown format (expected ${DOCUMENT_ADAPTERS.map((a) => a.name).join(', ')})`,
    );
  }
  const choice = fileEnvironment(file, shown, environment, adapter.namedAfterEnvironment ?? false, known);
  return withOrigin(adapter.read(doc, choice.name, shown), choice);
}

/** The environment of a single document file: `--env`, its stack folder, or (when so named) its name. */
function fileEnvironment(
  file: string,
  shown: string,
  environment: string | undefined,
  namedAfterEnvironment: boolean,
  known: readonly string[] | undefined,
): EnvironmentChoice {
  return chooseEnvironment({
    flag: environment,
    stackFolder: stackFolderOf(path.resolve(file), false),
    ...(namedAfterEnvironment ? { file: shown } : {}),
    ...(known ? { known } : {}),
  });
}

/**
 * For a caller that reads a plan or preview file itself (`preview`, for its change set): the options
 * that make its read collect what `check` reads too, and the inventory built from what was collected,
 * which is what `loadInventories([file], { environment, cwd })` gives, without reading the file a second
 * time. Undefined when `loadInventories` would not read `file` as one JSON document (a folder, a
 * configuration or variables file, a cdk.tf.json): the caller then loads it as usual.
 */
export function checkAlongside(
  file: string,
  environment: string | undefined,
  cwd: string,
): { options: typeof CHECK_READ; inventory: (document: CheckDocument) => Inventory } | undefined {
  const resolved = path.resolve(cwd, file);
  if (!isPlainFile(resolved)) return undefined;
  if (isVariablesFile(resolved) || path.basename(resolved) === 'cdk.tf.json') return undefined;
  if (isConfigurationFile(resolved)) return undefined;
  return {
    options: CHECK_READ,
    // Another document (no plan, no preview) is read whole, as loadInventories reads it.
    inventory: (document) => {
      const target = { file: resolved, environment, cwd };
      return documentInventory(document, target) ?? readWholeDocument(target);
    },
  };
}

/** True for a path that is there and not a folder; never throws (the caller's reader reports the rest). */
function isPlainFile(resolved: string): boolean {
  try {
    return !statSync(resolved).isDirectory();
  } catch {
    return false;
  }
}

/** Configuration files given as paths, grouped by folder (one folder's files are one root module). */
function moduleGroups(files: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const file of files) {
    const folder = path.dirname(file);
    const list = groups.get(folder);
    if (list) list.push(file);
    else groups.set(folder, [file]);
  }
  return groups;
}

/** Reads every input path into inventories (one per stack, root module or file), in path order. */
export function loadInventories(paths: readonly string[], options: LoadOptions = {}): Inventory[] {
  const cwd = options.cwd ?? process.cwd();
  if (paths.length === 0) throw new InventoryInputError('no input path given');
  const display = (file: string): string => displayPath(file, cwd);
  const known = options.knownEnvironments;
  const clues = (extra: EnvironmentClues): EnvironmentClues => ({
    ...extra,
    ...(options.environment !== undefined ? { flag: options.environment } : {}),
    ...(known ? { known } : {}),
  });
  const terraformOptions = {
    vars: options.vars ?? [],
    varFiles: (options.varFiles ?? []).map((f) => path.resolve(cwd, f)),
    ...(options.hcl ? { hcl: options.hcl } : {}),
    display,
  };
  const resolvedInputs = paths.map((input) => {
    const resolved = path.resolve(cwd, input);
    if (!existsSync(resolved)) throw new InventoryInputError(`${input}: no such file or folder`);
    return { input, resolved, folder: statSync(resolved).isDirectory() };
  });
  // Configuration files given one by one: those of one folder are read together, at the first one's place.
  const configFiles = resolvedInputs.filter(
    (i) => !i.folder && isConfigurationFile(i.resolved) && path.basename(i.resolved) !== 'cdk.tf.json',
  );
  const groups = moduleGroups(configFiles.map((i) => i.resolved));
  const out: Inventory[] = [];
  for (const { input, resolved, folder } of resolvedInputs) {
    if (folder) {
      out.push(...readFolder(input, resolved));
      continue;
    }
    if (isVariablesFile(resolved))
      throw new InventoryInputError(`${input}: a variables file; pass it with --var-file`);
    if (path.basename(resolved) === 'cdk.tf.json') {
      const choice = chooseEnvironment(
        clues({ stackFolder: stackFolderOf(resolved, false), folder: display(path.dirname(resolved)) }),
      );
      out.push(withOrigin(readCdktfFile(resolved, choice.name, display(resolved)), choice));
      continue;
    }
    if (isConfigurationFile(resolved)) {
      const group = groups.get(path.dirname(resolved));
      if (!group || group[0] !== resolved) continue; // read with the first file of its folder
      const shown = group.length === 1 ? display(resolved) : display(path.dirname(resolved));
      const choice = chooseEnvironment(
        clues(
          group.length === 1
            ? { file: display(resolved), folder: display(path.dirname(resolved)) }
            : { folder: display(path.dirname(resolved)) },
        ),
      );
      out.push(withOrigin(readTerraformModule(group, [], choice.name, shown, terraformOptions), choice));
      continue;
    }
    out.push(readDocumentFile(resolved, options.environment, cwd, known));
  }
  return out;

  function readFolder(input: string, resolved: string): Inventory[] {
    if (existsSync(path.join(resolved, 'manifest.json'))) {
      return listCdktfStacks(resolved).map((stack) =>
        withOrigin(readCdktfFile(stack.file, stack.name, display(stack.file)), {
          name: stack.name,
          origin: {
            from: 'stack-folder',
            detail: `stack ${stack.name} of ${display(path.join(resolved, 'manifest.json'))}`,
          },
        }),
      );
    }
    const single = path.join(resolved, 'cdk.tf.json');
    if (existsSync(single)) {
      const choice = chooseEnvironment(
        clues({ stackFolder: stackFolderOf(resolved, true), folder: display(resolved) }),
      );
      return [withOrigin(readCdktfFile(single, choice.name, display(single)), choice)];
    }
    const { config, variables } = moduleFolderFiles(resolved);
    if (config.length > 0) {
      const shown = display(resolved);
      const choice = chooseEnvironment(clues({ folder: shown }));
      return [
        withOrigin(readTerraformModule(config, variables, choice.name, shown, terraformOptions), choice),
      ];
    }
    throw new InventoryInputError(
      `${input}: a folder without manifest.json, cdk.tf.json, *.tf.json or *.tf files`,
    );
  }
}
