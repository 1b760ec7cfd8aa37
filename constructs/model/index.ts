/**
 * The engine-free registry model: facts about ACR, the declaration types, validation and defaults.
 * It imports neither cdktf nor Pulumi.
 */
export * from './tiers';
export * from './names';
export * from './roles';
export * from './role-directory';
export * from './signing';
export * from './private-dns';
export * from './provider-defaults';
export * from './pricing';
export * from './azure-ids';
export * from './regions';
export * from './cron';
export * from './enums';
export * from './lookup';
export * from './validators';
export * from './declaration';
export * from './problems';
export * from './purge';
export * from './resolve';
export * from './estate';
export * from './task-network';
export * from './arm-properties';
export * from './key-vault';
export * from './artifact-cache';
export * from './webhook-locations';
export * from './diagnostics';
export * from './token-expiry';
export * from './identity';
