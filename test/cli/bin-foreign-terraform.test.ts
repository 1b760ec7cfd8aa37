/**
 * The installed bin reads hand-written Terraform as Terraform does: blocks in any order, `__proto__`
 * keys, children within their parents, names compared as Azure compares them, and items the input
 * does not place. Unusable input is exit 2 with one line, and nothing is written.
 */
import type { Finding } from '../support/foreign-project';
import { foreignProject, premiumRegistry } from '../support/foreign-project';
import { SUBNET, ZONE, teamResources } from '../support/team-zones';

describe('the installed bin on hand-written Terraform', () => {
  const project = foreignProject();
  const { bin, writeModule, refused } = project;

  /** The results of `ruleId` by registry, from a JSON report on stdout. */
  const resultsByRegistry = (stdout: string, ruleId: string): Record<string, string> =>
    Object.fromEntries(
      JSON.parse(stdout)
        .findings.filter((f: { ruleId: string }) => f.ruleId === ruleId)
        .map((f: { registry: string; result: string }) => [f.registry, f.result]),
    );

  it('reads a root module as Terraform does: in any block order, with zones of one name per group', () => {
    // A push grant at the resource group reaches the registry in it, whether the (counted) group is
    // declared before or after the registry.
    const registry = {
      name: 'acrteam',
      resource_group_name: '${azurerm_resource_group.team[0].name}',
      location: 'westeurope',
      sku: 'Premium',
    };
    const grant = {
      scope: '/subscriptions/0/resourceGroups/rg-team',
      role_definition_name: 'AcrPush',
      principal_id: '00000000-0000-0000-0000-000000000001',
    };
    const group = { count: 1, name: 'rg-team', location: 'westeurope' };
    for (const [name, resource] of [
      [
        'group-first',
        { azurerm_resource_group: { team: group }, azurerm_container_registry: { acr: registry } },
      ],
      [
        'group-last',
        { azurerm_container_registry: { acr: registry }, azurerm_resource_group: { team: group } },
      ],
    ] as const) {
      writeModule(
        name,
        'main.tf.json',
        JSON.stringify({ resource: { ...resource, azurerm_role_assignment: { push: grant } } }),
      );
      const result = bin('check', name, '--env', 'prod', '--format', 'json');
      expect(result.status).toBe(1);
      expect(resultsByRegistry(result.stdout, 'ACR-024')).toEqual({ acrteam: 'fail' });
    }

    // Two teams with a privatelink zone each; a link in team a's group, and a hub link whose group is
    // a variable without a value: team a's zone is linked, team b's may be (the hub link may be its).
    const resource: Record<string, Record<string, unknown>> = {};
    const add = (type: string, name: string, body: unknown): void => {
      resource[type] = { ...resource[type], [name]: body };
    };
    for (const part of [teamResources('a'), teamResources('b')])
      for (const [type, blocks] of Object.entries(part)) resource[type] = { ...resource[type], ...blocks };
    const link = (group: string) => ({
      name: `link-${group}`,
      private_dns_zone_name: ZONE,
      resource_group_name: group,
      virtual_network_id: '/subscriptions/0/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v',
    });
    add('azurerm_private_dns_zone_virtual_network_link', 'a', link('rg-a'));
    const write = () =>
      writeModule(
        'zones',
        'main.tf.json',
        JSON.stringify({ variable: { hub_group: { type: 'string' } }, resource }),
      );
    write();
    const linked = bin('check', 'zones', '--env', 'prod', '--format', 'json');
    expect(resultsByRegistry(linked.stdout, 'ACR-007')).toEqual({ acra: 'pass', acrb: 'fail' });
    add('azurerm_private_dns_zone_virtual_network_link', 'hub', link('${var.hub_group}'));
    write();
    const hub = bin('check', 'zones', '--env', 'prod', '--format', 'json');
    expect(resultsByRegistry(hub.stdout, 'ACR-007')).toEqual({ acra: 'pass', acrb: 'unknown' });
  });

  it('keeps a `__proto__` key of a body an ordinary key, which sets no attribute', () => {
    // JSON.parse makes `__proto__` an own key. Copied by assignment while the body is evaluated, it
    // would become the copy's prototype, and `admin_enabled` would be read through it.
    writeModule(
      'proto',
      'main.tf.json',
      '{"variable":{"on":{"default":true}},"resource":{"azurerm_container_registry":{"acr":{"name":"acrproto",' +
        '"resource_group_name":"rg","location":"westeurope","sku":"Premium","__proto__":{"admin_enabled":"${var.on}"}}}}}',
    );
    const result = bin('check', 'proto', '--env', 'prod', '--format', 'json');
    expect(result.status).toBe(1);
    expect(resultsByRegistry(result.stdout, 'ACR-001')).toEqual({ acrproto: 'pass' });
  });

  it('judges children within their parents and references as Terraform writes them, and refuses a broken file', () => {
    const map = (registryName: string, actions: readonly string[]) => ({
      name: 'ci',
      container_registry_name: registryName,
      resource_group_name: 'rg',
      actions,
    });
    const push = (scope: string) => ({
      scope,
      role_definition_name: 'AcrPush',
      principal_id: '00000000-0000-0000-0000-000000000001',
    });
    writeModule(
      'children',
      'main.tf.json',
      JSON.stringify({
        variable: { group: { type: 'string' } },
        resource: {
          azurerm_container_registry: {
            a: premiumRegistry('acra', 'rg'),
            b: premiumRegistry('acrb', 'rg'),
            c: premiumRegistry('acrc', '${var.group}'),
          },
          // A read-only 'ci' map in acra, a writing one in acrb: the token on acrb gets acrb's.
          azurerm_container_registry_scope_map: {
            aci: map('acra', ['repositories/app/content/read']),
            bci: map('acrb', ['repositories/app/content/write']),
          },
          azurerm_container_registry_token: {
            t: {
              name: 't',
              container_registry_name: 'acrb',
              resource_group_name: 'rg',
              scope_map_id:
                '/subscriptions/0/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acrb/scopeMaps/ci',
            },
          },
          azurerm_role_assignment: {
            // Spaces inside the interpolation: valid Terraform, the same reference.
            spaced: push('${ azurerm_container_registry.a.id }'),
            // At a resource group acrc may be in (its group is a variable without a value).
            team: push('/subscriptions/0/resourceGroups/rg-team'),
          },
        },
      }),
    );
    const result = bin('check', 'children', '--env', 'prod', '--format', 'json');
    expect(result.status).toBe(1);
    expect(resultsByRegistry(result.stdout, 'ACR-023')).toMatchObject({ acrb: 'fail' });
    // acrb's token pushes through acrb's writing map: a push right in production, besides ACR-023.
    expect(resultsByRegistry(result.stdout, 'ACR-024')).toEqual({
      acra: 'fail',
      acrb: 'fail',
      acrc: 'unknown',
    });
    writeModule('children', 'broken.tf.json', '{"resource": {"azurerm_container_registry": {');
    refused(
      bin('check', 'children', '--env', 'prod', '-o', 'children.json'),
      'children/broken.tf.json',
      'children.json',
    );
  });

  it('compares names as Azure does and follows values through references', () => {
    // The zone is named in another case than the link names it; the link's group is the zone's, whose
    // group is the group resource's name; the task names its pool in another case; the second registry's
    // name is generated (`acr` and a random suffix), so a grant on another team's `sharedacr` is not its.
    const endpoint = teamResources('a').azurerm_private_endpoint.ape;
    const resource = {
      azurerm_resource_group: { a: { name: 'rg-a', location: 'westeurope' } },
      random_string: { suffix: { length: 6, special: false, upper: false } },
      azurerm_container_registry: {
        a: {
          ...premiumRegistry('acra', '${azurerm_resource_group.a.name}'),
          public_network_access_enabled: false,
        },
        gen: premiumRegistry('acr${random_string.suffix.result}', 'rg-gen'),
      },
      azurerm_private_dns_zone: {
        azone: { name: 'PrivateLink.AzureCR.io', resource_group_name: '${azurerm_resource_group.a.name}' },
      },
      azurerm_private_dns_zone_virtual_network_link: {
        hub: {
          name: 'hub',
          private_dns_zone_name: ZONE,
          resource_group_name: '${azurerm_private_dns_zone.azone.resource_group_name}',
          virtual_network_id:
            '/subscriptions/0/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v',
        },
      },
      azurerm_private_endpoint: { ape: endpoint },
      azurerm_container_registry_agent_pool: {
        tasks: {
          name: 'tasks',
          container_registry_name: 'acra',
          resource_group_name: 'rg-a',
          location: 'westeurope',
          virtual_network_subnet_id: SUBNET,
        },
      },
      azurerm_container_registry_task: {
        purge: {
          name: 'purge',
          container_registry_id: '${azurerm_container_registry.a.id}',
          agent_pool_name: 'Tasks',
          platform: { os: 'Linux' },
          encoded_step: { task_content: 'dmVyc2lvbjogdjEuMS4wCnN0ZXBzOiBbXQ==' },
        },
      },
      azurerm_role_assignment: {
        shared: {
          scope:
            '/subscriptions/0/resourceGroups/rg-shared/providers/Microsoft.ContainerRegistry/registries/sharedacr',
          role_definition_name: 'AcrPush',
          principal_id: '00000000-0000-0000-0000-000000000001',
        },
      },
    };
    writeModule('names', 'main.tf.json', JSON.stringify({ resource }));
    const result = bin('check', 'names', '--env', 'prod', '--format', 'json');
    expect(result.status).toBe(1);
    const outcomes = (JSON.parse(result.stdout).findings as Finding[])
      .filter((f) => ['ACR-006', 'ACR-007', 'ACR-024', 'ACR-050'].includes(f.ruleId))
      .map((f) => `${f.ruleId} ${f.location?.address ?? ''} ${f.result}`);
    expect(outcomes).toEqual([
      'ACR-006 azurerm_container_registry.gen not-applicable',
      'ACR-006 azurerm_private_endpoint.ape pass',
      'ACR-007 azurerm_container_registry.gen not-applicable',
      'ACR-007 azurerm_private_endpoint.ape pass',
      'ACR-024 azurerm_container_registry.a pass',
      'ACR-024 azurerm_container_registry.gen pass',
      'ACR-050 azurerm_container_registry.gen not-applicable',
      'ACR-050 azurerm_container_registry_task.purge pass',
    ]);
    writeModule('names', 'broken.tf.json', '{"resource": {"azurerm_private_dns_zone": [');
    refused(bin('check', 'names', '--env', 'prod', '-o', 'names.json'), 'names/broken.tf.json', 'names.json');
  });

  it('says unknown, not "not applicable", where an item the input does not place may be the registry\'s', () => {
    // The webhook names its registry by a variable without a value: acra may have it. With the value
    // given by --var it is acra's, and its https address passes.
    writeModule(
      'unplaced',
      'main.tf.json',
      JSON.stringify({
        variable: { registry: { type: 'string' } },
        resource: {
          azurerm_container_registry: {
            a: premiumRegistry('acra', 'rg'),
          },
          azurerm_container_registry_webhook: {
            hook: {
              name: 'hook',
              resource_group_name: 'rg',
              registry_name: '${var.registry}',
              location: 'westeurope',
              service_uri: 'https://scanner.example.com/hook',
              actions: ['push'],
            },
          },
        },
      }),
    );
    const acr020 = (...args: string[]): string[] =>
      (
        JSON.parse(bin('check', 'unplaced', '--env', 'prod', '--format', 'json', ...args).stdout)
          .findings as Finding[]
      )
        .filter((f) => f.ruleId === 'ACR-020')
        .map((f) => `${f.location?.address ?? ''} ${f.result}`);
    expect(acr020()).toEqual([
      'azurerm_container_registry.a unknown',
      'azurerm_container_registry_webhook.hook pass',
    ]);
    expect(acr020('--var', 'registry=acra')).toEqual(['azurerm_container_registry_webhook.hook pass']);
    refused(
      bin('check', 'unplaced', '--env', 'prod', '--var', 'registry', '-o', 'unplaced.json'),
      '-var registry: expected name=value',
      'unplaced.json',
    );
  });

  it('judges a push token and a task whose `enabled` comes from a variable only once the value is known', () => {
    // azurerm: a token's and a task's `enabled` default to true; a disabled token cannot sign in and a
    // disabled task does not run, so neither pushes. A docker step pushes by default (push_enabled).
    writeModule(
      'maybe-enabled',
      'main.tf',
      [
        'variable "token_enabled" {',
        '  type = bool',
        '}',
        'variable "task_enabled" {',
        '  type    = bool',
        '  default = false',
        '}',
        'resource "azurerm_container_registry" "prod" {',
        '  name                = "contosoprod"',
        '  resource_group_name = "rg-prod"',
        '  location            = "westeurope"',
        '  sku                 = "Premium"',
        '}',
        'resource "azurerm_container_registry_scope_map" "ci" {',
        '  name                    = "ci"',
        '  container_registry_name = azurerm_container_registry.prod.name',
        '  resource_group_name     = "rg-prod"',
        '  actions                 = ["repositories/app/content/read", "repositories/app/content/write"]',
        '}',
        'resource "azurerm_container_registry_token" "ci" {',
        '  name                    = "ci"',
        '  container_registry_name = azurerm_container_registry.prod.name',
        '  resource_group_name     = "rg-prod"',
        '  scope_map_id            = azurerm_container_registry_scope_map.ci.id',
        '  enabled                 = var.token_enabled',
        '}',
        'resource "azurerm_container_registry_task" "build" {',
        '  name                  = "build"',
        '  container_registry_id = azurerm_container_registry.prod.id',
        '  enabled               = var.task_enabled',
        '  platform {',
        '    os = "Linux"',
        '  }',
        '  docker_step {',
        '    dockerfile_path = "Dockerfile"',
        '    context_path    = "https://github.com/contoso/app.git#main"',
        '    image_names     = ["app:{{.Run.ID}}"]',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    const acr024 = (...vars: string[]) => {
      const result = bin('check', 'maybe-enabled', '--env', 'prod', '--format', 'json', ...vars);
      const findings = (JSON.parse(result.stdout) as { findings: (Finding & { message: string })[] })
        .findings;
      return findings.filter((f) => f.ruleId === 'ACR-024').map((f) => `${f.result}: ${f.message}`);
    };
    const [unknown, ...others] = acr024();
    expect(others).toEqual([]);
    expect(unknown).toMatch(
      /^unknown: token ci can push .* if enabled, and whether token ci is enabled is not known \(var\.token_enabled has no value/,
    );
    expect(unknown).not.toMatch(/task build/);
    expect(acr024('--var', 'token_enabled=false')).toEqual([expect.stringMatching(/^pass: /)]);
    expect(acr024('--var', 'token_enabled=true')).toEqual([
      expect.stringMatching(/^fail: token ci can push/),
    ]);
    const both = acr024('--var', 'token_enabled=false', '--var', 'task_enabled=true');
    expect(both).toEqual([expect.stringMatching(/^fail: task build/)]);
  });
});
