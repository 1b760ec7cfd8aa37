/**
 * ACR-104 on a grant whose scope the input does not decide. A role assignment whose `scope` is a
 * variable without a value, or a module output, may reach any registry of the estate, or none: that
 * it lets a principal other than the hop identity import into prod is then unknown, not a fail
 * (ACR-111 names the undecided scope; ACR-120 fails closed on what may push). With the scope given
 * as prod's registry ID it fails, as before. Inputs are hand-written cdktf JSON and plans of it.
 */
import type { EvaluationResult } from '../../policies';
import { checkDevEstate, registryIdOf } from './helpers';

/** dev's Contributor grant (Contributor can import: Microsoft.ContainerRegistry/registries/importImage/action) at `scope`. */
const contributorAt = (scope: string): { azurerm_role_assignment: { ci: Record<string, unknown> } } => ({
  azurerm_role_assignment: {
    ci: {
      scope,
      role_definition_name: 'Contributor',
      principal_id: '11111111-1111-1111-1111-111111111111',
    },
  },
});

function acr104(result: EvaluationResult, env: string): string[] {
  return result.findings
    .filter((f) => f.ruleId === 'ACR-104' && f.environment === env)
    .map((f) => `${f.result}: ${f.message}`);
}

describe('ACR-104 on a grant whose scope the input does not decide', () => {
  it.each(['cdktf', 'plan'] as const)('is unknown, not a fail (%s)', (format) => {
    const { azurerm_role_assignment } = contributorAt('${var.scope}');
    const result = checkDevEstate(format, { azurerm_role_assignment });
    // The old reading: "fail: 11111111-... can import into prod but only id-promote-staging-to-prod (from staging) may".
    expect(acr104(result, 'prod')).toEqual([
      'unknown: 11111111-1111-1111-1111-111111111111 may import into prod and pull from dev: prod may import straight from dev, skipping staging (a grant of it has a scope the input does not decide)',
      expect.stringMatching(
        /^unknown: 11111111-1111-1111-1111-111111111111 may import into prod but only id-promote-staging-to-prod \(from staging\) may \(its scope is not decided by the input/,
      ),
    ]);
  });

  it('fails when the scope is prod’s registry ID', () => {
    const { azurerm_role_assignment } = contributorAt(registryIdOf('prod'));
    expect(acr104(checkDevEstate('cdktf', { azurerm_role_assignment }), 'prod')).toEqual([
      'fail: 11111111-1111-1111-1111-111111111111 can import into prod but only id-promote-staging-to-prod (from staging) may',
    ]);
  });

  it('still fails when the same principal also has a grant at prod’s registry ID', () => {
    const { azurerm_role_assignment: maybe } = contributorAt('${var.scope}');
    const { azurerm_role_assignment: sure } = contributorAt(registryIdOf('prod'));
    // The undecided grant comes first in the input: it must not hide the decided one.
    const azurerm_role_assignment = { a_maybe: maybe.ci, b_sure: sure.ci };
    expect(acr104(checkDevEstate('cdktf', { azurerm_role_assignment }), 'prod')).toContainEqual(
      'fail: 11111111-1111-1111-1111-111111111111 can import into prod but only id-promote-staging-to-prod (from staging) may',
    );
  });
});
