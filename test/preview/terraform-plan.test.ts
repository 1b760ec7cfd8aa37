import { parseTerraformPlan, PreviewInputError, REDACTED } from '../../preview';
import { loadPlan } from './helpers';

function byAddress(name: string, stack = 'prod') {
  const set = parseTerraformPlan(loadPlan(name), stack);
  return new Map(set.resources.map((r) => [r.address, r]));
}

describe('parseTerraformPlan', () => {
  const prod = byAddress('prod.tfplan.json');

  it('reads every action, a replace in either order as one replace', () => {
    expect(prod.get('azurerm_container_registry.registry')).toMatchObject({
      action: 'replace',
      replaceOrder: 'delete-before-create',
      replacePaths: ['zone_redundancy_enabled'],
      reasons: ['cannot be updated in place'],
    });
    expect(prod.get('azurerm_private_endpoint.registry_pe')).toMatchObject({
      action: 'replace',
      replaceOrder: 'create-before-destroy',
    });
    expect(prod.get('azurerm_resource_group.rg')?.action).toBe('no-op');
    expect(prod.get('azurerm_container_registry_webhook.scanner')?.action).toBe('create');
    expect(prod.get('azurerm_role_assignment.pull_prod_cluster')?.action).toBe('delete');
    expect(prod.get('azurerm_monitor_diagnostic_setting.registry')?.action).toBe('update');
    const staging = byAddress('staging.json', 'staging');
    expect(staging.get('data.azurerm_container_registry.source')?.action).toBe('read');
    expect(staging.get('azurerm_container_registry_scope_map.legacy')?.action).toBe('forget');
  });

  it('sorts resources by address', () => {
    const addresses = [...prod.keys()];
    expect(addresses).toEqual([...addresses].sort());
  });

  it('records values known only after apply', () => {
    expect(prod.get('time_rotating.release_pull')?.unknownAfter).toEqual([
      'day',
      'id',
      'rfc3339',
      'rotation_rfc3339',
    ]);
    expect(prod.get('azurerm_private_endpoint.registry_pe')?.unknownAfter).toContain(
      'private_service_connection[0].private_connection_resource_id',
    );
  });

  it('redacts values the sensitivity masks mark', () => {
    expect(prod.get('azurerm_container_registry.registry')?.before?.admin_password).toBe(REDACTED);
    expect(prod.get('azurerm_container_registry_webhook.scanner')?.after?.custom_headers).toBe(REDACTED);
    expect(JSON.stringify([...prod.values()])).not.toContain('s3cr3t');
  });

  it('redacts known-sensitive attributes even without a mask', () => {
    const dev = byAddress('dev.json', 'dev');
    expect(dev.get('azurerm_container_registry.registry')?.before?.admin_password).toBe(REDACTED);
    expect(JSON.stringify([...dev.values()])).not.toContain('s3cr3t');
  });

  it('links addresses to construct paths when given', () => {
    const set = parseTerraformPlan(loadPlan('dev.json'), 'dev', {
      constructPaths: new Map([['azurerm_container_registry.registry', 'dev/registry/Registry']]),
    });
    expect(set.resources[0].constructPath).toBe('dev/registry/Registry');
  });

  it('accepts 0.x and rejects other format_version majors', () => {
    expect(() => parseTerraformPlan({ format_version: '0.2', resource_changes: [] }, 'x')).not.toThrow();
    expect(() => parseTerraformPlan({ format_version: '2.0', resource_changes: [] }, 'x')).toThrow(
      /unsupported Terraform plan format_version "2.0"/,
    );
  });

  it('rejects state files and malformed changes with a clear message', () => {
    expect(() => parseTerraformPlan({ format_version: '1.0', values: {} }, 'x')).toThrow(
      /Terraform state, not a plan/,
    );
    expect(() =>
      parseTerraformPlan({ format_version: '1.2', resource_changes: [{ address: 'a.b' }] }, 'x'),
    ).toThrow(PreviewInputError);
    const odd = {
      format_version: '1.2',
      resource_changes: [{ address: 'a.b', type: 'a', change: { actions: ['x'] } }],
    };
    expect(() => parseTerraformPlan(odd, 'x')).toThrow(
      'x plan: resource_changes[0].change.actions: expected a list of "create","update","delete","no-op","read","forget"',
    );
  });

  it('notes an errored plan', () => {
    const set = parseTerraformPlan({ format_version: '1.2', resource_changes: [], errored: true }, 'x');
    expect(set.notes[0]).toMatch(/errors/);
  });
});
