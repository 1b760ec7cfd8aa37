/** The classic provider's resources for tests, without its package root (see `azure`). */
import { Assignment } from '@pulumi/azure/authorization/assignment';
import { Registry as ClassicRegistry } from '@pulumi/azure/containerservice/registry';
import { RegistryAgentPool } from '@pulumi/azure/containerservice/registryAgentPool';
import { RegistryCacheRule } from '@pulumi/azure/containerservice/registryCacheRule';
import { RegistryCredentialSet } from '@pulumi/azure/containerservice/registryCredentialSet';
import { RegistryScopeMap } from '@pulumi/azure/containerservice/registryScopeMap';
import { RegistryTask } from '@pulumi/azure/containerservice/registryTask';
import { RegistryToken } from '@pulumi/azure/containerservice/registryToken';
import { RegistryWebhook } from '@pulumi/azure/containerservice/registryWebhook';
import { ResourceGroup } from '@pulumi/azure/core/resourceGroup';
import { Lock } from '@pulumi/azure/management/lock';
import { DiagnosticSetting } from '@pulumi/azure/monitoring/diagnosticSetting';
import { Endpoint } from '@pulumi/azure/privatelink/endpoint';

/**
 * The `@pulumi/azure` (classic provider) resources the tests declare, grouped by module as the
 * package names them (`azure.containerservice.Registry`). Imported one by one: the package root's
 * types are 1,700 declaration files, a third of `tsc`'s time for this repository.
 */
export const azure = {
  authorization: { Assignment },
  containerservice: {
    Registry: ClassicRegistry,
    RegistryAgentPool,
    RegistryCacheRule,
    RegistryCredentialSet,
    RegistryScopeMap,
    RegistryTask,
    RegistryToken,
    RegistryWebhook,
  },
  core: { ResourceGroup },
  management: { Lock },
  monitoring: { DiagnosticSetting },
  privatelink: { Endpoint },
};
