/**
 * Redaction beyond the plan's own masks: attributes the azurerm / azure-native schemas hold secrets in,
 * and values that look like credentials, are shown as `(sensitive)` in plan previews, synth diffs and
 * reports. Every secret below is unmarked in its plan (no `*_sensitive` mask), as hand-written
 * resources and escape hatches leave them.
 */
import type { JsonObject } from '../../preview';
import {
  buildReport,
  diffSynthTrees,
  looksLikeSecret,
  parseTerraformPlan,
  redactSecretText,
  REDACTED,
  renderComment,
} from '../../preview';
import { renderReport } from '../../policies';
import { evaluateDoc, fixture } from '../policies/helpers';

const MARK = 'PLANTEDSECRET';

const CREDENTIAL_VALUES = [
  `https://scanner:${MARK}@hooks.example.com/acr`,
  `https://hooks.example.com/acr?token=${MARK}`,
  `https://acct.blob.core.windows.net/c?sv=2022-11-02&se=2030-01-01&sp=r&sig=${MARK}`,
  `Bearer ${MARK}abcdefgh`,
  `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${MARK}==;EndpointSuffix=core.windows.net`,
  `Server=tcp:db.example.com;Database=app;User ID=app;Password=${MARK};`,
  `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=${MARK}=`,
  `-----BEGIN RSA PRIVATE KEY-----\nMII${MARK}\n-----END RSA PRIVATE KEY-----`,
  `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIke${MARK}.c2lnbmF0dXJlc2lnbmF0dXJl`,
  `ghp_${MARK}abcdefghijklmnop`,
  `github_pat_${MARK}abcdefghijklmnop`,
  'AKIAIOSFODNN7EXAMPLE',
  `xoxb-${MARK}-1234567890`,
  `Basic ${MARK}abcdefgh`,
];

describe('values that look like credentials', () => {
  it.each(CREDENTIAL_VALUES)('%j is recognised and redacted from text', (value) => {
    expect(looksLikeSecret(value)).toBe(true);
    expect(redactSecretText(`posts to ${value} daily`)).not.toContain(MARK);
  });

  it.each([
    'https://scanner.example.com/acr/quarantine',
    'azurerm_container_registry.registry',
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr',
    'repositories/apps/*/content/read',
    "acr purge --filter 'apps/.*:^(?!(?:latest)$)(?:.*)$' --ago 30d",
  ])('%j is left alone', (value) => {
    expect(looksLikeSecret(value)).toBe(false);
    expect(redactSecretText(value)).toBe(value);
  });
});

/** A plan with secrets in attributes no sensitivity mask covers. */
function leakyPlan(): unknown {
  const change = (address: string, type: string, after: JsonObject) => ({
    address,
    type,
    name: address.split('.')[1],
    change: { actions: ['create'], before: null, after, after_unknown: {} },
  });
  return {
    format_version: '1.2',
    resource_changes: [
      change('azurerm_container_registry_webhook.scanner', 'azurerm_container_registry_webhook', {
        name: 'scanner',
        actions: ['quarantine'],
        service_uri: `https://scanner.example.com/hook/${MARK}`,
      }),
      change('azurerm_linux_web_app.app', 'azurerm_linux_web_app', {
        name: 'app',
        app_settings: { STORAGE: CREDENTIAL_VALUES[4], PLAIN: 'ok' },
        connection_string: [{ name: 'db', type: 'SQLAzure', value: `opaque-${MARK}` }],
        site_config: [{ application_stack: [{ docker_registry_password: `opaque-${MARK}` }] }],
      }),
      change('azurerm_kubernetes_cluster.aks', 'azurerm_kubernetes_cluster', {
        name: 'aks',
        kube_config_raw: `apiVersion: v1\nusers:\n- user:\n    token: opaque-${MARK}`,
        kube_admin_config: [{ client_key: `opaque-${MARK}`, host: 'https://aks.example.com' }],
      }),
      change('azurerm_storage_account.sa', 'azurerm_storage_account', {
        name: 'sa',
        primary_access_key: `opaque-${MARK}`,
        primary_connection_string: `opaque-${MARK}`,
        tags: { callback: CREDENTIAL_VALUES[2], bearer: CREDENTIAL_VALUES[3] },
      }),
      change('azurerm_container_registry_task.build', 'azurerm_container_registry_task', {
        name: 'build',
        docker_step: [{ context_access_token: `opaque-${MARK}`, context_path: 'https://github.com/x/y' }],
      }),
    ],
  };
}

describe('previews', () => {
  it('redact secret attributes and credential values of a plan', () => {
    const set = parseTerraformPlan(leakyPlan(), 'prod');
    const byAddress = new Map(set.resources.map((r) => [r.address, r.after]));
    // A webhook URI keeps its scheme only: it tells whether notifications travel in clear text.
    expect(byAddress.get('azurerm_container_registry_webhook.scanner')?.service_uri).toBe(
      `https://${REDACTED}`,
    );
    expect(byAddress.get('azurerm_kubernetes_cluster.aks')?.kube_config_raw).toBe(REDACTED);
    expect(byAddress.get('azurerm_linux_web_app.app')?.app_settings).toEqual({
      STORAGE: REDACTED,
      PLAIN: 'ok',
    });
    const comment = renderComment(buildReport([set]));
    expect(comment).not.toContain(MARK);
    expect(comment).toContain(REDACTED); // shown, not dropped
  });

  it('redact the secret ARM properties of an azapi body, a JSON string (azapi 1.x) too', () => {
    const body = {
      properties: {
        serviceUri: `https://hooks.example.com/${MARK}`,
        customHeaders: { 'x-api-key': `opaque-${MARK}` },
        actions: ['push'],
      },
    };
    const webhook = (name: string, written: unknown) => ({
      address: `azapi_resource.${name}`,
      type: 'azapi_resource',
      name,
      change: {
        actions: ['create'],
        before: null,
        after: {
          type: 'Microsoft.ContainerRegistry/registries/webhooks@2023-07-01',
          name,
          body: written,
        },
        after_unknown: {},
      },
    });
    const set = parseTerraformPlan(
      {
        format_version: '1.2',
        resource_changes: [webhook('hooka', body), webhook('hookb', JSON.stringify(body))],
      },
      'prod',
    );
    expect(JSON.stringify(set.resources)).not.toContain(MARK);
    expect(renderComment(buildReport([set]))).not.toContain(MARK);
    // The rest of the body stays readable, as an object or a string.
    const [object, text] = set.resources.map((r) => r.after?.body);
    expect(object).toEqual({
      properties: { serviceUri: `https://${REDACTED}`, customHeaders: REDACTED, actions: ['push'] },
    });
    expect(JSON.parse(text as string)).toEqual(object);
  });

  it('redact literal secrets of a synth diff', () => {
    const head: JsonObject = {
      resource: {
        azurerm_container_registry_webhook: {
          scanner: {
            name: 'scanner',
            actions: ['push'],
            service_uri: CREDENTIAL_VALUES[0],
            custom_headers: { Authorization: `Bearer ${MARK}x` },
          },
        },
        azurerm_key_vault_secret: { s: { name: 's', value: `opaque-${MARK}` } },
      },
    };
    const sets = diffSynthTrees({ stacks: new Map() }, { stacks: new Map([['prod', head]]) });
    expect(renderComment(buildReport(sets))).not.toContain(MARK);
  });
});

describe('reports', () => {
  it('never carry a credential that a finding message quotes', () => {
    const doc = fixture('prod.cdk.tf.json');
    const webhooks = doc.resource.azurerm_container_registry_webhook;
    const first = Object.values(webhooks)[0] as JsonObject & { service_uri: string };
    first.service_uri = `http://user:${MARK}@hooks.example.com/x?token=${MARK}`;
    const result = evaluateDoc(doc);
    for (const format of ['text', 'json', 'sarif', 'junit', 'markdown'] as const)
      expect(renderReport(result, format)).not.toContain(MARK);
  });
});
