/**
 * Vietnamese number and date formatting, as reports write them: "1.640", "91,2%",
 * "25/11/2026". Time zones are passed in: the core never reads the machine's.
 */
const integerFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/**
 * 1640 → "1.640". Whole numbers (every count) are grouped by hand: a page of the console writes
 * thousands of them, and Intl's formatter costs microseconds each; anything else goes to Intl.
 */
export function formatCount(value: number): string {
  if (!Number.isSafeInteger(value)) return integerFormat.format(value);
  if (value > -1000 && value < 1000) return String(value);
  const digits = String(Math.abs(value));
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let i = grouped.length; i < digits.length; i += 3) grouped += `.${digits.slice(i, i + 3)}`;
  return value < 0 ? `-${grouped}` : grouped;
}

/** 0.912 → "91,2%" (one decimal, dropped when it is zero: 0.8 → "80%"). */
export function formatPercent(ratio: number): string {
  const tenths = Math.round(ratio * 1000);
  const whole = Math.trunc(tenths / 10);
  const decimal = Math.abs(tenths % 10);
  return `${formatCount(whole)}${decimal === 0 ? '' : `,${decimal}`}%`;
}

/** A calendar date "YYYY-MM-DD" (a date column) as people write it: 03/12/2026. */
export function formatIsoDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** The calendar date of an instant in a time zone: "25/11/2026". */
export function formatDate(instant: Date, timeZone: string): string {
  const { day, month, year } = calendarParts(instant, timeZone);
  return `${pad(day)}/${pad(month)}/${year}`;
}

/** "11:00 ngày 22/11/2026": when something happened or will, not soon enough to leave out the year. */
export function formatDateTime(instant: Date, timeZone: string): string {
  return `${formatClock(instant, timeZone)}/${calendarParts(instant, timeZone).year}`;
}

/** "11:00 ngày 22/11": when something will happen, soon. */
export function formatClock(instant: Date, timeZone: string): string {
  const { hour, minute, day, month } = calendarParts(instant, timeZone);
  return `${pad(hour)}:${pad(minute)} ngày ${pad(day)}/${pad(month)}`;
}

/** "11/2026": how a reporting month is named. */
export function formatMonth(year: number, month: number): string {
  return `${pad(month)}/${year}`;
}

/** "ngày 25 tháng 11 năm 2026", for the place-and-date line of a document. */
export function formatLongDate(instant: Date, timeZone: string): string {
  const { day, month, year } = calendarParts(instant, timeZone);
  return `ngày ${pad(day)} tháng ${pad(month)} năm ${year}`;
}

/** Year, month, day, hour and minute of an instant as a clock in `timeZone` shows them. */
export function calendarParts(
  instant: Date,
  timeZone: string,
): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = clockIn(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

/** Building a formatter is costly and a service uses one or two zones: keep one per zone. */
const clocks = new Map<string, Intl.DateTimeFormat>();
function clockIn(timeZone: string): Intl.DateTimeFormat {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    clocks.set(timeZone, clock);
  }
  return clock;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
