/**
 * cdktf constructs for Azure Container Registry estates (azurerm v4 through @cdktf/provider-azurerm).
 */
export * from './principal';
export * from './registry-base';
export * from './registry-reference';
export * from './registry';
export * from './private-network';
export * from './tokens';
export * from './tasks';
export * from './webhooks';
export * from './protection';
export * from './promotion';
export * from './signing';
export * from './environment-stack';
export * from './app';
export * from './suppressions';
