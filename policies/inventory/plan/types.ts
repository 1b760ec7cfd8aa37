/**
 * The plain types of the plan reader (no schema library): what the readers, the preview and the
 * public declarations use, kept apart from the zod schemas in `schema.ts` so that a consumer's type
 * check of acr-iac never reaches zod's declarations.
 */

/** A JSON object as read from a plan. */
export type JsonRecord = Readonly<Record<string, unknown>>;

/** The action lists Terraform writes (jsonplan `Change.Actions`) and what each is called here. */
export const PLAN_ACTIONS = {
  'no-op': 'no-op',
  create: 'create',
  read: 'read',
  update: 'update',
  'delete,create': 'delete-create',
  'create,delete': 'create-delete',
  delete: 'delete',
  forget: 'forget',
  'create,forget': 'create-forget',
} as const;

/** One action list of a change: a single action, or a replacement in one of its orders. */
export type PlanAction = (typeof PLAN_ACTIONS)[keyof typeof PLAN_ACTIONS];

/** A module call of the `configuration` section (the parts the readers use). */
export interface ConfigModuleCall {
  readonly module?: ConfigModule | undefined;
  /** The call's arguments, by variable name: `{ constant_value }` or `{ references }`. */
  readonly expressions?: JsonRecord | undefined;
  /** Present when the call has `count`. */
  readonly count_expression?: JsonRecord | undefined;
  /** Present when the call has `for_each`. */
  readonly for_each_expression?: JsonRecord | undefined;
}

/** A module of the `configuration` section (the parts the readers use). */
export interface ConfigModule {
  readonly resources?: readonly JsonRecord[] | undefined;
  readonly module_calls?: Readonly<Record<string, ConfigModuleCall>> | undefined;
  /** The module's outputs: each one's `expression`. */
  readonly outputs?: Readonly<Record<string, { readonly expression?: JsonRecord | undefined }>> | undefined;
}
