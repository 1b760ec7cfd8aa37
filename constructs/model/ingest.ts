/**
 * Ways images enter a registry without a push: ACR Transfer's import pipelines and their runs, and
 * the registry's `importImage` action. The promotion model (DESIGN.md "The promotion model") lets
 * images into environment N only by import from environment N-1, so each is judged by where it takes
 * its images from.
 *
 * - An import pipeline (`Microsoft.ContainerRegistry/registries/importPipelines`) imports the artifact
 *   blobs of an Azure Storage blob container into its registry (Azure/azure-rest-api-specs,
 *   `specification/containerregistry/resource-manager/Microsoft.ContainerRegistry/Registry/ImportPipeline.models.tsp`:
 *   `ImportPipelineProperties.source` "The source properties of the import pipeline", an
 *   `ImportPipelineSourceProperties` whose `type` is `AzureStorageBlobContainer` by default and whose
 *   `uri` is "https://accountName.blob.core.windows.net/containerName"). Its source trigger
 *   (`properties.trigger.sourceTrigger.status`, `PipelineSourceTriggerProperties.status`,
 *   `TriggerStatus` `Enabled`/`Disabled`, default `Enabled` in the same file) imports every blob that
 *   arrives in the container, with no run (Microsoft Learn, "Transfer artifacts to another registry":
 *   "You can set up the import pipeline to trigger whenever the artifact blob updates in the target
 *   storage"). The spec sets no default for an absent `trigger` itself. A blob container is never the
 *   previous environment's registry: whoever can write to it brings images in.
 * - A pipeline run (`registries/pipelineRuns`) runs the pipeline its `properties.request.pipelineResourceId`
 *   names ("The resource ID of the pipeline to run", `PipelineRunRequest` in `PipelineRun.models.tsp`):
 *   an import pipeline imports into the run's registry; an export pipeline
 *   (`registries/exportPipelines`) exports out of it, which lets no image in. The spec's own example
 *   `PipelineRunCreate_Import.json` (2023-01-01-preview) runs
 *   `.../registries/myRegistry/importPipelines/myImportPipeline` from `.../registries/myRegistry/pipelineRuns`.
 * - `importImage` (`POST .../registries/{registryName}/importImage`, `Registries.importImage` in
 *   `Registry/Registry.tsp`: "Copies an image to this container registry from the specified container
 *   registry"; body `ImportImageParameters` in `Registry.models.tsp`: `source` an `ImportSource` with
 *   `resourceId` "The resource identifier of the source Azure Container Registry", `registryUri` "The
 *   address of the source registry (e.g. 'mcr.microsoft.com')", `credentials` and `sourceImage`, beside
 *   `targetTags`, `untaggedTargetRepositories` and `mode`). The spec's example
 *   `ImportImageFromPublicRegistry.json` imports `library/hello-world` from `registryUri`
 *   `registry.hub.docker.com`. azapi's `azapi_resource_action` posts it (`type` the registry's, `action`
 *   the action's name, `body` the parameters); azurerm and azure-native have no resource for it.
 *
 * The model knows no engine: readers in policies/inventory apply these facts.
 */

/** The ARM type of an import pipeline (lowercase, without the API version; see `armTypeOf`). */
export const IMPORT_PIPELINE_ARM_TYPE = 'microsoft.containerregistry/registries/importpipelines';

/** The ARM type of a pipeline run (lowercase, without the API version). */
export const PIPELINE_RUN_ARM_TYPE = 'microsoft.containerregistry/registries/pipelineruns';

/** The registry action that imports an image (see the top of this file), as azapi names it. */
export const IMPORT_IMAGE_ACTION = 'importImage';

/** The status of a source trigger given without one (`PipelineSourceTriggerProperties.status` default). */
export const SOURCE_TRIGGER_DEFAULT_STATUS = 'Enabled';

/**
 * The kinds of way in: an import pipeline, a run of one, an `importImage` action, a connected
 * registry, and a command the deployment runs (a Terraform provisioner), which may push or import
 * anything its credentials allow.
 */
export type IngestKind = 'importPipeline' | 'pipelineRun' | 'importImage' | 'connectedRegistry' | 'command';

/** How messages name each kind. */
export const INGEST_LABELS: Readonly<Record<IngestKind, string>> = {
  importPipeline: 'import pipeline',
  pipelineRun: 'pipeline run',
  importImage: 'image import',
  connectedRegistry: 'connected registry',
  command: 'command',
};

/**
 * A connected registry (`Microsoft.ContainerRegistry/registries/connectedRegistries`) is an
 * on-premises replica of its registry. Microsoft Learn, "What is a connected registry?", Modes:
 * "ReadWrite mode - The default mode allows clients to pull and push artifacts (read and write) to
 * the Connected registry. Artifacts that are pushed to the Connected registry will be synchronized
 * with the cloud registry"; "ReadOnly mode - ... clients can only pull (read) artifacts". So one in
 * ReadWrite mode lets images into its registry that no promotion chose, pushed where the checker
 * cannot see. A ReadWrite child may only sit under a ReadWrite parent (same article, Registry
 * hierarchy), so its pushes reach the cloud registry, `container_registry_id` (or `parent_id`).
 * azurerm (`azurerm_container_connected_registry`, docs): `mode` "Possible values are `Mirror`,
 * `ReadOnly`, `ReadWrite` and `Registry` ... Defaults to `ReadWrite`"; ARM requires `mode`
 * (`ConnectedRegistryProperties.mode`, REST spec `Registry/ConnectedRegistry.models.tsp`).
 * `Registry` and `Mirror` are older names the article does not describe.
 */
export const CONNECTED_REGISTRY_ARM_TYPE = 'microsoft.containerregistry/registries/connectedregistries';

/** The azurerm resource of a connected registry. */
export const CONNECTED_REGISTRY_TERRAFORM_TYPE = 'azurerm_container_connected_registry';

/** azurerm's `mode` when the configuration sets none. */
export const CONNECTED_REGISTRY_AZURERM_DEFAULT_MODE = 'ReadWrite';

/**
 * Whether a connected registry in `mode` syncs what clients push to it into its registry: true for
 * ReadWrite, false for ReadOnly, undefined for a mode Learn does not describe (`Registry`, `Mirror`).
 */
export function connectedRegistrySyncsPushes(mode: string): boolean | undefined {
  const m = mode.toLowerCase();
  if (m === 'readwrite') return true;
  if (m === 'readonly') return false;
  return undefined;
}

/** What a pipeline's resource ID names: an import or an export pipeline of a registry. */
export interface PipelineIdParts {
  readonly direction: 'import' | 'export';
  readonly registryName: string;
  readonly pipelineName: string;
}

const PIPELINE_ID =
  /\/providers\/Microsoft\.ContainerRegistry\/registries\/([^/]+)\/(importPipelines|exportPipelines)\/([^/]+)\/?$/i;

/** The parts of a literal pipeline ID; undefined when `id` is no ACR pipeline ID. */
export function pipelineIdParts(id: string): PipelineIdParts | undefined {
  const match = PIPELINE_ID.exec(id);
  if (!match) return undefined;
  return {
    direction: match[2].toLowerCase() === 'importpipelines' ? 'import' : 'export',
    registryName: match[1],
    pipelineName: match[3],
  };
}

/**
 * A registry's login server is `<name lowercased>.azurecr.io` (FACTS.md section 2), registry names
 * being 5-50 letters and digits; a registry whose login server carries a domain name label hash
 * (`RegistryNameStatus.availableLoginServerName`, "The complete login server name with domain name
 * label (DNL) hash", `Registry.models.tsp`) writes it after a hyphen, which no registry name holds.
 */
const LOGIN_SERVER = /^([a-z0-9]{5,50})(?:-[a-z0-9]+)?\.azurecr\.io$/;

/** What the registry address of an import names. */
export type ImportAddress =
  /** An Azure container registry, by its name. */
  | { readonly kind: 'acr'; readonly registryName: string }
  /** A registry that is no Azure container registry (`docker.io`, `mcr.microsoft.com`). */
  | { readonly kind: 'other'; readonly host: string }
  /**
   * A host of Azure Container Registry that is no login server read here (a data endpoint, another
   * cloud's domain): it may be any registry.
   */
  | { readonly kind: 'undecided'; readonly host: string };

/** What an `ImportSource.registryUri` names (a host, with or without a scheme, port or path). */
export function importAddressOf(uri: string): ImportAddress {
  const host = uri
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .split(/[/?#]/)[0]
    .replace(/:\d+$/, '')
    .toLowerCase();
  const login = LOGIN_SERVER.exec(host);
  if (login) return { kind: 'acr', registryName: login[1] };
  return /(^|\.)azurecr\./.test(host) ? { kind: 'undecided', host } : { kind: 'other', host };
}
