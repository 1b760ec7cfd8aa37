/**
 * Whether the steps of an ACR task can push an image, whatever form the steps take: a Docker build
 * step, a task file in a Git context, or an encoded (inline) multi-step YAML. Shared by the Terraform
 * and Pulumi adapters so both judge a task alike.
 *
 * ACR multi-step tasks (Microsoft Learn "ACR Tasks reference: YAML"): `steps[]` of `build`, `push` and
 * `cmd`. A `push` step pushes; a `build` step only builds; a `cmd` step runs any container, and a run
 * holds credentials for its registry, so a `cmd` that runs a push command pushes. `acr purge` (the ACR
 * CLI image) only deletes.
 */
import { parse } from 'yaml';
import { BoundedCache } from './bounded-cache';
import type { Setting } from './types';
import { UNKNOWN } from './types';

/** Whether a task can push, and why (the step that decides, or what could not be read). */
export interface TaskPushVerdict {
  readonly canPush: Setting<boolean>;
  readonly reason: string;
}

// Commands that write into a registry: docker/podman/buildah push, ORAS push/copy/attach, crane and
// skopeo copies, regctl copies and puts, and the az CLI's import/build/run.
const PUSH_COMMAND =
  /\b(?:docker|podman|buildah)\s+(?:image\s+)?push\b|\boras\s+(?:push|cp|copy|attach|tag)\b|\bcrane\s+(?:push|copy|cp|append|mutate|tag)\b|\bskopeo\s+(?:copy|sync)\b|\bregctl\s+(?:image\s+(?:copy|import)|artifact\s+put|manifest\s+put)\b|\baz\s+acr\s+(?:import|build|run)\b/i;
const PURGE_COMMAND = /\bacr\s+purge\b/i;

/**
 * Decoded task contents by content. Estates repeat one task content on many registries (a purge per
 * registry), and each task is decoded to tell its kind and judge its steps: each distinct content is
 * decoded once.
 */
const decoded = new BoundedCache<string, string>(10_000);

/** Decodes base64 task content (Terraform `encoded_step.task_content`, azure-native `encodedTaskContent`). */
export function decodeTaskContent(content: string): string {
  return decoded.get(content, decodeUncached);
}

function decodeUncached(content: string): string {
  const compact = content.replace(/\s+/g, '');
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(compact) && compact.length % 4 === 0) {
    const text = Buffer.from(compact, 'base64').toString('utf8');
    // Only take the decoding when it is text (YAML), not bytes that happened to decode.
    if (!text.includes('\uFFFD') && /\bsteps\s*:|\bversion\s*:/.test(text)) return text;
  }
  return content;
}

function cmdVerdict(command: string, index: number): TaskPushVerdict | undefined {
  if (PUSH_COMMAND.test(command)) return { canPush: true, reason: `step ${index + 1} runs a push command` };
  if (PURGE_COMMAND.test(command)) return undefined;
  return {
    canPush: UNKNOWN,
    reason: `step ${index + 1} runs "${command.split(/\s+/)[0]}", which holds the run's push credentials`,
  };
}

/** Judges the steps of a multi-step task YAML (already decoded). */
export function taskYamlPush(yaml: string): TaskPushVerdict {
  let doc: unknown;
  try {
    doc = parse(yaml);
  } catch {
    return { canPush: UNKNOWN, reason: 'the task content is not readable YAML' };
  }
  const steps = typeof doc === 'object' && doc !== null ? (doc as { steps?: unknown }).steps : undefined;
  if (!Array.isArray(steps)) return { canPush: UNKNOWN, reason: 'the task content has no steps list' };
  let unknown: TaskPushVerdict | undefined;
  for (const [index, step] of steps.entries()) {
    if (typeof step !== 'object' || step === null) continue;
    const record = step as Record<string, unknown>;
    if (record.push !== undefined) return { canPush: true, reason: `step ${index + 1} is a push step` };
    if (typeof record.cmd === 'string') {
      const verdict = cmdVerdict(record.cmd, index);
      if (verdict?.canPush === true) return verdict;
      unknown ??= verdict;
    } else if (record.cmd !== undefined) {
      unknown ??= { canPush: UNKNOWN, reason: `step ${index + 1} has a cmd that is not a literal` };
    }
  }
  return unknown ?? { canPush: false, reason: 'no step pushes' };
}

/**
 * Verdicts by task content. Estates repeat the same task content on many registries (one purge per
 * registry), and parsing YAML is the costly part, so each distinct content is judged once.
 */
const verdicts = new BoundedCache<string, TaskPushVerdict>(10_000);

function judgeContent(content: string): TaskPushVerdict {
  return taskYamlPush(decodeTaskContent(content));
}

/** Judges encoded (inline) task content: base64 or plain YAML; UNKNOWN when it is not a literal. */
export function encodedTaskPush(content: unknown): TaskPushVerdict {
  if (typeof content !== 'string' || content.includes('${'))
    return { canPush: UNKNOWN, reason: 'the encoded task content is known only after apply' };
  return verdicts.get(content, judgeContent);
}

/** Judges a Docker build step: it pushes unless push is off or it names no image. */
export function dockerStepPush(pushEnabled: unknown, imageNames: unknown): TaskPushVerdict {
  if (pushEnabled === false || pushEnabled === 'false')
    return { canPush: false, reason: 'the build does not push' };
  if (Array.isArray(imageNames) && imageNames.length === 0)
    return { canPush: false, reason: 'the build names no image to push' };
  if (pushEnabled === undefined || pushEnabled === null || pushEnabled === true || pushEnabled === 'true')
    return { canPush: true, reason: 'its Docker build step pushes the image' };
  return { canPush: UNKNOWN, reason: 'whether its Docker build pushes is known only after apply' };
}

/** A task file in a Git context cannot be read here. */
export const FILE_STEP_PUSH: TaskPushVerdict = {
  canPush: UNKNOWN,
  reason: 'its task file lives in the build context and cannot be read here',
};

/** The verdict of a task with no step (it runs nothing). */
export const NO_STEP_PUSH: TaskPushVerdict = { canPush: false, reason: 'it has no step' };
