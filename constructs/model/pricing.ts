/**
 * Estimated ACR prices, for cost previews only (never a quote). Source: ../shared/FACTS.md section 1
 * (Azure pricing page for Container Registry, list prices in USD).
 */
import type { Sku } from './tiers';
import { TIERS } from './tiers';

/** The date the price table was read; every estimate says it. */
export const PRICE_TABLE_DATE = '2026-01';

/** Registry price per day by SKU, USD. */
export const DAILY_PRICE_USD: Readonly<Record<Sku, number>> = {
  Basic: 0.167,
  Standard: 0.667,
  Premium: 1.667,
};

/** Storage over the included amount, USD per GiB per day. */
export const STORAGE_PRICE_USD_PER_GIB_DAY = 0.003;

/** ACR Tasks run time, USD per second. */
export const TASK_PRICE_USD_PER_SECOND = 0.0001;

/** Days in the average month used by estimates. */
export const DAYS_PER_MONTH = 30.42;

/** What a registry costs a month, and how that was reckoned. */
export interface MonthlyEstimate {
  readonly registryUsd: number;
  readonly replicasUsd: number;
  readonly storageUsd: number;
  readonly totalUsd: number;
}

/**
 * Estimated monthly cost of a registry. Each geo-replica is billed as one more Premium registry, as
 * older Microsoft documents state (the current text only says storage is billed per replica), so the
 * estimate errs high. Storage over the included amount is billed in the home region and in each replica.
 */
export function estimateMonthlyCost(sku: Sku, replicaCount: number, storageGiB: number): MonthlyEstimate {
  const perDay = DAILY_PRICE_USD[sku];
  const extraGiB = Math.max(0, storageGiB - TIERS[sku].limits.includedStorageGiB);
  const registryUsd = perDay * DAYS_PER_MONTH;
  const replicasUsd = replicaCount * DAILY_PRICE_USD.Premium * DAYS_PER_MONTH;
  const storageUsd = extraGiB * STORAGE_PRICE_USD_PER_GIB_DAY * DAYS_PER_MONTH * (1 + replicaCount);
  const round = (n: number): number => Math.round(n * 100) / 100;
  return {
    registryUsd: round(registryUsd),
    replicasUsd: round(replicasUsd),
    storageUsd: round(storageUsd),
    totalUsd: round(registryUsd + replicasUsd + storageUsd),
  };
}
