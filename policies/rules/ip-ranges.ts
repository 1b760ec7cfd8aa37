/**
 * Whether a registry's IP allow list admits the whole internet. ACR takes "IPv4 address or CIDR
 * range" per rule (`az acr network-rule add --ip-address`,
 * https://learn.microsoft.com/cli/azure/acr/network-rule), and the network rule set's default action
 * applies "when no other rules match" (ARM `NetworkRuleSet.defaultAction`, Microsoft.ContainerRegistry
 * REST spec): with default action Deny, an allow rule for `0.0.0.0/0` (or rules whose ranges together
 * cover every IPv4 address, such as `0.0.0.0/1` and `128.0.0.0/1`) lets every network in.
 */
import type { Setting, Unknown } from '../inventory/types';
import { isUnknown } from '../inventory/types';

const IPV4_SPACE = 2 ** 32;

/** `a.b.c.d` or `a.b.c.d/n`; compiled once. */
const IPV4_RANGE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;

interface Span {
  readonly range: string;
  readonly start: number;
  /** One past the last address. */
  readonly end: number;
}

/** The IPv4 addresses a range covers, or undefined when it is not an IPv4 address or CIDR range. */
function spanOf(range: string): Span | undefined {
  const m = IPV4_RANGE.exec(range.trim());
  if (!m) return undefined;
  const octets = [m[1], m[2], m[3], m[4]].map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  const bits = m[5] === undefined ? 32 : Number(m[5]);
  if (bits > 32) return undefined;
  const address = ((octets[0] * 256 + octets[1]) * 256 + octets[2]) * 256 + octets[3];
  const size = 2 ** (32 - bits);
  const start = Math.floor(address / size) * size;
  return { range, start, end: start + size };
}

/** True for a prefix of length 0 of any family (`0.0.0.0/0`, `::/0`). */
function isWholePrefix(range: string): boolean {
  const slash = range.lastIndexOf('/');
  return slash >= 0 && range.slice(slash + 1).trim() === '0';
}

/** The ranges that together cover every IPv4 address, in address order; [] when they do not. */
function coveringSpans(spans: Span[]): string[] {
  let total = 0;
  for (const span of spans) total += span.end - span.start;
  if (total < IPV4_SPACE) return [];
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const used: string[] = [];
  let next = 0;
  for (const span of spans) {
    if (span.start > next) return [];
    if (span.end > next) {
      used.push(span.range);
      next = span.end;
    }
    if (next >= IPV4_SPACE) return used;
  }
  return [];
}

/**
 * The IP rules that together admit every address: one whole prefix, or IPv4 ranges covering the whole
 * space; [] when the known rules do not; UNKNOWN (the first unknown one) when they do not but a rule
 * or the list is unknown.
 */
export function openIpRanges(ranges: Setting<readonly Setting<string>[]>): Setting<readonly string[]> {
  if (isUnknown(ranges)) return ranges;
  let doubt: Unknown | undefined;
  const spans: Span[] = [];
  for (const range of ranges) {
    if (isUnknown(range)) {
      doubt ??= range;
      continue;
    }
    if (isWholePrefix(range)) return [range];
    const span = spanOf(range);
    if (span) spans.push(span);
  }
  const covering = spans.length > 1 ? coveringSpans(spans) : [];
  if (covering.length > 0) return covering;
  return doubt ?? [];
}
