/**
 * The purge checks read the `acr purge` task file as ACR Tasks runs it, the one the constructs write
 * (constructs/model/purge.ts: `$` doubled, whole-tag anchors). Inputs are hand-written in the shape
 * `terraform show -json` prints.
 */
import type { Danger } from '../../preview';
import { findDangers, parseTerraformPlan } from '../../preview';
import { purgeTaskFile } from '../../constructs/model/purge';
import type { PurgeDeclaration } from '../../constructs/model/declaration';
import { planChange, terraformPlanOf } from './helpers';

const ORDER = ['dev', 'staging', 'prod'];
const ACR =
  '/subscriptions/5f3c1b2a-9d8e-4c7b-a6f5-1e2d3c4b5a69/resourceGroups/rg-acr-prod/providers/Microsoft.ContainerRegistry/registries/acrprod01';

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const taskFile = (purge: Partial<PurgeDeclaration>): string =>
  base64(
    purgeTaskFile(
      { name: 'purge', filters: [{ repository: 'apps/.*' }], olderThanDays: 180, keepLast: 20, ...purge },
      3600,
    ),
  );
const KEPT = taskFile({ protectedTags: ['latest', 'stable'] });
const WIDER = taskFile({ filters: [{ repository: '.*' }], olderThanDays: 1, keepLast: 0 });
const shown = (dangers: readonly Danger[]): string[] =>
  dangers
    .filter((d) => d.kind === 'retention-weakened')
    .map((d) => `${d.message} | ${d.before ?? '-'} -> ${d.after ?? '-'}`);

const registry = {
  name: 'acrprod01',
  resource_group_name: 'rg-acr-prod',
  location: 'westeurope',
  sku: 'Premium',
};
const keptRegistry = planChange('azurerm_container_registry', 'acr', ['no-op'], registry, registry);
const azurermTask = (content: string) => ({
  name: 'purge-prod',
  container_registry_id: ACR,
  platform: [{ os: 'Linux' }],
  encoded_step: [{ task_content: content }],
});
const planSet = (...changes: object[]) => parseTerraformPlan(terraformPlanOf(...changes), 'prod');
const dangersOf = (set: ReturnType<typeof planSet>) => findDangers([set], { order: ORDER });

/** What the azurerm task of the same change is told. */
const azurermShown = (before: string | null, after: string) =>
  shown(
    dangersOf(
      planSet(
        keptRegistry,
        planChange(
          'azurerm_container_registry_task',
          'purge',
          before === null ? ['create'] : ['update'],
          before === null ? null : azurermTask(before),
          azurermTask(after),
        ),
      ),
    ),
  );

describe('an azurerm purge task as the constructs write it', () => {
  it('reads its task file as ACR Tasks does (`$$` is a literal `$`)', () => {
    expect(azurermShown(KEPT, WIDER)).toEqual([
      'purge filter widened | apps/.*:^(?!(?:latest|stable)$)(?:.*)$ -> .*:^(?:.*)$',
      'purge age (--ago) shortened | --ago 180d -> --ago 1d',
      'protected tags removed from the purge | latest, stable -> (none)',
      'purge keeps fewer tags (--keep lowered) | --keep 20 -> (none)',
    ]);
    // `.*:^(?:.*)$` matches every repository and every tag.
    const widened = dangersOf(
      planSet(
        keptRegistry,
        planChange(
          'azurerm_container_registry_task',
          'purge',
          ['update'],
          azurermTask(KEPT),
          azurermTask(WIDER),
        ),
      ),
    ).find((d) => d.message === 'purge filter widened');
    expect(widened?.severity).toBe('critical');
  });
});
