/**
 * Imports into a registry in a Terraform input (constructs/model/ingest.ts): azapi's import pipelines
 * and pipeline runs (`azapi_resource` of `registries/importPipelines` and `registries/pipelineRuns`,
 * `parent_id` their registry) and the `importImage` action (`azapi_resource_action` with the
 * registry's `type`, `resource_id` the registry, `action = "importImage"`, `body` the
 * `ImportImageParameters`), as a resource and as a data source, which posts it on every plan. azurerm
 * has no resource for any of them. Connected registries (azurerm's `azurerm_container_connected_registry`
 * and azapi's `registries/connectedRegistries`) sync what clients push to them into their registry in
 * ReadWrite mode. Commands the configuration's provisioners run are imports of unknown effect
 * (commands.ts). Imports into a registry outside the input are external.
 *
 * An action whose `action` the input does not decide is not read here: tasks.ts reads it as a run it
 * may schedule, whose push is unknown already.
 */
import { REGISTRY_ID_PATTERN } from '../../../constructs/model/azure-ids';
import { connectedRegistryReading } from '../connected-registry-mode';
import {
  CONNECTED_REGISTRY_ARM_TYPE,
  CONNECTED_REGISTRY_AZURERM_DEFAULT_MODE,
  CONNECTED_REGISTRY_TERRAFORM_TYPE,
  IMPORT_IMAGE_ACTION,
  IMPORT_PIPELINE_ARM_TYPE,
  PIPELINE_RUN_ARM_TYPE,
  SOURCE_TRIGGER_DEFAULT_STATUS,
  importAddressOf,
  pipelineIdParts,
} from '../../../constructs/model/ingest';
import { armTypeOf } from '../../../constructs/model/removal-kinds';
import type { ExternalIngest, Ingest, Setting, Unknown } from '../types';
import { UNKNOWN, isUnknown, partialText, unknownBecause, unknownReason } from '../types';
import type { AttachedLists } from './attached-lists';
import { Body, statusFlag } from './azapi-body';
import type { RegistryTarget, ResourceIndex } from './links';
import type { RawResource } from './raw';
import { asRecord, literal, parseReference, sourceOf, stringSetting } from './raw';
import type { Detached } from './registry-links';
import { isUntyped, typeText } from './untyped-resources';
import { attachCommands } from './commands';

const REGISTRY_ARM_TYPE = 'microsoft.containerregistry/registries';
const ACTION = 'azapi_resource_action';

/** `value` as shown in a reason: the literal, or what the input gives instead. */
function shown(value: unknown): string {
  return typeof value === 'string'
    ? `\`${value.length > 100 ? `${value.slice(0, 97)}...` : value}\``
    : 'not set';
}

/** Why a value is unknown, as a phrase after its path: `is unknown: <reason>` or `is known only after apply`. */
function unknownPhrase(value: unknown): string {
  const reason = unknownReason(value);
  return reason ? `is unknown: ${reason}` : 'is known only after apply';
}

/** A text setting of a body value: the literal, UNKNOWN (with `path` and the reason) otherwise. */
function textOf(value: unknown, path: string): Setting<string> {
  if (typeof value === 'string' && !value.includes('${')) return value;
  if (value === undefined || value === null) return unknownBecause(`${path} is not set`);
  if (isUnknown(value)) return unknownBecause(`${path} ${unknownPhrase(value)}`);
  return unknownBecause(`${path} = ${shown(value)} is known only after apply (check the plan)`);
}

/**
 * Whether an import pipeline's source trigger is on: its `status`, `Enabled` when the trigger is given
 * without one; UNKNOWN when the pipeline sets no trigger (the REST spec gives an absent `trigger` no
 * default) or the status is not a literal.
 */
function triggeredOf(address: string, body: Body): Setting<boolean> {
  const trigger = body.property('trigger');
  if (isUnknown(trigger)) return trigger;
  const sourceTrigger = asRecord(trigger)?.sourceTrigger;
  if (isUnknown(sourceTrigger)) return sourceTrigger;
  if (asRecord(sourceTrigger) === undefined)
    return unknownBecause(
      `${address} sets no trigger.sourceTrigger, for which the REST spec gives no default`,
    );
  const status = asRecord(sourceTrigger)?.status ?? SOURCE_TRIGGER_DEFAULT_STATUS;
  const on = statusFlag(status);
  return typeof on === 'boolean' ? on : unknownBecause(`its source trigger status ${unknownPhrase(on)}`);
}

function pipelineOf(file: string, r: RawResource): Ingest {
  const body = new Body(r);
  return {
    source: sourceOf(r, file),
    name: stringSetting(r.values.name, ''),
    kind: 'importPipeline',
    imports: true,
    from: textOf(body.property('source', 'uri'), 'properties.source.uri'),
    triggered: triggeredOf(r.address, body),
  };
}

/** What a run's `pipelineResourceId` names: an import pipeline (its name), an export pipeline, or not decided. */
type NamedPipeline =
  | { readonly kind: 'import'; readonly name: string }
  | { readonly kind: 'export' }
  | { readonly kind: 'undecided'; readonly reason: Unknown };

function namedPipeline(index: ResourceIndex, value: unknown, path: string): NamedPipeline {
  const undecided = (why: string): NamedPipeline => ({
    kind: 'undecided',
    reason: unknownBecause(`it runs a pipeline the input does not decide, import or export: ${path} ${why}`),
  });
  if (isUnknown(value)) return undecided(unknownPhrase(value));
  if (typeof value !== 'string') return undecided('is not set');
  if (parseReference(value)) {
    const target = index.referenced(value);
    const arm = target?.type === 'azapi_resource' ? armTypeOf(target.values.type) : undefined;
    if (arm === IMPORT_PIPELINE_ARM_TYPE)
      return { kind: 'import', name: literal(target?.values.name) ?? (target as RawResource).address };
    if (arm?.endsWith('/exportpipelines')) return { kind: 'export' };
    return undecided(`= ${shown(value)} does not resolve to a pipeline of the input`);
  }
  if (value.includes('${')) return undecided(`= ${shown(value)} is known only after apply (check the plan)`);
  const parts = pipelineIdParts(value);
  if (!parts) return undecided(`= ${shown(value)} is no pipeline ID`);
  return parts.direction === 'import' ? { kind: 'import', name: parts.pipelineName } : { kind: 'export' };
}

/** A pipeline run of an import pipeline (or of one the input does not decide); undefined for an export. */
function pipelineRunOf(index: ResourceIndex, file: string, r: RawResource): Ingest | undefined {
  const body = new Body(r);
  const path = `${r.address} properties.request.pipelineResourceId`;
  const named = namedPipeline(index, body.property('request', 'pipelineResourceId'), path);
  if (named.kind === 'export') return undefined;
  const base = {
    source: sourceOf(r, file),
    name: stringSetting(r.values.name, ''),
    kind: 'pipelineRun' as const,
  };
  return named.kind === 'import'
    ? { ...base, from: named.name, imports: true }
    : { ...base, from: named.reason, imports: named.reason };
}

/** The registry an import copies from, and how messages name it. */
interface SourceRegistry {
  readonly from: Setting<string>;
  readonly fromRegistry: Setting<string>;
}

function undecidedSource(reason: Unknown): SourceRegistry {
  return { from: reason, fromRegistry: reason };
}

/** The registry a `source.resourceId` names (a reference, a literal ID, or a template with a literal name). */
function byResourceId(index: ResourceIndex, value: unknown): SourceRegistry {
  const path = 'source.resourceId';
  const partial = partialText(value);
  const literalName = partial === undefined ? undefined : REGISTRY_ID_PATTERN.exec(partial)?.[1];
  if (literalName !== undefined && !literalName.includes('${'))
    return { from: partial as string, fromRegistry: literalName };
  if (isUnknown(value)) return undecidedSource(unknownBecause(`${path} ${unknownPhrase(value)}`));
  if (typeof value !== 'string')
    return undecidedSource(unknownBecause(`${path} = ${shown(value)} is no registry ID`));
  if (parseReference(value)) {
    const target: RegistryTarget | undefined = index.registryFromId(value);
    if (target?.kind === 'managed') {
      const registry = index.registryAt(target.addresses[0]);
      const name = stringSetting(registry?.values.name, '');
      return isUnknown(name)
        ? undecidedSource(
            unknownBecause(`${path} = ${shown(value)} names a registry whose name is not decided`),
          )
        : { from: name, fromRegistry: name };
    }
    if (target?.kind === 'external' && typeof target.name === 'string')
      return { from: target.name, fromRegistry: target.name };
    return undecidedSource(
      unknownBecause(`${path} = ${shown(value)} does not resolve to a registry whose name the input decides`),
    );
  }
  const name = REGISTRY_ID_PATTERN.exec(value)?.[1];
  if (name !== undefined && !name.includes('${')) return { from: value, fromRegistry: name };
  if (value.includes('${'))
    return undecidedSource(
      unknownBecause(`${path} = ${shown(value)} is known only after apply (check the plan)`),
    );
  return undecidedSource(unknownBecause(`${path} = ${shown(value)} is no registry ID`));
}

/** The registry a `source.registryUri` names: an ACR by its login server, another registry, or undecided. */
function byRegistryUri(value: unknown): SourceRegistry {
  const text = textOf(value, 'source.registryUri');
  if (isUnknown(text)) return undecidedSource(text);
  const address = importAddressOf(text);
  if (address.kind === 'acr') return { from: text, fromRegistry: address.registryName };
  if (address.kind === 'other') return { from: address.host, fromRegistry: '' };
  return undecidedSource(
    unknownBecause(
      `source.registryUri ${shown(text)} is a host of Azure Container Registry that is no login server read here`,
    ),
  );
}

/** The registry an `ImportSource` copies from: `resourceId` when given, else `registryUri`. */
function sourceRegistryOf(index: ResourceIndex, address: string, source: unknown): SourceRegistry {
  if (isUnknown(source)) return undecidedSource(unknownBecause(`${address} source ${unknownPhrase(source)}`));
  const record = asRecord(source);
  if (!record) return undecidedSource(unknownBecause(`${address} names no source`));
  if (record.resourceId !== undefined && record.resourceId !== null)
    return byResourceId(index, record.resourceId);
  if (record.registryUri !== undefined && record.registryUri !== null)
    return byRegistryUri(record.registryUri);
  return undecidedSource(unknownBecause(`${address} names neither source.resourceId nor source.registryUri`));
}

/** The image import an `azapi_resource_action` posts to a registry; undefined for any other action. */
function importImageOf(index: ResourceIndex, file: string, r: RawResource): Ingest | undefined {
  if (armTypeOf(r.values.type) !== REGISTRY_ARM_TYPE) return undefined;
  const action = literal(r.values.action);
  if (action?.toLowerCase() !== IMPORT_IMAGE_ACTION.toLowerCase()) return undefined;
  const body = new Body(r);
  const registry = sourceRegistryOf(index, r.address, body.at('source'));
  return {
    source: sourceOf(r, file),
    name: '',
    kind: 'importImage',
    imports: true,
    from: registry.from,
    fromRegistry: registry.fromRegistry,
    image: textOf(body.at('source', 'sourceImage'), 'source.sourceImage'),
  };
}

/**
 * A generic resource whose type the input does not decide under a registry outside the input: it may
 * be an import pipeline or a pipeline run of that registry (under one of the input's, every list of
 * the registry is unknown already: untyped-resources.ts).
 */
function untypedImport(file: string, r: RawResource, target: RegistryTarget): Ingest {
  const registry =
    target.kind === 'external' && typeof target.name === 'string'
      ? `registry ${target.name}`
      : 'a registry outside the input';
  const why = unknownBecause(
    `${r.address} may be an import pipeline or a pipeline run of ${registry}: its type ${typeText(r)}`,
  );
  return {
    source: sourceOf(r, file),
    name: stringSetting(r.values.name, ''),
    kind: 'pipelineRun',
    from: why,
    imports: why,
  };
}

/** A connected registry (azurerm's or azapi's), read as a way in when it takes pushes (ReadWrite). */
function connectedRegistryOf(file: string, r: RawResource): Ingest {
  const azurerm = r.type === CONNECTED_REGISTRY_TERRAFORM_TYPE;
  const path = azurerm ? `${r.address}.mode` : `${r.address} properties.mode`;
  const value = azurerm
    ? (r.values.mode ?? CONNECTED_REGISTRY_AZURERM_DEFAULT_MODE)
    : new Body(r).property('mode');
  return {
    source: sourceOf(r, file),
    name: stringSetting(r.values.name, ''),
    kind: 'connectedRegistry',
    ...connectedRegistryReading(textOf(value, path), path),
  };
}

/**
 * Attaches every import of the input to its managed registry; those into other registries, or into a
 * registry the input does not decide, go to `external` (and `detached`, for registry-links.ts).
 */
export function attachIngests(
  index: ResourceIndex,
  file: string,
  attached: AttachedLists,
  external: ExternalIngest[],
  detached: Detached[],
): void {
  const attach = (item: Ingest, target: RegistryTarget | undefined): void => {
    if (target?.kind === 'managed') {
      for (const { lists } of attached.of(target)) lists.ingests.push(item);
      return;
    }
    external.push({ ...item, registryName: target?.kind === 'external' ? target.name : UNKNOWN });
    detached.push({ kind: 'ingests', item, target });
  };
  for (const r of index.ofType('azapi_resource')) {
    const arm = armTypeOf(r.values.type);
    const target = index.registryFromId(r.values.parent_id);
    if (arm === IMPORT_PIPELINE_ARM_TYPE) attach(pipelineOf(file, r), target);
    else if (arm === CONNECTED_REGISTRY_ARM_TYPE) attach(connectedRegistryOf(file, r), target);
    else if (arm === PIPELINE_RUN_ARM_TYPE) {
      const run = pipelineRunOf(index, file, r);
      if (run) attach(run, target);
    } else if (isUntyped(r) && target?.kind === 'external') attach(untypedImport(file, r, target), target);
  }
  for (const r of index.ofType(CONNECTED_REGISTRY_TERRAFORM_TYPE))
    attach(connectedRegistryOf(file, r), index.registryFromId(r.values.container_registry_id));
  for (const r of [...index.ofType(ACTION), ...index.dataOfType(ACTION)]) {
    const item = importImageOf(index, file, r);
    if (item) attach(item, index.registryFromId(r.values.resource_id));
  }
  attachCommands(index, file, attach);
}
