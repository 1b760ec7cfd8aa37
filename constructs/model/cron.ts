/**
 * Cron schedules of ACR Task timer triggers.
 *
 * Source: Microsoft Learn "Run an ACR task on a defined schedule", section "Cron expressions": ACR Tasks
 * reads cron expressions with the NCronTab library, with five required fields separated by white space,
 * `{minute} {hour} {day} {month} {day-of-week}`, in UTC; no `{second}` or `{year}` field. A field holds
 * a value, `*`, a range (`1-3`), a list (`20,30,40`) or an interval (`*\/10`); months and days of the
 * week may be written as English names, full or abbreviated (`Jan`, `Monday`), case-insensitive; days
 * of the week are 0-6, 0 being Sunday.
 *
 * Stricter than NCronTab where it is lenient: a step must follow `*` or a range, and a range must not
 * run backwards.
 */

/** One field of a cron expression: its name and the values it accepts. */
interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** English names of the values from `min` on, for the month and weekday fields. */
  readonly names?: readonly string[];
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** The five fields, in order. */
export const CRON_FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'weekday', min: 0, max: 6, names: WEEKDAYS },
];

function fieldValue(text: string, field: CronField): number | undefined {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const lower = text.toLowerCase();
  if (!field.names || !/^[a-z]{3,9}$/.test(lower)) return undefined;
  // A full name or its three-letter abbreviation (`Mon`, `Monday`).
  const index = field.names.findIndex((name) => name === lower || name.slice(0, 3) === lower);
  return index < 0 ? undefined : field.min + index;
}

function valueProblem(text: string, field: CronField): string | undefined {
  const value = fieldValue(text, field);
  if (value === undefined) {
    const named = field.names ? ` or a name such as "${field.names[0].slice(0, 3)}"` : '';
    return `${field.name} "${text}" is not a number${named}`;
  }
  if (value < field.min || value > field.max)
    return `${field.name} ${value} is out of range ${field.min}-${field.max}`;
  return undefined;
}

function itemProblem(item: string, field: CronField): string | undefined {
  const [range, step, ...extra] = item.split('/');
  if (extra.length > 0) return `${field.name} "${item}" has more than one step`;
  if (step !== undefined) {
    if (!/^\d{1,2}$/.test(step) || Number(step) < 1 || Number(step) > field.max - field.min + 1)
      return `${field.name} step "${step}" is not a number from 1 to ${field.max - field.min + 1}`;
    if (range !== '*' && !range.includes('-'))
      return `${field.name} "${item}" steps from a single value; write "*/${step}" or a range such as "${range}-${field.max}/${step}"`;
  }
  if (range === '*') return undefined;
  const bounds = range.split('-');
  if (bounds.length > 2 || bounds.some((b) => b === '')) return `${field.name} "${range}" is not a range`;
  for (const bound of bounds) {
    const problem = valueProblem(bound, field);
    if (problem) return problem;
  }
  if (bounds.length === 2 && fieldValue(bounds[0], field)! > fieldValue(bounds[1], field)!)
    return `${field.name} range "${range}" runs backwards`;
  return undefined;
}

/**
 * What is wrong with a cron schedule, or undefined when ACR Tasks accepts it. The message names the
 * field, e.g. `hour 24 is out of range 0-23`.
 */
export function cronProblem(schedule: string): string | undefined {
  if (schedule !== schedule.trim()) return 'it starts or ends with white space';
  const fields = schedule.split(/ +/);
  if (fields.length !== CRON_FIELDS.length)
    return `it has ${fields.length} field${fields.length === 1 ? '' : 's'}, not five (minute hour day month weekday)`;
  for (const [index, text] of fields.entries()) {
    const field = CRON_FIELDS[index];
    for (const item of text.split(',')) {
      if (item === '') return `${field.name} "${text}" has an empty list item`;
      const problem = itemProblem(item, field);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** True when ACR Tasks accepts `schedule` as a timer schedule. */
export function isCron(schedule: string): boolean {
  return cronProblem(schedule) === undefined;
}
