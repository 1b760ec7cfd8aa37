/**
 * Pulumi components for Azure Container Registry estates (@pulumi/azure-native), the twins of the cdktf
 * constructs: both render the same resolved declaration.
 */
export * from './access';
export * from './secrets';
export * from './registry-reference';
export * from './registry';
export * from './private-network';
export * from './tokens';
export * from './tasks';
export * from './webhooks';
export * from './protection';
export * from './promotion';
export * from './signing';
export * from './environment';
export * from './stack-config';
export * from './program';
