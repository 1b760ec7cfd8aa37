/**
 * Terraform's `timestamp()` and `timeadd()`. `timestamp()` is known only when Terraform applies, so it
 * stays a reference (known at apply, never null: a token password whose `expiry` is
 * `timeadd(timestamp(), "720h")` expires); `timeadd()` of literal arguments is computed as Terraform
 * does (an RFC 3339 timestamp plus a Go duration, written back in RFC 3339 with the timestamp's offset,
 * whole seconds), and of a reference stays a reference. Sources: "timestamp Function" and "timeadd
 * Function" (developer.hashicorp.com/terraform/language/functions), Go's `time.ParseDuration`.
 */
import type { Value } from './values';
import { EvalError, Ref, blocker } from './values';

const TIMESTAMP = /^(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(\.\d+)?([Zz]|[+-]\d\d:\d\d)$/;

/** Nanoseconds per unit of a Go duration. */
const UNIT_NS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** A Go duration (`8760h`, `-1.5h`, `2h45m`) in nanoseconds, or undefined when it is not one. */
export function durationNs(text: string): bigint | undefined {
  const sign = text.startsWith('-') ? -1n : 1n;
  const body = text.replace(/^[-+]/, '');
  if (body === '0') return 0n;
  if (body === '') return undefined;
  let total = 0n;
  let rest = body;
  while (rest.length > 0) {
    const match = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!match || (match[1] === '' && (match[2] ?? '') === '')) return undefined;
    const unit = UNIT_NS[match[3]];
    const fraction = match[2] ?? '';
    total += BigInt(match[1] || '0') * unit;
    if (fraction) total += (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length);
    rest = rest.slice(match[0].length);
  }
  return sign * total;
}

const pad = (n: number | bigint, width = 2): string => String(n).padStart(width, '0');

/** `timestamp` plus `duration`, as Terraform's `timeadd` writes it; undefined when either is malformed. */
export function addTime(timestamp: string, duration: string): string | undefined {
  const t = TIMESTAMP.exec(timestamp);
  const d = durationNs(duration);
  if (!t || d === undefined) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = t;
  const offsetMinutes =
    zone.toUpperCase() === 'Z'
      ? 0
      : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const localMs = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
  const fractionNs = fraction ? BigInt(fraction.slice(1, 10).padEnd(9, '0')) : 0n;
  // Local wall time in nanoseconds, plus the duration; the offset stays the timestamp's.
  const ns = BigInt(localMs) * 1_000_000n + fractionNs + d;
  const seconds = ns / 1_000_000_000n - (ns % 1_000_000_000n < 0n ? 1n : 0n);
  const date = new Date(Number(seconds) * 1000);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 0 || date.getUTCFullYear() > 9999)
    return undefined;
  const text =
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  if (offsetMinutes === 0) return `${text}Z`;
  const abs = Math.abs(offsetMinutes);
  return `${text}${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `timestamp()`: the time of the apply. */
export function timestamp(): Value {
  return new Ref('timestamp()');
}

/** `timeadd(timestamp, duration)`. */
export function timeadd([time, duration]: Value[]): Value {
  if (typeof duration !== 'string')
    return blocker([duration]) ?? new EvalError('timeadd needs a duration string');
  if (time instanceof Ref) {
    if (durationNs(duration) === undefined) return new EvalError(`timeadd: "${duration}" is not a duration`);
    return new Ref(`timeadd(${time.text}, ${JSON.stringify(duration)})`);
  }
  if (typeof time !== 'string') return blocker([time]) ?? new EvalError('timeadd needs a timestamp string');
  return addTime(time, duration) ?? new EvalError(`timeadd: "${time}" plus "${duration}" is not a timestamp`);
}
