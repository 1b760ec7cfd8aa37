/**
 * Imports into a registry in a Pulumi stack (constructs/model/ingest.ts): azure-native's
 * `ImportPipeline` (`registryName`, `importPipelineName`, `source.uri`, `trigger.sourceTrigger.status`)
 * and `PipelineRun` (`registryName`, `pipelineRunName`, `request.pipelineResourceId`), and
 * `ConnectedRegistry` (`registryName`, `connectedRegistryName`, `mode`, which ARM requires), a way in
 * in ReadWrite mode. azure-native and
 * the classic provider have no resource for the `importImage` action. The twin of
 * terraform-resources/ingests.ts; imports into a registry outside the stack are external.
 */
import { SOURCE_TRIGGER_DEFAULT_STATUS, pipelineIdParts } from '../../../constructs/model/ingest';
import { connectedRegistryReading } from '../connected-registry-mode';
import type { Attachments, ExternalIngest, Ingest, Setting, Unknown } from '../types';
import { UNKNOWN, isUnknown, unknownBecause, unknownReason } from '../types';
import type { PulumiResourceRecord } from './build';
import type { PulumiUnattached } from './unattached';
import type { PulumiIndex, PulumiTarget } from './values';
import { attachPulumiCommands } from './commands';
import { PULUMI_TYPES as T, literal, member, plain, pulumiSourceOf, recordOf, stringOf } from './values';

/** Why a value is unknown, as a phrase after its path. */
function unknownPhrase(value: unknown): string {
  const reason = unknownReason(value);
  return reason ? `is unknown: ${reason}` : 'is known only after apply';
}

/**
 * Whether an import pipeline's source trigger is on: its `status` (the SDK fills in `Enabled`, the
 * REST spec's default, for a source trigger given without one); UNKNOWN when the pipeline sets no
 * trigger (the spec gives an absent `trigger` no default) or the status is known only after apply.
 */
function triggeredOf(r: PulumiResourceRecord): Setting<boolean> {
  const sourceTrigger = member(r.inputs.trigger, 'sourceTrigger');
  if (isUnknown(sourceTrigger)) return sourceTrigger;
  if (recordOf(sourceTrigger) === undefined)
    return unknownBecause(
      `${r.name} sets no trigger.sourceTrigger, for which the REST spec gives no default`,
    );
  const status = plain(member(sourceTrigger, 'status') ?? SOURCE_TRIGGER_DEFAULT_STATUS);
  if (isUnknown(status)) return status;
  const text = typeof status === 'string' ? status.toLowerCase() : undefined;
  if (text === 'enabled' || text === 'disabled') return text === 'enabled';
  return unknownBecause(
    `the source trigger status ${JSON.stringify(status)} of ${r.name} is neither Enabled nor Disabled`,
  );
}

function pipelineOf(index: PulumiIndex, file: string, r: PulumiResourceRecord): Ingest {
  const uri = plain(member(r.inputs.source, 'uri'));
  return {
    source: pulumiSourceOf(index, r, file),
    name: stringOf(r.inputs.importPipelineName, r.name),
    kind: 'importPipeline',
    imports: true,
    from:
      typeof uri === 'string'
        ? uri
        : unknownBecause(`source.uri ${uri === undefined ? 'is not set' : unknownPhrase(uri)}`),
    triggered: triggeredOf(r),
  };
}

/** What a run's pipeline is: an import pipeline (its name), an export pipeline, or not decided. */
type NamedPipeline =
  | { readonly kind: 'import'; readonly name: string }
  | { readonly kind: 'export' }
  | { readonly kind: 'undecided'; readonly reason: Unknown };

function namedPipeline(index: PulumiIndex, r: PulumiResourceRecord): NamedPipeline {
  // `pipelineResourceId: pipeline.id`, unknown until apply: the pipeline of the stack it depends on.
  const [imported] = index.dependencies(r, 'request', T.importPipeline);
  if (imported) return { kind: 'import', name: literal(imported.inputs.importPipelineName) ?? imported.name };
  if (index.dependencies(r, 'request', T.exportPipeline).length > 0) return { kind: 'export' };
  const undecided = (why: string): NamedPipeline => ({
    kind: 'undecided',
    reason: unknownBecause(
      `it runs a pipeline the stack does not decide, import or export: request.pipelineResourceId ${why}`,
    ),
  });
  const id = plain(member(r.inputs.request, 'pipelineResourceId'));
  if (isUnknown(id)) return undecided(`${unknownPhrase(id)} and depends on no pipeline of the stack`);
  if (typeof id !== 'string') return undecided('is not set');
  const parts = pipelineIdParts(id);
  if (!parts) return undecided(`${JSON.stringify(id)} is no pipeline ID`);
  return parts.direction === 'import' ? { kind: 'import', name: parts.pipelineName } : { kind: 'export' };
}

/** A pipeline run of an import pipeline (or of one the stack does not decide); undefined for an export. */
function pipelineRunOf(index: PulumiIndex, file: string, r: PulumiResourceRecord): Ingest | undefined {
  const named = namedPipeline(index, r);
  if (named.kind === 'export') return undefined;
  const base = {
    source: pulumiSourceOf(index, r, file),
    name: stringOf(r.inputs.pipelineRunName, r.name),
    kind: 'pipelineRun' as const,
  };
  return named.kind === 'import'
    ? { ...base, from: named.name, imports: true }
    : { ...base, from: named.reason, imports: named.reason };
}

/** A connected registry, a way in when its `mode` is ReadWrite (constructs/model/ingest.ts). */
function connectedRegistryOf(index: PulumiIndex, file: string, r: PulumiResourceRecord): Ingest {
  const value = plain(r.inputs.mode);
  const mode: Setting<string> = isUnknown(value)
    ? value
    : typeof value === 'string'
      ? value
      : unknownBecause(`${r.name} sets no mode, which ARM requires`);
  return {
    source: pulumiSourceOf(index, r, file),
    name: literal(r.inputs.connectedRegistryName) ?? r.name,
    kind: 'connectedRegistry',
    ...connectedRegistryReading(mode, `the mode of ${r.name}`),
  };
}

/**
 * Attaches every import pipeline, pipeline run, connected registry and command (commands.ts) to its
 * registry; those on other registries go to `external`.
 */
export function attachPulumiIngests(
  index: PulumiIndex,
  file: string,
  attached: ReadonlyMap<string, Attachments>,
  external: ExternalIngest[],
  unattached: PulumiUnattached,
): void {
  const records = [
    ...index.ofType(T.importPipeline),
    ...index.ofType(T.pipelineRun),
    ...index.ofType(T.connectedRegistry),
  ];
  /**
   * Attaches `item` to its managed registry; one on another registry, or on one the stack does not
   * decide, is external, and `undecided` keeps it unattached when it should be.
   */
  const attach = (item: Ingest, target: PulumiTarget | undefined, undecided: () => void): void => {
    if (target?.kind === 'managed') {
      for (const urn of target.urns) attached.get(urn)?.ingests.push(item);
      return;
    }
    undecided();
    external.push({ ...item, registryName: target?.kind === 'external' ? target.name : UNKNOWN });
  };
  for (const r of records) {
    const item =
      r.type === T.importPipeline
        ? pipelineOf(index, file, r)
        : r.type === T.connectedRegistry
          ? connectedRegistryOf(index, file, r)
          : pipelineRunOf(index, file, r);
    if (!item) continue;
    const target = index.registryFromName(r, 'registryName');
    attach(item, target, () => unattached.note('ingests', item, r, 'registryName', 'name', target));
  }
  // A command that names no registry: its own reason says why none is decided (commands.ts).
  attachPulumiCommands(index, file, (item, target) =>
    attach(item, target, () => {
      if (target === undefined && isUnknown(item.imports))
        unattached.undecided('ingests', item, item.imports);
    }),
  );
}
