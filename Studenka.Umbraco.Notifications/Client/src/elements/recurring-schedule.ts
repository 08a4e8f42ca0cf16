// The schedule of a recurring announcement as an administrator states it ("every other Tuesday at 7:00",
// "the first Monday of the month at 16:00") and as the API stores it: a Quartz cron expression in the
// town's time plus every n-th week. A cron the form cannot say in words stays editable as text.

export const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export type Day = (typeof DAYS)[number];

export type Schedule =
  | { kind: 'weekly'; days: Day[]; time: string }
  | { kind: 'monthly'; day: Day; nth: number; time: string }
  | { kind: 'cron'; cron: string };

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** The cron the API takes for a schedule; '' when the form is not filled in enough to say one. */
export function toCron(schedule: Schedule): string {
  if (schedule.kind === 'cron') return schedule.cron.trim();
  const time = TIME.exec(schedule.time);
  if (!time) return '';
  const at = `0 ${Number(time[2])} ${Number(time[1])} ? *`;
  if (schedule.kind === 'monthly') return `${at} ${schedule.day}#${schedule.nth}`;
  const days = DAYS.filter((d) => schedule.days.includes(d));
  return days.length ? `${at} ${days.join(',')}` : '';
}

/** Reads a stored cron back into the form: weekdays at a time, an n-th weekday of the month, else the cron text. */
export function fromCron(cron: string): Schedule {
  const m = /^0 (\d{1,2}) (\d{1,2}) \? \* ([A-Z,#1-5]+)$/.exec(cron.trim());
  const time = m ? `${m[2]!.padStart(2, '0')}:${m[1]!.padStart(2, '0')}` : '';
  if (m && TIME.test(time)) {
    const nth = /^([A-Z]{3})#([1-5])$/.exec(m[3]!);
    if (nth && isDay(nth[1]!)) return { kind: 'monthly', day: nth[1], nth: Number(nth[2]), time };
    const days = m[3]!.split(',');
    if (days.every(isDay)) return { kind: 'weekly', days, time };
  }
  return { kind: 'cron', cron };
}

function isDay(value: string): value is Day {
  return (DAYS as readonly string[]).includes(value);
}
