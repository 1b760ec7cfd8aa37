/**
 * Local module calls (`source = "./modules/acr"`) read as Terraform reads them (child-modules.ts):
 * arguments evaluated in the caller, resources addressed and references resolved per module
 * instance, outputs seen by the caller; calls that cannot be read stay ACR-110 unknowns with the
 * reason. Expected outcomes follow Terraform's module semantics ("Modules", "Module Sources",
 * "Output Values"), not the reader.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InventoryInputError, loadInventories } from '../../policies';
import { findingsOn } from './helpers';

const SUBNET =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/pe';

/** A child module that creates a registry and, when `lock` is true, a delete lock on it. */
const REGISTRY_MODULE = {
  variable: {
    name: { type: 'string' },
    admin: { type: 'bool', default: false },
    lock: { type: 'bool', default: false },
  },
  resource: {
    azurerm_container_registry: {
      this: {
        name: '${var.name}',
        resource_group_name: 'rg',
        location: 'westeurope',
        sku: 'Premium',
        admin_enabled: '${var.admin}',
      },
    },
    azurerm_management_lock: {
      this: {
        count: '${var.lock ? 1 : 0}',
        name: 'no-delete',
        scope: '${azurerm_container_registry.this.id}',
        lock_level: 'CanNotDelete',
      },
    },
  },
  output: { id: { value: '${azurerm_container_registry.this.id}' } },
};

describe('local module calls in a hand-written root module', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'acr-local-modules-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function write(file: string, doc: unknown): void {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), JSON.stringify(doc, null, 2));
  }

  function rootWith(doc: Record<string, unknown>): string {
    write('modules/registry/main.tf.json', REGISTRY_MODULE);
    write('root/main.tf.json', doc);
    return path.join(dir, 'root');
  }

  it('reads each for_each instance with its own arguments, and its references inside the instance', () => {
    const root = rootWith({
      module: {
        acr: {
          source: '../modules/registry',
          for_each: { locked: true, open: false },
          name: 'contoso${each.key}',
          lock: '${each.value}',
          admin: '${each.key == "open"}',
        },
      },
    });
    const locked = 'module.acr["locked"].azurerm_container_registry.this';
    const open = 'module.acr["open"].azurerm_container_registry.this';
    // The lock of the "locked" instance scopes that instance's registry only.
    expect(findingsOn(root, ['ACR-018', 'ACR-001'], locked)).toEqual([
      'ACR-001 pass: The admin user is disabled on contosolocked',
      'ACR-018 pass: contosolocked has a delete lock',
    ]);
    expect(findingsOn(root, ['ACR-018', 'ACR-001'], open)).toEqual([
      'ACR-001 fail: The admin user is enabled on contosoopen',
      'ACR-018 fail: contosoopen has no CanNotDelete lock',
    ]);
    expect(findingsOn(root, ['ACR-110'])).toEqual([]);
  });

  it('sees a grant on the module output as a grant on the child registry', () => {
    const root = rootWith({
      module: { acr: { source: '../modules/registry', name: 'contosoprod', lock: true } },
      resource: {
        azurerm_role_assignment: {
          push: {
            scope: '${module.acr.id}',
            role_definition_name: 'AcrPush',
            principal_id: '11111111-1111-1111-1111-111111111111',
          },
        },
      },
    });
    expect(findingsOn(root, ['ACR-024'])).toEqual([
      'ACR-024 fail: 11111111-1111-1111-1111-111111111111 can push (AcrPush) on contosoprod',
    ]);
  });

  it('keeps a root resource and a child resource of the same name apart', () => {
    const root = rootWith({
      module: { acr: { source: '../modules/registry', name: 'child' } },
      resource: {
        azurerm_container_registry: {
          this: { name: 'parent', resource_group_name: 'rg', location: 'westeurope', sku: 'Premium' },
        },
        azurerm_management_lock: {
          this: { name: 'l', scope: '${azurerm_container_registry.this.id}', lock_level: 'CanNotDelete' },
        },
      },
    });
    expect(findingsOn(root, ['ACR-018'], 'azurerm_container_registry.this')).toEqual([
      'ACR-018 pass: parent has a delete lock',
    ]);
    expect(findingsOn(root, ['ACR-018'], 'module.acr.azurerm_container_registry.this')).toEqual([
      'ACR-018 fail: child has no CanNotDelete lock',
    ]);
  });

  it('follows outputs through nested local modules', () => {
    write('modules/wrapper/main.tf.json', {
      variable: { name: { type: 'string' } },
      module: { inner: { source: '../registry', name: '${var.name}' } },
      output: { registry_id: { value: '${module.inner.id}' } },
    });
    const root = rootWith({
      module: { acr: { source: '../modules/wrapper', name: 'nested' } },
      resource: {
        azurerm_private_endpoint: {
          pe: {
            name: 'pe',
            location: 'westeurope',
            resource_group_name: 'rg',
            subnet_id: SUBNET,
            private_service_connection: {
              name: 'acr',
              private_connection_resource_id: '${module.acr.registry_id}',
              subresource_names: ['registry'],
              is_manual_connection: false,
            },
          },
        },
      },
    });
    expect(findingsOn(root, ['ACR-005'], 'module.acr.module.inner.azurerm_container_registry.this')).toEqual([
      'ACR-005 pass: nested has a private endpoint (pe)',
    ]);
  });

  it('does not read a call whose instances the caller does not decide, nor guess its outputs', () => {
    const root = rootWith({
      variable: { registries: { type: 'map(string)' } },
      module: {
        acr: { source: '../modules/registry', for_each: '${var.registries}', name: '${each.value}' },
      },
      resource: {
        azurerm_container_registry: {
          main: { name: 'main', resource_group_name: 'rg', location: 'westeurope', sku: 'Premium' },
        },
        azurerm_role_assignment: {
          push: {
            scope: '${module.acr["x"].id}',
            role_definition_name: 'AcrPush',
            principal_id: '11111111-1111-1111-1111-111111111111',
          },
        },
      },
    });
    const [acr110] = findingsOn(root, ['ACR-110']);
    expect(acr110).toMatch(/^ACR-110 unknown: module\.acr \(\.\.\/modules\/registry\) may create registries/);
    expect(acr110).toContain('var.registries has no value');
    // The grant's scope is a module output not read: never a pass on the registry it may be on.
    expect(findingsOn(root, ['ACR-024'], 'azurerm_container_registry.main')).toEqual([
      expect.stringMatching(/^ACR-024 unknown: /),
    ]);
  });

  it('judges nothing on an argument the call does not give and the module requires', () => {
    const root = rootWith({ module: { acr: { source: '../modules/registry', admin: false } } });
    const [inventory] = loadInventories([root], { cwd: dir, environment: 'prod' });
    const registry = inventory.registries[0];
    expect(registry.name).toMatchObject({
      unknown: true,
      reason: expect.stringContaining('module.acr does not set name, which the module requires'),
    });
    expect(registry.adminEnabled).toBe(false);
  });

  it('refuses a module that calls itself, naming the file and the path', () => {
    write('loop/main.tf.json', { module: { again: { source: './' } } });
    let error: unknown;
    try {
      loadInventories([path.join(dir, 'loop')], { cwd: dir, environment: 'prod' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InventoryInputError);
    expect((error as Error).message).toBe(
      'loop/main.tf.json: module.again.source: local module calls nest deeper than 16 levels (does a module call itself?)',
    );
  });

  it('names why a local call is not read: HCL not converted, a folder without configuration', () => {
    mkdirSync(path.join(dir, 'modules/empty'), { recursive: true });
    writeFileSync(path.join(dir, 'modules/hcl.tf'), '');
    mkdirSync(path.join(dir, 'modules/hcl'), { recursive: true });
    writeFileSync(path.join(dir, 'modules/hcl/main.tf'), 'resource "azurerm_container_registry" "x" {}\n');
    const root = rootWith({
      module: { empty: { source: '../modules/empty' }, hcl: { source: '../modules/hcl' } },
    });
    expect(findingsOn(root, ['ACR-110'])).toEqual([
      expect.stringContaining('(its folder modules/empty has no *.tf or *.tf.json files)'),
      expect.stringContaining('(modules/hcl/main.tf is HCL that was not converted)'),
    ]);
  });
});
