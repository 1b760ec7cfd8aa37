/**
 * What brings images into a registry besides a push by a grant or a token: ACR Tasks and their agent
 * pools, artifact cache rules and their credential sets, imports. Part of the inventory, re-exported
 * by types.ts.
 */
import type { IngestKind } from '../../constructs/model/ingest';
import type { Located } from './located';
import type { Setting } from './unknown';

/** An ACR Task. */
export interface Task extends Located {
  readonly name: Setting<string>;
  /** `build` (docker/file step with a trigger), `purge` (an `acr purge` run), or `other`. */
  readonly kind: 'build' | 'purge' | 'other';
  readonly enabled: Setting<boolean>;
  /** Name of the dedicated agent pool it runs on; `''` for the shared pool. */
  readonly agentPool: Setting<string>;
  /** True when the task has a system-assigned identity (what the task network bypass admits). */
  readonly systemIdentity: Setting<boolean>;
  /** True when its steps can push (a pushing build, a push step, a push command); UNKNOWN when unreadable. */
  readonly canPush: Setting<boolean>;
  /** Why it can push or cannot be judged (which step), for messages. */
  readonly pushReason?: string;
}

/** A dedicated ACR Tasks agent pool. */
export interface AgentPool extends Located {
  readonly name: Setting<string>;
  /** Subnet the agents run in; `''` when none (agents then cannot reach a private endpoint). */
  readonly subnetId: Setting<string>;
  readonly tier: Setting<string>;
  readonly count: Setting<number>;
}

/** Upstream credentials of cache rules: Key Vault secret IDs, never values. */
export interface CredentialSet extends Located {
  readonly name: Setting<string>;
  readonly loginServer: Setting<string>;
  readonly usernameSecretId: SecretId;
  readonly passwordSecretId: SecretId;
}

/**
 * A secret ID the input gives as a reference to a Key Vault secret's versionless ID: a Key Vault
 * secret ID by the provider's definition, whose text is known at apply.
 */
export interface KeyVaultSecretReference {
  /** The reference, e.g. `azurerm_key_vault_secret.hub_user.versionless_id`. */
  readonly keyVaultSecret: string;
}

/** A credential set's secret ID: its text, UNKNOWN, or a reference to a Key Vault secret. */
export type SecretId = Setting<string> | KeyVaultSecretReference;

/** True for a secret ID given by a reference to a Key Vault secret. */
export function isKeyVaultSecretReference(id: SecretId): id is KeyVaultSecretReference {
  return typeof id === 'object' && id !== null && 'keyVaultSecret' in id;
}

/** An artifact cache rule. */
export interface CacheRule extends Located {
  readonly name: Setting<string>;
  /** Upstream repository, e.g. `docker.io/library/nginx`. */
  readonly upstream: Setting<string>;
  readonly targetRepository: Setting<string>;
  /** Name of the credential set it authenticates with; `''` for anonymous pulls. */
  readonly credentialSet: Setting<string>;
}

/**
 * A way images enter a registry besides a push (constructs/model/ingest.ts): an ACR Transfer import
 * pipeline, a run of one, or an `importImage` action. Judged by where it takes its images from: only
 * an import from the previous environment's registry is promotion.
 */
export interface Ingest extends Located {
  readonly name: Setting<string>;
  readonly kind: IngestKind;
  /**
   * Where it takes images from, for messages: the blob container URI of an import pipeline, the import
   * pipeline a run runs, the registry (resource ID or address) an image import copies from.
   */
  readonly from: Setting<string>;
  /**
   * For an image import: the name of the Azure container registry it copies from (the registry of
   * `source.resourceId`, or of a login server in `source.registryUri`); `''` when it copies from a
   * registry that is no Azure container registry (`docker.io`); UNKNOWN when the input does not
   * decide it. Absent for pipelines and their runs, which import blobs from storage.
   */
  readonly fromRegistry?: Setting<string>;
  /** For an image import: the image it copies (`source.sourceImage`). */
  readonly image?: Setting<string>;
  /**
   * For an import pipeline: true when its source trigger imports every blob as it arrives, with no
   * run; false when only pipeline runs import.
   */
  readonly triggered?: Setting<boolean>;
  /**
   * True when it imports into the registry; UNKNOWN, with the reason, when the input does not decide
   * whether it does (a pipeline run of a pipeline it does not decide, import or export).
   */
  readonly imports: Setting<boolean>;
}
