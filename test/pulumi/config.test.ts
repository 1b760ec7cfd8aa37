/**
 * The stack config schema: overrides are validated, then applied to the declaration before
 * `defineEstate`, so a weakened stack is validated and judged like any declaration.
 */
import { DeclarationError } from '../../constructs/model/problems';
import { applyStackConfig, readStackConfig } from '../../constructs/pulumi/stack-config';
import { ESTATE } from '../../stacks/environments';

function getter(values: Record<string, string>): (key: string) => string | undefined {
  return (key) => values[key];
}

describe('Pulumi stack config', () => {
  it('parses Pulumi config strings into typed overrides', () => {
    expect(
      readStackConfig(
        getter({
          publicNetworkAccess: 'true',
          retentionDays: '3',
          replicas: '["northeurope"]',
          tokenPasswordsIssuedOn: '2026-02-01',
        }),
        'prod',
      ),
    ).toEqual({
      publicNetworkAccess: true,
      retentionDays: 3,
      replicas: ['northeurope'],
      tokenPasswordsIssuedOn: '2026-02-01',
    });
  });

  it('reads acr-iac:propertiesSetOutside as a list of the properties azure-native cannot set', () => {
    expect(
      readStackConfig(getter({ propertiesSetOutside: '["roleAssignmentMode", "taskNetworkBypass"]' }), 'dev'),
    ).toEqual({ propertiesSetOutside: ['roleAssignmentMode', 'taskNetworkBypass'] });
    expect(() => readStackConfig(getter({ propertiesSetOutside: '"roleAssignmentMode"' }), 'dev')).toThrow(
      /Pulumi\.dev\.yaml acr-iac:propertiesSetOutside/,
    );
  });

  it('names the stack file and key of a bad value', () => {
    expect(() => readStackConfig(getter({ quarantine: 'maybe' }), 'prod')).toThrow(DeclarationError);
    expect(() => readStackConfig(getter({ sku: 'Gold' }), 'prod')).toThrow(/Pulumi\.prod\.yaml acr-iac:sku/);
  });

  it('applies overrides to the named environment only', () => {
    const estate = applyStackConfig(ESTATE, 'prod', {
      publicNetworkAccess: true,
      replicas: ['northeurope'],
      protected: false,
    });
    const prod = estate.environments.find((e) => e.name === 'prod')!;
    expect(prod.registry.publicNetworkAccess).toBe(true);
    expect(prod.registry.replicas).toEqual([{ location: 'northeurope' }]);
    expect(prod.protected).toBe(false);
    expect(estate.environments.find((e) => e.name === 'staging')).toBe(
      ESTATE.environments.find((e) => e.name === 'staging'),
    );
  });
});
