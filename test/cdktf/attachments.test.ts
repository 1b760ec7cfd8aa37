import { estateWarnings, validateEstate } from '../../constructs/model/estate';
import { formatProblem } from '../../constructs/model/problems';
import { SUBNET, VNET, env, estateOf } from '../support/declarations';
import { only, resources, synthLast, synthOne } from '../support/cdktf';

const ZONE_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io';
const REGISTRY_ID = /^\$\{azurerm_container_registry\.[^.]+\.id\}$/;

describe('private network', () => {
  it('creates the privatelink zone, VNet links and an endpoint with a zone group', () => {
    const stack = synthOne(
      env('prod', {
        privateEndpoints: [{ name: 'pe-acr', subnetId: SUBNET }],
        privateDns: { vnetLinks: [{ name: 'link-a', virtualNetworkId: VNET }] },
      }),
    );
    expect(only(stack, 'azurerm_private_dns_zone')).toMatchObject({
      name: 'privatelink.azurecr.io',
      resource_group_name: '${azurerm_resource_group.resource-group.name}',
    });
    expect(only(stack, 'azurerm_private_dns_zone_virtual_network_link')).toMatchObject({
      name: 'link-a',
      virtual_network_id: VNET,
      registration_enabled: false,
      private_dns_zone_name: expect.stringMatching(/^\$\{azurerm_private_dns_zone\.[^.]+\.name\}$/),
    });
    const endpoint = only(stack, 'azurerm_private_endpoint');
    expect(endpoint).toMatchObject({
      name: 'pe-acr',
      location: 'westeurope',
      subnet_id: SUBNET,
      private_service_connection: {
        subresource_names: ['registry'],
        is_manual_connection: false,
        private_connection_resource_id: expect.stringMatching(REGISTRY_ID),
      },
      private_dns_zone_group: {
        name: 'acr-dns',
        private_dns_zone_ids: [expect.stringMatching(/^\$\{azurerm_private_dns_zone\.[^.]+\.id\}$/)],
      },
    });
    expect(only(stack, 'azurerm_container_registry').public_network_access_enabled).toBe(false);
  });

  it('uses an existing hub zone and links VNets in its resource group', () => {
    const stack = synthOne(
      env('prod', {
        privateEndpoints: [{ name: 'pe-acr', subnetId: SUBNET, location: 'northeurope' }],
        privateDns: { existingZoneId: ZONE_ID, vnetLinks: [{ name: 'link-a', virtualNetworkId: VNET }] },
      }),
    );
    expect(resources(stack, 'azurerm_private_dns_zone')).toEqual([]);
    expect(only(stack, 'azurerm_private_dns_zone_virtual_network_link')).toMatchObject({
      resource_group_name: 'rg-hub-dns',
      private_dns_zone_name: 'privatelink.azurecr.io',
    });
    expect(only(stack, 'azurerm_private_endpoint')).toMatchObject({
      location: 'northeurope',
      private_dns_zone_group: { private_dns_zone_ids: [ZONE_ID] },
    });
  });

  it("links VNets to a hub zone in another subscription through a provider on the zone's subscription", () => {
    const HUB = '11111111-2222-3333-4444-555555555555';
    const hubZone = ZONE_ID.replace('00000000-0000-0000-0000-000000000000', HUB);
    const declared = {
      privateEndpoints: [{ name: 'pe-acr', subnetId: SUBNET }],
      privateDns: { existingZoneId: hubZone, vnetLinks: [{ name: 'link-a', virtualNetworkId: VNET }] },
    };
    // Without the option the link would be created in the deploying subscription: a warning says so.
    expect(estateWarnings(estateOf(env('prod', declared))).map(formatProblem)).toEqual([
      `prod.registry.privateDns.linksInZoneSubscription: the zone is in subscription ${HUB}, which no private endpoint subnet is in: its VNet links are created in the deploying subscription and fail there unless that is the zone's. Fix: set linksInZoneSubscription: true to create them through a provider on the zone's subscription`,
    ]);
    const stack = synthOne(
      env('prod', { ...declared, privateDns: { ...declared.privateDns, linksInZoneSubscription: true } }),
    );
    const alias = `dns_${HUB.replace(/-/g, '_')}`;
    expect(only(stack, 'azurerm_private_dns_zone_virtual_network_link')).toMatchObject({
      provider: `azurerm.${alias}`,
      resource_group_name: 'rg-hub-dns',
    });
    expect((stack.provider as { azurerm: unknown[] }).azurerm).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          alias,
          subscription_id: HUB,
          resource_provider_registrations: 'none',
        }),
      ]),
    );
    // The endpoint stays in the deploying subscription, on the default provider.
    expect(only(stack, 'azurerm_private_endpoint').provider).toBeUndefined();
  });

  it('refuses linksInZoneSubscription without an existing zone', () => {
    expect(
      validateEstate(
        estateOf(
          env('prod', {
            privateEndpoints: [{ name: 'pe-acr', subnetId: SUBNET }],
            privateDns: { vnetLinks: [], linksInZoneSubscription: true },
          }),
        ),
      ).all.map(formatProblem),
    ).toEqual([
      "prod.registry.privateDns.linksInZoneSubscription: links go into the zone's subscription only for an existing zone. Fix: set existingZoneId, or remove linksInZoneSubscription (the stack creates the zone and links it)",
    ]);
  });
});

describe('tokens', () => {
  it('creates a scope map, a token and an expiring, rotating password exposed only as a sensitive output', () => {
    const stack = synthOne(
      env('prod', {
        tokens: [
          {
            name: 'pull-token',
            repositories: [{ repository: 'apps/*', permissions: ['metadata/read', 'content/read'] }],
            passwordLifetimeDays: 30,
          },
        ],
      }),
    );
    expect(only(stack, 'azurerm_container_registry_scope_map')).toMatchObject({
      name: 'pull-token-scope',
      container_registry_name: expect.stringMatching(/^\$\{azurerm_container_registry\.[^.]+\.name\}$/),
      actions: ['repositories/apps/*/content/read', 'repositories/apps/*/metadata/read'],
    });
    expect(only(stack, 'azurerm_container_registry_token')).toMatchObject({
      name: 'pull-token',
      enabled: true,
      scope_map_id: expect.stringMatching(/scope_map\.[^.]+\.id\}$/),
    });
    expect(only(stack, 'time_rotating')).toEqual(expect.objectContaining({ rotation_days: 30 }));
    expect(only(stack, 'azurerm_container_registry_token_password')).toMatchObject({
      password1: { expiry: expect.stringMatching(/^\$\{time_rotating\.[^.]+\.rotation_rfc3339\}$/) },
    });
    expect(Object.values(stack.output ?? {})).toContainEqual(
      expect.objectContaining({ sensitive: true, value: expect.stringMatching(/password1\[0\]\.value\}$/) }),
    );
    expect(stack.terraform.required_providers).toHaveProperty('time');
  });

  it('creates no password (and no time provider) for a token without expiry', () => {
    const stack = synthOne(
      env('dev', {
        sku: 'Basic',
        tokens: [
          { name: 'dev-token', repositories: [{ repository: 'app', permissions: ['content/write'] }] },
        ],
      }),
    );
    expect(resources(stack, 'azurerm_container_registry_token_password')).toEqual([]);
    expect(stack.terraform.required_providers).not.toHaveProperty('time');
  });
});

describe('tasks', () => {
  it('renders a docker build with commit, base image and timer triggers, its Git token from a sensitive variable', () => {
    const stack = synthOne(
      env('dev', {
        sku: 'Standard',
        tasks: [
          {
            name: 'build-app',
            step: {
              type: 'docker',
              contextPath: 'https://github.com/o/app.git',
              imageNames: ['app:{{.Run.ID}}'],
            },
            sourceTrigger: {
              repositoryUrl: 'https://github.com/o/app.git',
              events: ['commit', 'pullrequest'],
            },
            timers: [{ name: 'nightly', schedule: '0 3 * * *' }],
          },
        ],
      }),
    );
    expect(only(stack, 'azurerm_container_registry_task')).toMatchObject({
      name: 'build-app',
      container_registry_id: expect.stringMatching(REGISTRY_ID),
      platform: { os: 'Linux' },
      timeout_in_seconds: 3600,
      identity: { type: 'SystemAssigned' },
      docker_step: {
        context_path: 'https://github.com/o/app.git',
        dockerfile_path: 'Dockerfile',
        image_names: ['app:{{.Run.ID}}'],
        push_enabled: true,
        context_access_token: '${var.build_app_git_token}',
      },
      source_trigger: [
        {
          name: 'source',
          events: ['commit', 'pullrequest'],
          branch: 'main',
          source_type: 'Github',
          authentication: { token: '${var.build_app_git_token}', token_type: 'PAT' },
        },
      ],
      base_image_trigger: { name: 'base-image', type: 'Runtime' },
      timer_trigger: [{ name: 'nightly', schedule: '0 3 * * *' }],
    });
    expect(stack.variable?.build_app_git_token).toMatchObject({ sensitive: true, type: 'string' });
  });

  it('renders a multi-step task file', () => {
    const stack = synthOne(
      env('dev', {
        sku: 'Basic',
        tasks: [
          {
            name: 'multi-step',
            step: {
              type: 'file',
              contextPath: 'https://github.com/o/app.git',
              taskFilePath: 'acr-task.yaml',
            },
            timers: [{ name: 'weekly', schedule: '0 4 * * 1' }],
            os: 'Windows',
            timeoutSeconds: 1200,
          },
        ],
      }),
    );
    const task = only(stack, 'azurerm_container_registry_task');
    expect(task).toMatchObject({
      file_step: { task_file_path: 'acr-task.yaml', context_path: 'https://github.com/o/app.git' },
      platform: { os: 'Windows' },
      timeout_in_seconds: 1200,
    });
    expect(task).not.toHaveProperty('base_image_trigger');
  });

  it('schedules acr purge as an encoded task running the model command', () => {
    const stack = synthOne(
      env('prod', {
        purges: [
          {
            name: 'purge-old',
            filters: [{ repository: 'apps/.*' }],
            olderThanDays: 90,
            keepLast: 5,
            protectedTags: ['latest'],
            schedule: '0 1 * * 0',
          },
        ],
      }),
    );
    const task = only(stack, 'azurerm_container_registry_task') as {
      encoded_step: { task_content: string };
      timer_trigger: unknown;
    };
    expect(Buffer.from(task.encoded_step.task_content, 'base64').toString('utf8')).toBe(
      "version: v1.1.0\nsteps:\n  - cmd: acr purge --filter 'apps/.*:^(?!(?:latest)$$)(?:.*)$$' --ago 90d --keep 5\n    disableWorkingDirectoryOverride: true\n    timeout: 3600\n",
    );
    expect(task.timer_trigger).toEqual([{ name: 'schedule', schedule: '0 1 * * 0' }]);
  });
});

describe('webhooks', () => {
  it('takes custom headers from a sensitive variable, never plaintext', () => {
    const stack = synthOne(
      env('prod', {
        webhooks: [
          {
            name: 'scanner',
            serviceUri: 'https://scan.example.com/hook',
            actions: ['quarantine', 'push'],
            scope: 'apps/web:*',
            headersInput: 'scanner_headers',
          },
        ],
      }),
    );
    expect(only(stack, 'azurerm_container_registry_webhook')).toMatchObject({
      name: 'scanner',
      service_uri: 'https://scan.example.com/hook',
      actions: ['push', 'quarantine'],
      scope: 'apps/web:*',
      status: 'enabled',
      custom_headers: '${var.scanner_headers}',
    });
    expect(stack.variable?.scanner_headers).toMatchObject({ sensitive: true, type: 'map(string)' });
  });

  it('renders a disabled webhook without headers', () => {
    const hook = only(
      synthOne(
        env('prod', {
          webhooks: [
            { name: 'pushes', serviceUri: 'https://a.example.com', actions: ['push'], enabled: false },
          ],
        }),
      ),
      'azurerm_container_registry_webhook',
    );
    expect(hook).toMatchObject({ status: 'disabled', scope: '' });
    expect(hook).not.toHaveProperty('custom_headers');
  });
});

describe('promotion', () => {
  it('gives each hop an identity with pull on the source and the built-in importer role on the target', () => {
    const stack = synthLast(env('dev', { sku: 'Basic' }), env('prod'));
    expect(only(stack, 'azurerm_user_assigned_identity')).toMatchObject({
      name: 'id-promote-dev-to-prod',
      location: 'westeurope',
    });
    expect(Object.values(stack.data?.azurerm_container_registry ?? {})).toEqual([
      expect.objectContaining({ name: 'acrdevtest', resource_group_name: 'rg-dev' }),
    ]);
    expect(resources(stack, 'azurerm_role_definition')).toEqual([]);
    const assignments = resources(stack, 'azurerm_role_assignment');
    const identity = expect.stringMatching(/^\$\{azurerm_user_assigned_identity\.[^.]+\.principal_id\}$/);
    expect(assignments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          role_definition_name: 'AcrPull',
          principal_id: identity,
          scope: expect.stringMatching(/^\$\{data\.azurerm_container_registry\./),
        }),
        expect.objectContaining({
          role_definition_name: 'Container Registry Data Importer and Data Reader',
          principal_id: identity,
          scope: expect.stringMatching(REGISTRY_ID),
        }),
      ]),
    );
    expect(assignments).toHaveLength(2);
  });

  it('gives the first environment no promotion hop', () => {
    const stack = synthOne(env('dev'));
    expect(resources(stack, 'azurerm_user_assigned_identity')).toEqual([]);
    expect(stack.data).toBeUndefined();
  });
});

describe('state backend', () => {
  it('keeps local state outside the generated tree, at a relative path, by default', () => {
    // Terraform runs in cdktf.out/stacks/dev/: three levels up is the project folder.
    expect(synthOne(env('dev')).terraform.backend).toEqual({
      local: { path: '../../../terraform.dev.tfstate' },
    });
  });

  it('uses one Azure Storage blob per environment when configured', () => {
    const backend = synthOne(env('prod'), {
      resourceGroupName: 'rg-state',
      storageAccountName: 'ststate',
      containerName: 'tfstate',
    }).terraform.backend;
    expect(backend).toEqual({
      azurerm: {
        resource_group_name: 'rg-state',
        storage_account_name: 'ststate',
        container_name: 'tfstate',
        key: 'acr-iac/prod.tfstate',
        use_azuread_auth: true,
      },
    });
  });
});
