/**
 * Commands a Pulumi stack runs (`@pulumi/command`: `command:local:Command` on the machine running
 * `pulumi up`, `command:remote:Command` over SSH), read as ways in, as terraform-resources/commands.ts
 * reads Terraform provisioners. Their `create`, `update` and `delete` inputs are the commands
 * ("The command to run on create", "... on update", "... on delete", with `environment` "Additional
 * environment variables available to the command's process"; Pulumi Registry, command package,
 * local.Command and remote.Command). Each command is an import whose effect is UNKNOWN, with the
 * command in the reason: into every registry it names (an input that depends on a registry of the
 * stack, its literal name, a login server, the registry argument of `az acr`; a registry outside the
 * stack by name), else, when it runs a push or import tool or its text is known only after apply,
 * into a registry the stack does not decide. A known command that names no registry and runs none of
 * those tools is taken not to push.
 */
import { COMMAND_NOT_JUDGED, readCommandText, registriesNamedIn, shownCommand } from '../command-text';
import type { Ingest } from '../types';
import { isUnknown, unknownBecause } from '../types';
import type { PulumiResourceRecord } from './build';
import type { PulumiIndex, PulumiTarget } from './values';
import { PULUMI_TYPES as T, plain, pulumiSourceOf, recordOf } from './values';

/** The command resource types, and the inputs that are commands. */
const COMMAND_TYPES: Readonly<Record<string, string>> = {
  'command:local:Command': 'local',
  'command:remote:Command': 'remote',
};
const COMMAND_INPUTS = ['create', 'update', 'delete'] as const;

/** One key per registry target. */
function keyOf(target: PulumiTarget): string {
  return target.kind === 'managed' ? `managed ${target.urns.join(' ')}` : `external ${String(target.name)}`;
}

function commandIngest(index: PulumiIndex, file: string, r: PulumiResourceRecord, what: string): Ingest {
  const imports = unknownBecause(
    `${r.name} runs a ${COMMAND_TYPES[r.type]} command${what}; ${COMMAND_NOT_JUDGED}`,
  );
  return { source: pulumiSourceOf(index, r, file), name: '', kind: 'command', from: imports, imports };
}

/** Attaches the imports of one command input (`create`, `update`, `delete`) of a command resource. */
function attachCommand(
  index: PulumiIndex,
  file: string,
  r: PulumiResourceRecord,
  key: (typeof COMMAND_INPUTS)[number],
  attach: (item: Ingest, target: PulumiTarget | undefined) => void,
): void {
  const value = plain(r.inputs[key]);
  if (value === undefined || value === null) return;
  const environment = recordOf(r.inputs.environment);
  const texts = [value, ...Object.values(environment ?? {}).map(plain)].filter(
    (t): t is string => typeof t === 'string',
  );
  const found = new Map<string, PulumiTarget>();
  // An input computed from a registry of the stack (`registry.loginServer.apply(...)`) names it.
  for (const dependsOn of [key, 'environment'])
    for (const registry of index.dependencies(r, dependsOn, T.registry)) {
      const target: PulumiTarget = { kind: 'managed', urns: [registry.urn] };
      found.set(keyOf(target), target);
    }
  const read = texts.map(readCommandText);
  for (const text of read)
    for (const target of registriesNamedIn<PulumiTarget>(
      text,
      (name) => index.managedRegistryNamed(name),
      (name) => ({ kind: 'external', name }),
    ))
      found.set(keyOf(target), target);
  const what = typeof value === 'string' ? ` (${key}) ${shownCommand(value)}` : ` (${key})`;
  if (found.size > 0) {
    for (const target of found.values()) attach(commandIngest(index, file, r, what), target);
  } else if (typeof value !== 'string') {
    // The inputs' shapes are checked first (value-shapes.ts): what is not a string is UNKNOWN, a value
    // known only after apply or a secret shown only as [secret].
    const why = (isUnknown(value) && value.reason) || 'it is known only after apply';
    attach(commandIngest(index, file, r, `${what} that the stack does not decide (${why})`), undefined);
  } else if (read.some((t) => t.pushes))
    attach(
      commandIngest(
        index,
        file,
        r,
        `${what}, which pushes or imports into a registry the stack does not decide`,
      ),
      undefined,
    );
}

/**
 * Gives `attach` the import of every command of every command resource of the stack (see the top of
 * this file), with the registry it names, or undefined for one the stack does not decide.
 */
export function attachPulumiCommands(
  index: PulumiIndex,
  file: string,
  attach: (item: Ingest, target: PulumiTarget | undefined) => void,
): void {
  for (const r of index.records)
    if (COMMAND_TYPES[r.type] !== undefined)
      for (const key of COMMAND_INPUTS) attachCommand(index, file, r, key, attach);
}
