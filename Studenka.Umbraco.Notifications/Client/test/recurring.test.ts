import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromCron, toCron } from '../src/elements/recurring-schedule.js';

const manifest = JSON.parse(readFileSync(new URL('../public/umbraco-package.json', import.meta.url), 'utf8'));
const localizations = (culture: string) =>
  manifest.extensions.find((e: { type: string; meta?: { culture?: string } }) => e.type === 'localization' && e.meta?.culture === culture).meta.localizations.studenkaSms as Record<string, string>;

describe('a recurring announcement\'s schedule', () => {
  it('says weekdays at a time and an n-th weekday of the month as the Quartz cron the API takes', () => {
    expect(toCron({ kind: 'weekly', days: ['THU', 'TUE'], time: '07:05' })).toBe('0 5 7 ? * TUE,THU');
    expect(toCron({ kind: 'monthly', day: 'MON', nth: 1, time: '16:00' })).toBe('0 0 16 ? * MON#1');
    expect(toCron({ kind: 'cron', cron: ' 0 0 7 1 * ? ' })).toBe('0 0 7 1 * ?');
  });

  it('says nothing while the form lacks a day or a time (the server then names the field)', () => {
    expect(toCron({ kind: 'weekly', days: [], time: '07:00' })).toBe('');
    expect(toCron({ kind: 'weekly', days: ['TUE'], time: '' })).toBe('');
  });

  it('reads a stored cron back into the form, and keeps any other cron as text', () => {
    expect(fromCron('0 0 7 ? * TUE')).toEqual({ kind: 'weekly', days: ['TUE'], time: '07:00' });
    expect(fromCron('0 30 6 ? * MON,FRI')).toEqual({ kind: 'weekly', days: ['MON', 'FRI'], time: '06:30' });
    expect(fromCron('0 0 16 ? * MON#1')).toEqual({ kind: 'monthly', day: 'MON', nth: 1, time: '16:00' });
    expect(fromCron('0 0 7 1 * ?')).toEqual({ kind: 'cron', cron: '0 0 7 1 * ?' });
    expect(fromCron('0 0 7 ? * 2-6')).toEqual({ kind: 'cron', cron: '0 0 7 ? * 2-6' });
  });
});

describe('the recurring announcements view', () => {
  const view = manifest.extensions.find((e: { alias: string }) => e.alias === 'Studenka.Notifications.SectionView.Recurring');

  it('is a view of the SMS section for administrators only', () => {
    expect(view.elementName).toBe('studenka-sms-recurring');
    expect(view.conditions).toContainEqual({ alias: 'Umb.Condition.CurrentUser.IsAdmin' });
  });

  it('has every term its element asks for in Czech and English', () => {
    const source = readFileSync(new URL('../src/elements/recurring.element.ts', import.meta.url), 'utf8');
    const keys = [...source.matchAll(/this\.t\('([a-zA-Z_]+)'/g)].map((m) => m[1]!);
    for (const d of ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN']) keys.push(`recurringDay_${d}`);
    for (const k of ['weekly', 'monthly', 'cron']) keys.push(`recurringKind_${k}`);
    keys.push('recurringTab');
    expect(keys.length).toBeGreaterThan(25);
    for (const culture of ['cs', 'en']) expect(keys.filter((k) => !localizations(culture)[k])).toEqual([]);
  });
});
