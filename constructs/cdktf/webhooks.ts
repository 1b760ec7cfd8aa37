/**
 * Webhooks, including the quarantine pattern: a `quarantine` webhook tells a scanner about new images,
 * which it releases after a clean scan. Custom headers come from a sensitive variable.
 */
import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { ContainerRegistryWebhook } from '@cdktf/provider-azurerm/lib/container-registry-webhook';
import type { ResolvedWebhook } from '../model/resolve';
import type { IRegistry } from './registry-base';
import { sensitiveInput } from './inputs';

/** Properties of RegistryWebhook. */
export interface RegistryWebhookProps {
  readonly registry: IRegistry;
  readonly webhook: ResolvedWebhook;
  /** Region of the webhook (the registry's). */
  readonly location: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** One webhook. */
export class RegistryWebhook extends Construct {
  /** The webhook resource. */
  readonly resource: ContainerRegistryWebhook;

  constructor(scope: Construct, id: string, props: RegistryWebhookProps) {
    super(scope, id);
    const { registry, webhook } = props;
    const headers = webhook.headersInput
      ? sensitiveInput(this, webhook.headersInput, 'map(string)', `Custom headers of webhook ${webhook.name}`)
      : undefined;
    this.resource = new ContainerRegistryWebhook(this, 'webhook', {
      name: webhook.name,
      registryName: registry.registryNameReference,
      resourceGroupName: registry.resourceGroupName,
      location: props.location,
      serviceUri: webhook.serviceUri,
      actions: [...webhook.actions],
      scope: webhook.scope,
      status: webhook.enabled ? 'enabled' : 'disabled',
      ...(headers && { customHeaders: Token.asStringMap(headers.value) }),
      tags: { ...props.tags },
    });
  }
}
