/**
 * One webhook per replica location. Source: ../shared/FACTS.md section 10 (a webhook answers the events
 * of one regional replica, its `location`); names follow the webhook rule of FACTS.md section 2 (5-50
 * letters and digits).
 */
import { createHash } from 'node:crypto';

/** Where one declared webhook is created: its location and the resource name there. */
export interface WebhookDeployment {
  readonly location: string;
  readonly name: string;
}

const MAX_NAME = 50;

/**
 * The webhook's name in `location`: the declared name in the home region, the name followed by the
 * region elsewhere; names over 50 characters keep a prefix and a short hash, so they stay unique.
 */
export function webhookNameIn(name: string, location: string, home: string): string {
  if (location === home) return name;
  const full = `${name}${location.replace(/[^a-zA-Z0-9]/g, '')}`;
  if (full.length <= MAX_NAME) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, MAX_NAME - hash.length)}${hash}`;
}

/** The locations a webhook is created in: the home region first, then the replicas in order. */
export function webhookDeployments(
  name: string,
  home: string,
  replicaLocations: readonly string[],
): WebhookDeployment[] {
  return [home, ...replicaLocations.filter((l) => l !== home)].map((location) => ({
    location,
    name: webhookNameIn(name, location, home),
  }));
}
