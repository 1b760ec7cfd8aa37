/**
 * Webhooks, including the quarantine pattern: a `quarantine` webhook tells a scanner about new images,
 * which it releases after a clean scan. Custom headers come from secret config and stay secret.
 */
import * as pulumi from '@pulumi/pulumi';
import { Webhook } from '@pulumi/azure-native/containerregistry/webhook';
import type { ResolvedWebhook } from '../model/resolve';
import type { IRegistry } from './access';
import { childOf } from './access';

/** Arguments of RegistryWebhook. */
export interface RegistryWebhookArgs {
  readonly registry: IRegistry;
  readonly webhook: ResolvedWebhook;
  /** Region of the webhook: the registry's or one of its replicas'. */
  readonly location: string;
  /**
   * The replica in `location`, when that is not the registry's home region. A webhook answers to one
   * regional replica (Learn, container-registry-webhook: "configure each webhook to respond to events in
   * a specific regional replica"), so it waits for that replica: `registryName` is a plain name and
   * gives Pulumi no edge to it. @default undefined: the home region
   */
  readonly replica?: pulumi.Resource | undefined;
  readonly tags: Readonly<Record<string, string>>;
  /** Custom headers (a secret from config). @default undefined: no headers */
  readonly customHeaders?: pulumi.Output<Record<string, string>> | undefined;
}

/** One webhook (type `acr-iac:index:RegistryWebhook`). */
export class RegistryWebhook extends pulumi.ComponentResource {
  /** The webhook resource. */
  readonly resource: Webhook;

  constructor(name: string, args: RegistryWebhookArgs, opts?: pulumi.ComponentResourceOptions) {
    super('acr-iac:index:RegistryWebhook', name, {}, opts);
    const { registry, webhook } = args;
    this.resource = new Webhook(
      `${name}-webhook`,
      {
        webhookName: webhook.name,
        registryName: registry.registryName,
        resourceGroupName: registry.resourceGroupName,
        location: args.location,
        serviceUri: webhook.serviceUri,
        actions: [...webhook.actions],
        scope: webhook.scope,
        status: webhook.enabled ? 'enabled' : 'disabled',
        customHeaders: args.customHeaders && pulumi.secret(args.customHeaders),
        tags: { ...args.tags },
      },
      childOf(this, registry, args.replica),
    );
    this.registerOutputs({ webhookId: this.resource.id });
  }
}
