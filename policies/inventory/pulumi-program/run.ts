/**
 * The inventory of a Pulumi stack without the Pulumi CLI: reads `Pulumi.<stack>.yaml`, runs the
 * program it is given (e.g. `() => definePulumiProgram(ESTATE)`) under mocks as a preview, and adapts
 * the registered resources.
 * Secret config cannot be decrypted without the CLI; it is replaced by a placeholder, still secret.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { InventoryInputError } from '../errors';
import { inventoryFromPulumiResources } from '../pulumi-resources/build';
import { SECRET_PLACEHOLDER, runUnderMocks } from './mocks';
import { asRecord } from '../terraform-resources/raw';
import type { Inventory } from '../types';

/** Options of `inventoryFromPulumiStack`. */
export interface PulumiStackOptions {
  /** The Pulumi program: registers the stack's resources (what `pulumi up` would run). */
  readonly program: () => unknown;
  /** Folder holding Pulumi.yaml and the stack files. @default process.cwd() */
  readonly cwd?: string | undefined;
  /** Config set on top of the stack file, keys as `namespace:key`. @default {} */
  readonly config?: Readonly<Record<string, string>> | undefined;
}

/** Config of a stack as the Pulumi runtime wants it: string values, and the secret keys. */
export interface StackConfigValues {
  readonly project: string;
  readonly config: Readonly<Record<string, string>>;
  readonly secretKeys: readonly string[];
}

function readYaml(file: string, shown: string): Readonly<Record<string, unknown>> {
  if (!existsSync(file)) throw new InventoryInputError(`${shown}: file not found`);
  try {
    return asRecord(parse(readFileSync(file, 'utf8'))) ?? {};
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new InventoryInputError(`${shown}: not valid YAML (${reason})`);
  }
}

/** Reads Pulumi.yaml and Pulumi.<stack>.yaml of `cwd` into runtime config. */
export function readStackConfigFile(stack: string, cwd: string): StackConfigValues {
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) throw new InventoryInputError(`"${stack}" is not a stack name`);
  const projectFile = readYaml(path.join(cwd, 'Pulumi.yaml'), 'Pulumi.yaml');
  const project = typeof projectFile.name === 'string' ? projectFile.name : 'acr-iac';
  const stackFile = readYaml(path.join(cwd, `Pulumi.${stack}.yaml`), `Pulumi.${stack}.yaml`);
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [rawKey, value] of Object.entries(asRecord(stackFile.config) ?? {})) {
    const key = rawKey.includes(':') ? rawKey : `${project}:${rawKey}`;
    const secure = asRecord(value)?.secure;
    if (secure !== undefined) {
      // JSON-encoded, so both config.getSecret (a string) and config.getSecretObject (JSON) accept it.
      config[key] = JSON.stringify(SECRET_PLACEHOLDER);
      secretKeys.push(key);
    } else {
      config[key] = typeof value === 'string' ? value : JSON.stringify(value);
    }
  }
  return { project, config, secretKeys };
}

/**
 * Runs the Pulumi program of `stack` under mocks and returns its inventory (environment = stack,
 * file = `Pulumi.<stack>.yaml`). Throws InventoryInputError for a missing or malformed stack file and
 * DeclarationError when the config makes the declaration invalid.
 */
export async function inventoryFromPulumiStack(
  stack: string,
  options: PulumiStackOptions,
): Promise<Inventory> {
  const cwd = options.cwd ?? process.cwd();
  const values = readStackConfigFile(stack, cwd);
  const { resources } = await runUnderMocks(options.program, {
    project: values.project,
    stack,
    config: { ...values.config, ...(options.config ?? {}) },
    secretKeys: values.secretKeys,
  });
  return inventoryFromPulumiResources(resources, { environment: stack, file: `Pulumi.${stack}.yaml` });
}
