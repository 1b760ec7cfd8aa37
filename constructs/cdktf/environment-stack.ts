/**
 * One environment as one Terraform stack: provider, state backend, resource group, the registry with
 * everything attached, and the promotion hop from the previous environment.
 */
import type { Construct } from 'constructs';
import { AzurermBackend, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import type { AzureBackendDeclaration } from '../model/declaration';
import type { ResolvedEnvironment } from '../model/resolve';
import { Registry } from './registry';
import { PromotionHop } from './promotion';

/** Properties of EnvironmentStack. */
export interface EnvironmentStackProps {
  /** The environment, validated and resolved (see `defineEstate`). */
  readonly environment: ResolvedEnvironment;
  /**
   * Remote state.
   * @default local state in `terraform.<env>.tfstate` beside the output folder (the project root for
   * `cdktf.out/`), never inside the generated tree, which every synth replaces
   */
  readonly backend?: AzureBackendDeclaration | undefined;
}

/**
 * Where local state lives, relative to the stack's folder: stacks are synthesized into
 * `<outdir>/stacks/<name>/` (the cdktf layout) and Terraform resolves a local backend path from there,
 * so three levels up is the folder holding the output folder, where cdktf's own default puts it too
 * (`terraform.<stack>.tfstate` in the project folder, but as an absolute path). Relative, so the output
 * names no machine path.
 */
export function localStatePath(environment: string): string {
  return `../../../terraform.${environment}.tfstate`;
}

/** The Terraform stack of one environment; its name is the environment's. */
export class EnvironmentStack extends TerraformStack {
  /** The environment's registry. */
  readonly registry: Registry;
  /** The promotion hop into this environment, if it has a predecessor. */
  readonly promotion?: PromotionHop;

  constructor(scope: Construct, props: EnvironmentStackProps) {
    const env = props.environment;
    super(scope, env.name);
    new AzurermProvider(this, 'azurerm', { features: [{}] });
    if (props.backend) {
      new AzurermBackend(this, {
        resourceGroupName: props.backend.resourceGroupName,
        storageAccountName: props.backend.storageAccountName,
        containerName: props.backend.containerName,
        key: `${props.backend.keyPrefix ?? 'acr-iac/'}${env.name}.tfstate`,
        useAzureadAuth: true,
      });
    } else {
      new LocalBackend(this, { path: localStatePath(env.name) });
    }
    const group = new ResourceGroup(this, 'resource-group', {
      name: env.resourceGroupName,
      location: env.location,
      tags: { ...env.registry.tags },
      ...(env.protected && { lifecycle: { preventDestroy: true } }),
    });
    this.registry = new Registry(this, 'registry', {
      registry: { ...env.registry, resourceGroupName: group.name },
    });
    if (env.promotion) {
      this.promotion = new PromotionHop(this, 'promotion', {
        target: this.registry,
        promotion: env.promotion,
        location: env.location,
        resourceGroupName: group.name,
        tags: env.registry.tags,
        importerRole: env.registry.importerRole,
      });
    }
    new TerraformOutput(this, 'login_server', { value: this.registry.resource.loginServer });
    new TerraformOutput(this, 'registry_id', { value: this.registry.registryId });
  }
}
