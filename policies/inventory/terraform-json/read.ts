/**
 * Adapter: hand-written Terraform (a root module folder, or `*.tf.json` files) to an inventory.
 * Every `*.tf.json` of a folder (and `*.tf`, converted by `hcl.ts`) is one root module, with its
 * automatic variables files (`terraform.tfvars.json`, `*.auto.tfvars.json`, and their HCL forms),
 * then `--var-file` and `-var` values. What the configuration leaves open (variables without values,
 * `count`/`for_each`/`dynamic` over unknown collections, module calls) is unknown with the reason.
 * Source: Terraform "Modules", "Input Variables" (variable definitions files, precedence).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { InventoryInputError } from '../errors';
import { readJsonInput } from '../read-json';
import { buildInventory } from '../terraform-resources/build';
import type { Inventory, InventoryFormat } from '../types';
import type { TerraformDocument } from './document';
import { readDocument } from './document';
import type { VariableInputs } from './module-scope';
import { readRootModule } from './root-module';
import type { ModuleFolders } from './child-modules';
import { installedModuleOf, readModuleManifest } from './installed-modules';
import { entryOf } from '../map-entry';
import type { JsonObject } from './json-object';
import { isJsonObject } from './schema';
import { convertedHcl } from './converted-hcl';
import { azurermV3Constraint } from './provider-versions';

/** How to read hand-written Terraform. */
export interface TerraformReadOptions {
  /** `-var name=value` arguments. @default [] */
  readonly vars?: readonly string[];
  /** `--var-file` paths (`*.tfvars.json`, or `*.tfvars` converted in `hcl`), in order. @default [] */
  readonly varFiles?: readonly string[];
  /** HCL files (`*.tf`, `*.tfvars`) converted to JSON by `readHclFiles`, by absolute path. @default none */
  readonly hcl?: ReadonlyMap<string, unknown>;
  /** Makes display paths relative. */
  readonly display: (file: string) => string;
}

/** True for a Terraform configuration file name (`main.tf.json`, `main.tf`). */
export function isConfigurationFile(file: string): boolean {
  return /\.tf(\.json)?$/i.test(file);
}

/** True for a variables file name (`prod.tfvars.json`, `terraform.tfvars`). */
export function isVariablesFile(file: string): boolean {
  return /\.tfvars(\.json)?$/i.test(file);
}

/** Variables files Terraform loads by itself from a root module folder, in its order. */
function automaticVariablesFiles(names: readonly string[]): string[] {
  const auto = names.filter((n) => /\.auto\.tfvars(\.json)?$/i.test(n)).sort();
  return [...['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => names.includes(n)), ...auto];
}

/** The configuration files and automatic variables files of a root module folder, sorted. */
export function moduleFolderFiles(folder: string): { config: string[]; variables: string[] } {
  const names = readdirSync(folder).sort();
  return {
    config: names.filter(isConfigurationFile).map((n) => path.join(folder, n)),
    variables: automaticVariablesFiles(names).map((n) => path.join(folder, n)),
  };
}

/** The message for an HCL file the caller did not convert. */
export function hclNotConverted(shown: string): InventoryInputError {
  return new InventoryInputError(
    `${shown}: HCL is read by the acr-iac command (or readHclFiles); otherwise convert it to JSON (hcl2json ${path.basename(shown)}) or check a plan (terraform show -json)`,
  );
}

/** A file's JSON document (parsed JSON, or the converted HCL) and, for JSON, its text. */
function sourceOf(file: string, options: TerraformReadOptions): { doc: unknown; text?: string } {
  const shown = options.display(file);
  if (/\.(tf|tfvars)$/i.test(file)) {
    const converted = convertedHcl(options.hcl, file);
    if (converted === undefined) throw hclNotConverted(shown);
    return { doc: converted };
  }
  return readJsonInput(file, shown);
}

function documentOf(file: string, options: TerraformReadOptions): unknown {
  return sourceOf(file, options).doc;
}

function variablesFile(file: string, options: TerraformReadOptions): { file: string; values: JsonObject } {
  const shown = options.display(file);
  const doc = documentOf(file, options);
  if (!isJsonObject(doc)) throw new InventoryInputError(`${shown}: expected an object of variable values`);
  // HCL-to-JSON converters write a variables file as attributes too, so both forms read the same.
  return { file: shown, values: doc };
}

/**
 * How the module calls of a root module in `root` are read (local ones, and those `terraform init`
 * installed): each folder's configuration files
 * once per reading, as documents; a folder that is not there, holds none, or holds HCL the caller
 * did not convert is not read (the call stays one ACR-110 reports, with the reason).
 */
function moduleFolders(
  root: string,
  options: TerraformReadOptions,
): ModuleFolders & { readonly documentsRead: () => TerraformDocument[] } {
  const read = new Map<string, readonly TerraformDocument[] | string>();
  const documentsOf = (folder: string): readonly TerraformDocument[] | string => {
    const shown = options.display(folder);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) return `its folder ${shown} does not exist`;
    const { config } = moduleFolderFiles(folder);
    if (config.length === 0) return `its folder ${shown} has no *.tf or *.tf.json files`;
    const unconverted = config.find((f) => /\.tf$/i.test(f) && convertedHcl(options.hcl, f) === undefined);
    if (unconverted !== undefined) return `${options.display(unconverted)} is HCL that was not converted`;
    return config.map((file) => {
      const { doc, text } = sourceOf(file, options);
      return readDocument(doc, options.display(file), text);
    });
  };
  const manifest = readModuleManifest(root, options.display);
  return {
    folder: root,
    read: (folder) => entryOf(read, folder, () => documentsOf(folder)),
    // The child modules' documents read so far (their provider requirements bind the root's too).
    documentsRead: () => [...read.values()].flatMap((d) => (typeof d === 'string' ? [] : d)),
    ...(manifest === undefined
      ? {}
      : { installed: (key, source, version) => installedModuleOf(manifest, key, source, version) }),
  };
}

/**
 * The inventory of one root module: the configuration files `files`, its automatic variables files
 * `autoVariables`, and the options' variables files and `-var` values.
 * @param shown the module's display path (its folder, or its one file)
 */
export function readTerraformModule(
  files: readonly string[],
  autoVariables: readonly string[],
  environment: string,
  shown: string,
  options: TerraformReadOptions,
  format: InventoryFormat = 'terraform-json',
): Inventory {
  if (files.length === 0) throw new InventoryInputError(`${shown}: no *.tf.json or *.tf files`);
  const documents: TerraformDocument[] = files.map((file) => {
    const { doc, text } = sourceOf(file, options);
    return readDocument(doc, options.display(file), text);
  });
  const inputs: VariableInputs = {
    files: [...autoVariables, ...(options.varFiles ?? [])].map((f) => variablesFile(f, options)),
    vars: options.vars ?? [],
  };
  const folders = moduleFolders(path.dirname(path.resolve(files[0])), options);
  const module = readRootModule(documents, inputs, folders);
  // Terraform installs one azurerm for the whole configuration, accepted by every module's constraint.
  const v3 = azurermV3Constraint(
    [...documents, ...folders.documentsRead()].flatMap((d) => d.azurermConstraints),
  );
  return buildInventory(module.resources, {
    environment,
    file: shown,
    format,
    moduleCalls: module.moduleCalls,
    ...(v3 === undefined ? {} : { azurermV3: v3 }),
  });
}

/** The one-file module of a parsed Terraform JSON document (a `.json` file the loader detected). */
export function inventoryFromTerraformJson(doc: unknown, environment: string, file: string): Inventory {
  const document = readDocument(doc, file);
  const module = readRootModule([document]);
  const v3 = azurermV3Constraint(document.azurermConstraints);
  return buildInventory(module.resources, {
    environment,
    file,
    format: 'terraform-json',
    moduleCalls: module.moduleCalls,
    ...(v3 === undefined ? {} : { azurermV3: v3 }),
  });
}
