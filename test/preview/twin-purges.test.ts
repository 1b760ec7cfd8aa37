/**
 * The purge checks read the `acr purge` task of every engine as they read azurerm's: an azapi
 * `Microsoft.ContainerRegistry/registries/tasks` body's `properties.step` (`type: EncodedTask`,
 * `encodedTaskContent`: ARM template reference; azapi 2.x writes the body as an object, 1.x as a
 * JSON string) and the classic provider's `encodedStep.taskContent` (`@pulumi/azure` 6.x
 * RegistryTaskArgs, azurerm's `encoded_step.task_content` in camelCase). Both are redacted as azurerm's
 * step is: a task file that only runs `acr purge` is kept, any other is hidden. Each task file is read
 * as ACR Tasks runs it, the one the constructs write (constructs/model/purge.ts: `$` doubled,
 * whole-tag anchors). Inputs are hand-written in the shape `terraform show -json` and
 * `pulumi preview --json` print.
 */
import type { Danger } from '../../preview';
import {
  buildReport,
  findDangers,
  parsePulumiPreview,
  parseTerraformPlan,
  renderComment,
} from '../../preview';
import { purgeTaskFile } from '../../constructs/model/purge';
import type { PurgeDeclaration } from '../../constructs/model/declaration';
import {
  createStep,
  ORDER,
  planChange,
  PULUMI_REGISTRY,
  pulumiPreviewOf,
  pulumiState,
  REGISTRY_ID,
  sameStep,
  terraformPlanOf,
  updateStep,
} from './helpers';

const ACR = REGISTRY_ID;

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
/** A task file that is no purge, with a credential in it. */
const SECRET = 'opaque-registry-password-VALUE';
const BUILD = base64(
  `version: v1.1.0\nsteps:\n  - cmd: docker login -u ci -p ${SECRET} acrprod01.azurecr.io\n`,
);

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
const azapiTask = (content: string, asString = false) => {
  const body = {
    properties: {
      platform: { os: 'Linux' },
      step: { type: 'EncodedTask', encodedTaskContent: content },
      status: 'Enabled',
    },
  };
  return {
    type: 'Microsoft.ContainerRegistry/registries/tasks@2019-06-01-preview',
    name: 'purge-prod',
    parent_id: ACR,
    location: 'westeurope',
    body: asString ? JSON.stringify(body) : body,
  };
};
const CLASSIC = 'azure:containerservice/registryTask:RegistryTask';
const classicTask = (content: string) =>
  pulumiState(CLASSIC, 'purge', {
    name: 'purge-prod',
    containerRegistryId: ACR,
    platform: { os: 'Linux' },
    encodedStep: { taskContent: content },
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

describe('azapi and classic purge tasks, read as azurerm purge tasks', () => {
  it('flags an azapi purge that deletes more, as azurerm would (body as object or JSON string)', () => {
    const expected = azurermShown(KEPT, WIDER);
    for (const asString of [false, true]) {
      const update = planChange(
        'azapi_resource',
        'purge',
        ['update'],
        azapiTask(KEPT, asString),
        azapiTask(WIDER, asString),
      );
      expect(shown(dangersOf(planSet(keptRegistry, update)))).toEqual(expected);
    }
  });

  it('flags an azapi purge task added to an existing registry', () => {
    const added = planChange('azapi_resource', 'purge', ['create'], null, azapiTask(WIDER));
    expect(shown(dangersOf(planSet(keptRegistry, added)))).toEqual(azurermShown(null, WIDER));
    expect(azurermShown(null, WIDER)[0]).toMatch(/^purge task added \| - -> --filter \.\*:/);
  });

  it('flags a classic purge that deletes more, as azurerm would', () => {
    const set = parsePulumiPreview(
      pulumiPreviewOf(sameStep(PULUMI_REGISTRY), updateStep(classicTask(KEPT), classicTask(WIDER))),
      'prod',
    );
    expect(shown(findDangers([set], { order: ORDER }))).toEqual(azurermShown(KEPT, WIDER));
    const added = parsePulumiPreview(
      pulumiPreviewOf(sameStep(PULUMI_REGISTRY), createStep(classicTask(WIDER))),
      'prod',
    );
    expect(shown(findDangers([added], { order: ORDER }))).toEqual(azurermShown(null, WIDER));
  });

  it('hides a task file that is no purge, as azurerm hides it', () => {
    const azapi = planSet(
      planChange('azapi_resource', 'build', ['update'], azapiTask(KEPT), azapiTask(BUILD)),
      planChange('azapi_resource', 'legacy', ['update'], azapiTask(KEPT, true), azapiTask(BUILD, true)),
    );
    const classic = parsePulumiPreview(
      pulumiPreviewOf(updateStep(classicTask(KEPT), classicTask(BUILD))),
      'prod',
    );
    for (const set of [azapi, classic]) {
      const comment = renderComment(buildReport([set], { order: ORDER }));
      expect(comment).not.toContain(BUILD.slice(-40));
      expect(JSON.stringify(set.resources)).not.toContain(BUILD.slice(-40));
      expect(comment).not.toContain(SECRET);
    }
  });
});
