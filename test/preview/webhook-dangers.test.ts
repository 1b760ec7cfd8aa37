/**
 * The danger block reads a webhook's URI and scope in every engine's spelling: azurerm `service_uri` /
 * `scope`, the classic provider's `serviceUri` / `scope` (azurerm's in camelCase), azure-native's and an
 * azapi body's ARM properties (`properties.serviceUri`, `properties.scope`:
 * Microsoft.ContainerRegistry/registries/webhooks). A webhook of a promotion target that moves from
 * https to http sends its notifications and custom headers in clear text (ACR-020); a scanner webhook
 * (quarantine action) whose scope narrows no longer hears every quarantined push. What is known only
 * after apply says "may". Inputs are hand-written in the shape `terraform show -json` and
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
import {
  ORDER,
  planChange,
  PULUMI_UNKNOWN,
  pulumiPreviewOf,
  pulumiState,
  REGISTRY_ID,
  terraformPlanOf,
  updateStep,
} from './helpers';

const ACR = REGISTRY_ID;
const UNKNOWN = PULUMI_UNKNOWN;
const HTTPS = 'https://hooks.example.com/acr?code=abc';
const HTTP = 'http://hooks.example.com/acr?code=abc';

const lines = (dangers: readonly Danger[], kind: Danger['kind']): string[] =>
  dangers
    .filter((d) => d.kind === kind)
    .map((d) => `${d.address}: ${d.message} | ${d.before ?? '-'} -> ${d.after ?? '-'}`);

const AZURERM = 'azurerm_container_registry_webhook';
const azurermHook = (uri: string | undefined, scope = '', actions = ['push']) => ({
  name: 'deployhook',
  resource_group_name: 'rg-acr-prod',
  registry_name: 'acrprod01',
  location: 'westeurope',
  ...(uri !== undefined ? { service_uri: uri } : {}),
  actions,
  status: 'enabled',
  scope,
  custom_headers: { Authorization: 'Bearer opaque-header-value' },
});
const azapiHook = (uri: string | undefined, scope = '', actions = ['push']) => ({
  type: 'Microsoft.ContainerRegistry/registries/webhooks@2023-07-01',
  name: 'deployhook',
  parent_id: ACR,
  location: 'westeurope',
  body: {
    properties: { ...(uri !== undefined ? { serviceUri: uri } : {}), actions, status: 'enabled', scope },
  },
});

const NATIVE = 'azure-native:containerregistry:Webhook';
const CLASSIC = 'azure:containerservice/registryWebhook:RegistryWebhook';
/** A webhook in a Pulumi preview: azure-native names it `webhookName`, the classic provider `name`. */
const pulumiHook =
  (type: string, nameKey: string) =>
  (uri: string, scope = '', actions = ['push']) =>
    pulumiState(type, 'hook', {
      [nameKey]: 'deployhook',
      registryName: 'acrprod01',
      resourceGroupName: 'rg-acr-prod',
      location: 'westeurope',
      serviceUri: uri,
      actions,
      status: 'enabled',
      scope,
    });
const nativeHook = pulumiHook(NATIVE, 'webhookName');
const classicHook = pulumiHook(CLASSIC, 'name');

const planDangers = (stack: string, ...changes: object[]) =>
  findDangers([parseTerraformPlan(terraformPlanOf(...changes), stack)], { order: ORDER });
const pulumiDangers = (stack: string, ...steps: object[]) =>
  findDangers([parsePulumiPreview(pulumiPreviewOf(...steps), stack)], { order: ORDER });

const MOVED = 'webhook of a promotion target moves from https to http | https://… -> http://…';

describe('a webhook of a promotion target moved from https to http', () => {
  it('is flagged in an azurerm plan, and only in a promotion target', () => {
    const moved = planChange(AZURERM, 'hook', ['update'], azurermHook(HTTPS), azurermHook(HTTP));
    expect(lines(planDangers('prod', moved), 'exposure-increased')).toEqual([`${AZURERM}.hook: ${MOVED}`]);
    expect(lines(planDangers('staging', moved), 'exposure-increased')).toHaveLength(1);
    expect(lines(planDangers('dev', moved), 'exposure-increased')).toEqual([]);
    // https kept, or http before already (policy reports that one): no change that weakens.
    const kept = planChange(AZURERM, 'hook', ['update'], azurermHook(HTTPS), azurermHook(`${HTTPS}&x=1`));
    const already = planChange(AZURERM, 'old', ['update'], azurermHook(HTTP), azurermHook(`${HTTP}&x=1`));
    expect(lines(planDangers('prod', kept, already), 'exposure-increased')).toEqual([]);
  });

  it('is flagged in an azapi body, an azure-native and a classic webhook', () => {
    expect(
      lines(
        planDangers(
          'prod',
          planChange('azapi_resource', 'hook', ['update'], azapiHook(HTTPS), azapiHook(HTTP)),
        ),
        'exposure-increased',
      ),
    ).toEqual([`azapi_resource.hook: ${MOVED}`]);
    expect(
      lines(pulumiDangers('prod', updateStep(nativeHook(HTTPS), nativeHook(HTTP))), 'exposure-increased'),
    ).toEqual([`${NATIVE}::hook: ${MOVED}`]);
    expect(
      lines(pulumiDangers('prod', updateStep(classicHook(HTTPS), classicHook(HTTP))), 'exposure-increased'),
    ).toEqual([`${CLASSIC}::hook: ${MOVED}`]);
  });

  it('says "may" when the new URI is known only after apply, or the old one cannot be read', () => {
    const may =
      'webhook of a promotion target changes to a URI that cannot be read: it may no longer use https | https://… -> unknown URI';
    const hidden = planChange(AZURERM, 'hook', ['update'], azurermHook(HTTPS), azurermHook(undefined), {
      service_uri: true,
    });
    expect(lines(planDangers('prod', hidden), 'exposure-increased')).toEqual([`${AZURERM}.hook: ${may}`]);
    expect(
      lines(pulumiDangers('prod', updateStep(nativeHook(HTTPS), nativeHook(UNKNOWN))), 'exposure-increased'),
    ).toEqual([`${NATIVE}::hook: ${may}`]);
    const azapiHidden = planChange(
      'azapi_resource',
      'hook',
      ['update'],
      azapiHook(HTTPS),
      azapiHook(undefined),
      { body: { properties: { serviceUri: true } } },
    );
    expect(lines(planDangers('prod', azapiHidden), 'exposure-increased')).toEqual([
      `azapi_resource.hook: ${may}`,
    ]);
    // The old URI marked sensitive (a provider that hides it): the new one is http, which it may not have been.
    const masked = planChange(AZURERM, 'hook', ['update'], azurermHook(HTTPS), azurermHook(HTTP));
    const unread = { ...masked, change: { ...masked.change, before_sensitive: { service_uri: true } } };
    expect(lines(planDangers('prod', unread), 'exposure-increased')).toEqual([
      `${AZURERM}.hook: webhook of a promotion target sends over http: its URI before cannot be read, so it may have used https | unknown URI -> http://…`,
    ]);
  });

  it('shows the schemes in the comment, never the URI', () => {
    const moved = planChange(AZURERM, 'hook', ['update'], azurermHook(HTTPS), azurermHook(HTTP));
    const comment = renderComment(
      buildReport([parseTerraformPlan(terraformPlanOf(moved), 'prod')], { order: ORDER }),
    );
    expect(comment).toContain('moves from https to http');
    expect(comment).not.toContain('hooks.example.com');
    expect(comment).not.toContain('code=abc');
    expect(comment).not.toContain('opaque-header-value');
  });
});

const NARROWED = 'scanner webhook hears fewer repositories (its scope narrowed)';

describe('a scanner webhook (quarantine action) whose scope narrows', () => {
  const scanner = ['quarantine'];
  const azurerm = (before: string, after: string, name = 'scan') =>
    planChange(
      AZURERM,
      name,
      ['update'],
      azurermHook(HTTPS, before, scanner),
      azurermHook(HTTPS, after, scanner),
    );

  it('is flagged in an azurerm plan, in any stack, with the old and new scope', () => {
    const dangers = planDangers('dev', azurerm('', 'app:*'));
    expect(lines(dangers, 'quarantine-weakened')).toEqual([
      `${AZURERM}.scan: ${NARROWED} | scope (every repository) -> scope app:*`,
    ]);
    expect(dangers[0].why).toContain('nothing scans or releases them');
    expect(lines(planDangers('prod', azurerm('app:*', 'app:v1')), 'quarantine-weakened')).toEqual([
      `${AZURERM}.scan: ${NARROWED} | scope app:* -> scope app:v1`,
    ]);
    expect(lines(planDangers('prod', azurerm('app:*', 'web:*')), 'quarantine-weakened')).toHaveLength(1);
  });

  it('says nothing when the new scope covers the old one, or the webhook is no scanner', () => {
    const widened = [
      azurerm('app:*', '', 'a'),
      azurerm('app:v1', 'app:*', 'b'),
      azurerm('app', 'app:latest', 'c'), // `app` is `app:latest` (azurerm and REST docs)
    ];
    expect(lines(planDangers('prod', ...widened), 'quarantine-weakened')).toEqual([]);
    const push = planChange(
      AZURERM,
      'deploy',
      ['update'],
      azurermHook(HTTPS, ''),
      azurermHook(HTTPS, 'app:*'),
    );
    expect(lines(planDangers('prod', push), 'quarantine-weakened')).toEqual([]);
  });

  it('is flagged in an azapi body, an azure-native and a classic webhook', () => {
    const azapi = planChange(
      'azapi_resource',
      'scan',
      ['update'],
      azapiHook(HTTPS, '', scanner),
      azapiHook(HTTPS, 'app:*', scanner),
    );
    expect(lines(planDangers('prod', azapi), 'quarantine-weakened')).toEqual([
      `azapi_resource.scan: ${NARROWED} | scope (every repository) -> scope app:*`,
    ]);
    expect(
      lines(
        pulumiDangers(
          'prod',
          updateStep(nativeHook(HTTPS, '', scanner), nativeHook(HTTPS, 'app:*', scanner)),
        ),
        'quarantine-weakened',
      ),
    ).toEqual([`${NATIVE}::hook: ${NARROWED} | scope (every repository) -> scope app:*`]);
    expect(
      lines(
        pulumiDangers(
          'prod',
          updateStep(classicHook(HTTPS, 'app:*', scanner), classicHook(HTTPS, 'app:v1', scanner)),
        ),
        'quarantine-weakened',
      ),
    ).toEqual([`${CLASSIC}::hook: ${NARROWED} | scope app:* -> scope app:v1`]);
  });

  it('flags the quarantine action dropped in every engine (read before this change too)', () => {
    const dropped =
      'scanner webhook no longer sends quarantine events | actions quarantine -> actions push, enabled';
    expect(
      lines(
        planDangers(
          'prod',
          planChange(AZURERM, 'scan', ['update'], azurermHook(HTTPS, '', scanner), azurermHook(HTTPS)),
        ),
        'quarantine-weakened',
      ),
    ).toEqual([`${AZURERM}.scan: ${dropped}`]);
    expect(
      lines(
        pulumiDangers('prod', updateStep(classicHook(HTTPS, '', scanner), classicHook(HTTPS))),
        'quarantine-weakened',
      ),
    ).toEqual([`${CLASSIC}::hook: ${dropped}`]);
  });

  it('says "may" when the new scope is known only after apply, or its reach cannot be told', () => {
    const may =
      'scanner webhook changes to a scope that cannot be read: it may no longer hear every quarantined push | scope (every repository) -> unknown scope';
    const hidden = planChange(
      AZURERM,
      'scan',
      ['update'],
      azurermHook(HTTPS, '', scanner),
      { ...azurermHook(HTTPS, '', scanner), scope: undefined },
      { scope: true },
    );
    expect(lines(planDangers('prod', hidden), 'quarantine-weakened')).toEqual([`${AZURERM}.scan: ${may}`]);
    expect(
      lines(
        pulumiDangers(
          'prod',
          updateStep(nativeHook(HTTPS, '', scanner), nativeHook(HTTPS, UNKNOWN, scanner)),
        ),
        'quarantine-weakened',
      ),
    ).toEqual([`${NATIVE}::hook: ${may}`]);
    // A wildcard in the repository: what it matches is not documented.
    expect(lines(planDangers('prod', azurerm('apps/web:*', 'apps/*:*')), 'quarantine-weakened')).toEqual([
      `${AZURERM}.scan: scanner webhook's scope changes to one whose reach cannot be told: it may hear fewer repositories | scope apps/web:* -> scope apps/*:*`,
    ]);
  });
});
