/**
 * The holes of the push gate: every way to put an image into a promotion target without promotion,
 * and every grant the checker cannot judge there, as edits of the shipped estate's cdk.tf.json, with
 * the rule that must name each. What the push-gate tests of both engines share: the prod registry's
 * ID, a CI principal, role definition GUIDs from Microsoft's built-in roles list (FACTS.md section 3,
 * written out) and task contents that push. Expected outcomes follow from what Azure does, not from
 * the code.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

/** The subscription of the shipped estate's placeholder IDs (and of the Pulumi mocks). */
export const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
/** The shipped prod registry's ID. */
export const PROD_ID = `${SUB}/resourceGroups/rg-acr-prod/providers/Microsoft.ContainerRegistry/registries/contosoacrprod`;
/** A CI principal that should never reach prod. */
export const CI = '11111111-1111-1111-1111-111111111111';
/** Role definition GUIDs (Microsoft Learn "Azure built-in roles"). */
export const GUID = {
  acrPush: '8311e382-0749-4cb8-b61a-304f252e45ec',
  acrImageSigner: '6cef56e8-d556-48e5-a04f-b8e64114680f',
  repositoryWriter: '2a1e307c-b015-4ebd-883e-5b7698a07328',
  tasksContributor: 'fb382eab-e894-4461-af04-94435c366c3f',
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
} as const;
/** A role definition ID at subscription scope. */
export const roleId = (guid: string): string =>
  `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
/** The permissions of an importer role that forgot `registries/read`. */
export const IMPORT_ONLY = ['Microsoft.ContainerRegistry/registries/importImage/action'];
const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
/** A multi-step task (ACR Tasks YAML) that builds and pushes. */
export const PUSHING_YAML = base64(
  'version: v1.1.0\nsteps:\n  - build: -t $Registry/apps/web:1 .\n  - push: ["$Registry/apps/web:1"]\n',
);
/** A multi-step task whose cmd step runs docker push. */
export const CMD_PUSH_YAML = base64('version: v1.1.0\nsteps:\n  - cmd: docker push $Registry/apps/web:1\n');

/** An input format the holes are judged in. */
export type Format = 'cdktf' | 'plan';
/** An edit of one stack's cdk.tf.json. */
export type Edit = (doc: Doc) => void;

/** A hole: which stack is tampered, how, the rule that must name it (per format when they differ). */
export interface Hole {
  readonly name: string;
  readonly stack: 'dev' | 'prod';
  /** Address of the resource the finding points at. */
  readonly address: string;
  readonly rule: string | Readonly<Record<Format, string>>;
  readonly edit: Edit;
}

const registryKey = (doc: Doc): string => Object.keys(doc.resource.azurerm_container_registry)[0];
const prodRegistryRef = (doc: Doc): string => `\${azurerm_container_registry.${registryKey(doc)}.id}`;
const add = (doc: Doc, type: string, name: string, body: Doc): void => {
  doc.resource[type] = { ...(doc.resource[type] ?? {}), [name]: body };
};
const grantOnProd =
  (role: Doc): Edit =>
  (doc) =>
    add(doc, 'azurerm_role_assignment', 'tamper', { scope: prodRegistryRef(doc), principal_id: CI, ...role });
const grantFromDev =
  (scope: string, role: Doc): Edit =>
  (doc) =>
    add(doc, 'azurerm_role_assignment', 'tamper', { scope, principal_id: CI, ...role });
const taskOnProd =
  (step: Doc): Edit =>
  (doc) =>
    add(doc, 'azurerm_container_registry_task', 'tamper', {
      name: 'sneaky-build',
      container_registry_id: prodRegistryRef(doc),
      platform: { os: 'Linux' },
      ...step,
    });
/** An `importImage` of the prod registry (azapi_resource_action) from `registryUri`. */
const importIntoProd =
  (registryUri: string): Edit =>
  (doc) =>
    add(doc, 'azapi_resource_action', 'tamper', {
      type: 'Microsoft.ContainerRegistry/registries@2023-07-01',
      resource_id: prodRegistryRef(doc),
      action: 'importImage',
      body: { source: { registryUri, sourceImage: 'library/nginx:1.27' } },
    });
const tokenOnProd =
  (scopeMap: string): Edit =>
  (doc) =>
    add(doc, 'azurerm_container_registry_token', 'tamper', {
      name: 'sneaky-token',
      container_registry_name: 'contosoacrprod',
      resource_group_name: 'rg-acr-prod',
      scope_map_id: `${prodRegistryRef(doc)}/scopeMaps/${scopeMap}`,
    });

function findAssignment(doc: Doc, role: string): string {
  return Object.entries(doc.resource.azurerm_role_assignment).find(
    ([, r]) => (r as Doc).role_definition_name === role,
  )![0];
}

/** Every hole, with the stack it is made in. */
export const HOLES: readonly Hole[] = [
  {
    name: 'Repository Writer on prod, by name',
    stack: 'prod',
    address: 'azurerm_role_assignment.tamper',
    rule: 'ACR-024',
    edit: grantOnProd({ role_definition_name: 'Container Registry Repository Writer' }),
  },
  {
    name: 'Repository Contributor on prod, by name',
    stack: 'prod',
    address: 'azurerm_role_assignment.tamper',
    rule: 'ACR-024',
    edit: grantOnProd({ role_definition_name: 'Container Registry Repository Contributor' }),
  },
  {
    name: 'Repository Writer on prod, by role definition ID',
    stack: 'prod',
    address: 'azurerm_role_assignment.tamper',
    rule: 'ACR-024',
    edit: grantOnProd({ role_definition_id: roleId(GUID.repositoryWriter) }),
  },
  {
    name: 'Repository Writer on prod, by an ID built from the subscription data source',
    stack: 'prod',
    address: 'azurerm_role_assignment.tamper',
    rule: 'ACR-024',
    edit: (doc) => {
      doc.data = { ...(doc.data ?? {}), azurerm_subscription: { current: {} } };
      grantOnProd({
        role_definition_id: `\${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/${GUID.repositoryWriter}`,
      })(doc);
    },
  },
  {
    name: 'Tasks Contributor on prod',
    stack: 'prod',
    address: 'azurerm_role_assignment.tamper',
    rule: 'ACR-024',
    edit: grantOnProd({ role_definition_name: 'Container Registry Tasks Contributor' }),
  },
  {
    name: 'a task on prod whose encoded steps build and push',
    stack: 'prod',
    address: 'azurerm_container_registry_task.tamper',
    rule: 'ACR-024',
    edit: taskOnProd({ encoded_step: { task_content: PUSHING_YAML } }),
  },
  {
    name: 'a task on prod whose encoded cmd step runs docker push',
    stack: 'prod',
    address: 'azurerm_container_registry_task.tamper',
    rule: 'ACR-024',
    edit: taskOnProd({ encoded_step: { task_content: CMD_PUSH_YAML } }),
  },
  {
    name: 'a task on prod whose task file cannot be read',
    stack: 'prod',
    address: 'azurerm_container_registry_task.tamper',
    rule: 'ACR-122',
    edit: taskOnProd({
      file_step: { context_path: 'https://github.com/contoso/app.git#main', task_file_path: 'acr-task.yaml' },
    }),
  },
  {
    name: 'a token on prod bound to the system scope map _repositories_push',
    stack: 'prod',
    address: 'azurerm_container_registry_token.tamper',
    // In a plan the registry ID is not known yet, so the scope map is unreadable: ACR-121.
    rule: { cdktf: 'ACR-023', plan: 'ACR-121' },
    edit: tokenOnProd('_repositories_push'),
  },
  {
    name: 'a token on prod bound to the system scope map _repositories_admin',
    stack: 'prod',
    address: 'azurerm_container_registry_token.tamper',
    rule: { cdktf: 'ACR-023', plan: 'ACR-121' },
    edit: tokenOnProd('_repositories_admin'),
  },
  {
    name: 'a grant on prod whose role cannot be identified',
    stack: 'prod',
    address: 'azurerm_role_assignment.tamper',
    rule: 'ACR-120',
    edit: grantOnProd({ role_definition_id: '${var.role_definition_id}' }),
  },
  {
    name: "the promotion identity's custom role with only importImage/action",
    stack: 'prod',
    address: 'azurerm_role_assignment.import_only',
    rule: 'ACR-103',
    edit: (doc) => {
      const key = findAssignment(doc, 'Container Registry Data Importer and Data Reader');
      const { role_definition_name: _builtIn, ...importer } = doc.resource.azurerm_role_assignment[key];
      delete doc.resource.azurerm_role_assignment[key];
      add(doc, 'azurerm_role_assignment', 'import_only', {
        ...importer,
        role_definition_id: '${azurerm_role_definition.import_only.role_definition_resource_id}',
      });
      add(doc, 'azurerm_role_definition', 'import_only', {
        name: 'AcrImportOnly',
        scope: `${SUB}/resourceGroups/rg-acr-prod`,
        permissions: [{ actions: IMPORT_ONLY }],
        assignable_scopes: [`${SUB}/resourceGroups/rg-acr-prod`],
      });
    },
  },
  {
    name: 'AcrImageSigner as the signer while Docker Content Trust is off',
    stack: 'prod',
    address: 'azurerm_role_assignment.tamper',
    rule: 'ACR-013',
    edit: (doc) => {
      delete doc.resource.azurerm_role_assignment[findAssignment(doc, 'AcrPush')];
      grantOnProd({ role_definition_name: 'AcrImageSigner' })(doc);
    },
  },
  {
    name: 'an importImage into prod from docker.io',
    stack: 'prod',
    address: 'azapi_resource_action.tamper',
    rule: 'ACR-024',
    edit: importIntoProd('docker.io'),
  },
  {
    name: 'an importImage into prod from the dev registry, skipping staging',
    stack: 'prod',
    address: 'azapi_resource_action.tamper',
    rule: 'ACR-024',
    edit: importIntoProd('contosoacrdev.azurecr.io'),
  },
  {
    name: 'AcrPush at the prod resource group, from the dev stack',
    stack: 'dev',
    address: 'azurerm_role_assignment.tamper',
    rule: 'ACR-105',
    edit: grantFromDev(`${SUB}/resourceGroups/rg-acr-prod`, { role_definition_name: 'AcrPush' }),
  },
  {
    name: 'Contributor at the subscription, from the dev stack',
    stack: 'dev',
    address: 'azurerm_role_assignment.tamper',
    rule: 'ACR-105',
    edit: grantFromDev(SUB, { role_definition_name: 'Contributor' }),
  },
  {
    name: 'Owner at a management group, from the dev stack',
    stack: 'dev',
    address: 'azurerm_role_assignment.tamper',
    rule: 'ACR-105',
    edit: grantFromDev('/providers/Microsoft.Management/managementGroups/platform', {
      role_definition_id: roleId(GUID.owner),
    }),
  },
  {
    name: 'Repository Writer on prod by registry ID, from the dev stack',
    stack: 'dev',
    address: 'azurerm_role_assignment.tamper',
    rule: 'ACR-105',
    edit: grantFromDev(PROD_ID, { role_definition_id: roleId(GUID.repositoryWriter) }),
  },
  {
    name: 'a push token on prod by registry ID, from the dev stack',
    stack: 'dev',
    address: 'azurerm_container_registry_token.tamper',
    rule: 'ACR-105',
    edit: (doc) => {
      doc.data = {
        ...(doc.data ?? {}),
        azurerm_container_registry: { prod: { name: 'contosoacrprod', resource_group_name: 'rg-acr-prod' } },
      };
      add(doc, 'azurerm_container_registry_token', 'tamper', {
        name: 'ci-push-prod',
        container_registry_name: '${data.azurerm_container_registry.prod.name}',
        resource_group_name: 'rg-acr-prod',
        scope_map_id: '${data.azurerm_container_registry.prod.id}/scopeMaps/_repositories_push',
      });
    },
  },
  {
    name: 'a pushing build task on prod by registry ID, from the dev stack',
    stack: 'dev',
    address: 'azurerm_container_registry_task.tamper',
    rule: 'ACR-105',
    edit: (doc) =>
      add(doc, 'azurerm_container_registry_task', 'tamper', {
        name: 'build-into-prod',
        container_registry_id: PROD_ID,
        platform: { os: 'Linux' },
        docker_step: {
          context_path: 'https://github.com/contoso/app.git',
          dockerfile_path: 'Dockerfile',
          image_names: ['apps/app:1'],
        },
      }),
  },
  {
    name: 'an ACR Transfer import pipeline on prod by registry ID, from the dev stack',
    stack: 'dev',
    address: 'azapi_resource.tamper',
    rule: 'ACR-105',
    edit: (doc) =>
      add(doc, 'azapi_resource', 'tamper', {
        type: 'Microsoft.ContainerRegistry/registries/importPipelines@2023-01-01-preview',
        name: 'devdrop',
        parent_id: PROD_ID,
        body: {
          properties: {
            source: {
              uri: 'https://devstorage.blob.core.windows.net/drop',
              keyVaultUri: 'https://kv.vault.azure.net/secrets/sas',
            },
          },
        },
      }),
  },
];
