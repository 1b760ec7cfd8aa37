/**
 * Artifact cache (pull-through cache) facts. Source: Microsoft Learn "Artifact cache in Azure Container
 * Registry" (checked 2026: "available in Basic, Standard, and Premium service tiers"; FACTS.md section 1
 * lists Basic as "docs conflict" because older pages said Standard and Premium only; the current article
 * is followed); the ARM spec (2025-06-01-preview) for names: cache rules and credential sets 5-50,
 * `^[a-zA-Z0-9-]*$`. The limit of 1,000 cache rules per registry is from the same article's limitations
 * and not confirmed by a second source.
 *
 * A cache rule is a way images enter its registry with neither a push nor an import: the first pull
 * of a tag through the rule's target repository pulls it from the upstream and stores it in the
 * registry (Learn, `container-registry/artifact-cache-overview`, Terminology: "A rule you create to
 * pull artifacts from a supported repository into your cache"). The upstream may be another Azure
 * container registry (Learn, `artifact-cache-acr-to-acr-cli`, "Enable artifact cache to cache
 * artifacts from another Azure Container Registry", signed in with a managed identity). Even from
 * the previous environment's registry it brings in whatever a client pulls, not what promotion
 * chose: in a promotion target it is a way in past promotion whatever its upstream
 * (policies/promotion/push-paths.ts applies this).
 */

/**
 * Name rule of cache rules and credential sets: the ARM rule (5-50, letters, digits, hyphens) as azurerm
 * v4 narrows it for cache rules (`validate/container_registry_cache_rule_name.go`: letters and digits
 * optionally separated by single hyphens, at least 5 and under 50 characters), which ARM also accepts.
 */
export const CACHE_NAME = {
  pattern: /^(?=.{5,49}$)[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*$/,
  description: '5-49 letters or digits, optionally separated by single hyphens',
} as const;

/** Cache rules per registry. */
export const CACHE_RULE_LIMIT = 1000;

/**
 * Upstream registries cache rules may pull from unless the estate says otherwise: the upstreams
 * Microsoft documents for artifact cache that are operated by Microsoft or the large public registries.
 */
export const DEFAULT_ALLOWED_CACHE_SOURCES: readonly string[] = [
  'mcr.microsoft.com',
  'docker.io',
  'ghcr.io',
  'quay.io',
  'registry.k8s.io',
  'public.ecr.aws',
];

/** The upstream registry (login server) of a cache rule source such as `docker.io/library/nginx`. */
export function cacheSourceRegistry(source: string): string {
  return source.split('/')[0].toLowerCase();
}

/** True when `source` is `<registry host>/<repository path>` (optionally ending in `/*`). */
export function isCacheSource(source: string): boolean {
  return /^[a-z0-9.-]+\.[a-z]{2,}(?::\d+)?\/[a-z0-9]+(?:[._/-][a-z0-9]+)*(?:\/\*)?$/.test(source);
}
