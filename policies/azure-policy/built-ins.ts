/**
 * Where the shipped estate departs from Azure Policy's built-ins for Container Registry on purpose, and
 * which built-ins cannot be judged offline. docs/rules.md lists both (generated); the built-in test
 * holds the synthesized prod registry to every other vendored definition.
 */

/** A built-in the estate does not comply with, on purpose. */
export interface BuiltInOptOut {
  /** Definition GUID. */
  readonly id: string;
  readonly title: string;
  readonly reason: string;
}

/** Built-ins prod opts out of. */
export const AZURE_POLICY_OPT_OUTS: readonly BuiltInOptOut[] = [
  {
    id: '5b9159ae-1701-4a6f-9a7a-aa9c8ddd0580',
    title: 'Container registries should be encrypted with a customer-managed key',
    reason:
      'prod declares no customer-managed key (Microsoft-managed keys; ACR-016 is advisory). Declaring `encryption` makes it compliant, with the identity and its Key Vault role created.',
  },
  {
    id: 'ff05e24e-195c-447e-b322-5e90c9f9f366',
    title: 'Container registries should have repository scoped access token disabled',
    reason:
      'prod declares a pull-only, expiring, rotating token for clients without a Microsoft Entra identity (ACR-022, ACR-023).',
  },
  {
    id: 'a9b426fe-8856-4945-8600-18c5dd1cca2a',
    title: 'Configure container registries to disable repository scoped access token',
    reason: 'the Modify twin of ff05e24e: it would disable the declared token.',
  },
  {
    id: 'c4857be7-912a-4c75-87e6-e30292bcdf78',
    title: '[Preview]: Container Registry should use a virtual network service endpoint',
    reason:
      'a preview for VNet service endpoints; prod uses Private Link with public access disabled (0fdf0491, e8eef0a8), which Microsoft recommends instead.',
  },
  {
    id: '9ba29e83-863d-4fec-81d0-16dd87067cc3',
    title: 'Enable logging by category group for Container registries to Event Hub',
    reason:
      'prod sends resource logs to Log Analytics; the Event Hub variant applies where that destination is chosen.',
  },
  {
    id: '106cd3bd-50a1-466c-869f-f9c2d310477b',
    title: 'Enable logging by category group for Container registries to Storage',
    reason:
      'prod sends resource logs to Log Analytics; the Storage variant applies where that destination is chosen.',
  },
];

/** Built-ins whose verdict depends on what only Azure knows. */
export const AZURE_POLICY_NOT_JUDGEABLE: readonly BuiltInOptOut[] = [
  {
    id: '56288eb2-4350-461d-9ece-2bb242269dce',
    title: 'Enable logging by category group for Container registries to Log Analytics',
    reason:
      'its existence condition also wants an `allLogs` entry with `enabled: false`, which its own deployment writes and azurerm v4 (`enabled_log`) cannot; whether Azure returns that entry for a setting created with `audit` only is not documented. 187242f4 (audit logs on) is judged and passes.',
  },
];
