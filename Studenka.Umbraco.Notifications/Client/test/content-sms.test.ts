import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mayBeSentNow, offsetLabel } from '../src/api/content-sms-api.js';

const manifest = JSON.parse(readFileSync(new URL('../public/umbraco-package.json', import.meta.url), 'utf8'));
const localizations = (culture: string) =>
  manifest.extensions.find((e: { type: string; meta?: { culture?: string } }) => e.type === 'localization' && e.meta?.culture === culture).meta.localizations.studenkaSms as Record<string, string>;

describe('the document SMS workspace view', () => {
  const view = manifest.extensions.find((e: { alias: string }) => e.alias === 'Studenka.Notifications.WorkspaceView.DocumentSms');

  it('is a tab "SMS" of the document workspace for the event and news document types, for users of the SMS section', () => {
    expect(view.type).toBe('workspaceView');
    expect(view.elementName).toBe('studenka-sms-content');
    expect(view.meta.label).toBe('#studenkaSms_contentTab');
    expect(view.conditions).toContainEqual({ alias: 'Umb.Condition.WorkspaceAlias', match: 'Umb.Workspace.Document' });
    expect(view.conditions).toContainEqual({ alias: 'Umb.Condition.WorkspaceContentTypeAlias', oneOf: ['eventPage', 'newsPage'] });
    expect(view.conditions).toContainEqual({ alias: 'Umb.Condition.SectionUserPermission', match: 'Studenka.Notifications.Section' });
  });

  it('has every term its element asks for in Czech and English', () => {
    const source = readFileSync(new URL('../src/elements/content-sms.element.ts', import.meta.url), 'utf8');
    const keys = [...source.matchAll(/this\.t\('([a-zA-Z_]+)'\)/g)].map((m) => m[1]!);
    keys.push('contentTab', 'reminder_scheduled', 'reminder_fired', 'reminder_skipped', 'reminder_cancelled');
    expect(keys.length).toBeGreaterThan(10);
    for (const culture of ['cs', 'en']) {
      const terms = localizations(culture);
      expect(keys.filter((k) => !terms[k])).toEqual([]);
    }
    expect(localizations('cs').contentSendNow).toBe('Odeslat hned');
  });

  it('offers "send now" for a draft or scheduled campaign only', () => {
    expect(mayBeSentNow({ state: 'draft' })).toBe(true);
    expect(mayBeSentNow({ state: 'scheduled' })).toBe(true);
    expect(mayBeSentNow({ state: 'sent' })).toBe(false);
    expect(mayBeSentNow({ state: 'cancelled' })).toBe(false);
  });

  it('shows offsets in the format editors type (TimeOnly and TimeSpan as the API writes them)', () => {
    expect(offsetLabel({ daysBefore: 1, atLocalTime: '09:00:00', before: null })).toBe('1d@09:00');
    expect(offsetLabel({ daysBefore: null, atLocalTime: null, before: '02:00:00' })).toBe('2h');
    expect(offsetLabel({ daysBefore: null, atLocalTime: null, before: '01:30:00' })).toBe('1h30m');
    expect(offsetLabel({ daysBefore: null, atLocalTime: null, before: '1.02:00:00' })).toBe('26h');
  });
});
