import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PageDetail } from '../src/api/site-pages-api.js';
import { MeCache } from '../src/api/sms-api.js';
import type { Me } from '../src/api/types.js';
import { formOf, pragueWallTime, remindersMode, remindersValue, requestOf } from '../src/elements/site-pages.js';

const manifest = JSON.parse(readFileSync(new URL('../public/umbraco-package.json', import.meta.url), 'utf8'));
const siteManifest = JSON.parse(readFileSync(new URL('../../../Studenka.Umbraco.Site/wwwroot/App_Plugins/Studenka.Notifications.Site/umbraco-package.json', import.meta.url), 'utf8'));
const localizations = (culture: string) =>
  manifest.extensions.find((e: { type: string; meta?: { culture?: string } }) => e.type === 'localization' && e.meta?.culture === culture).meta.localizations.studenkaSms as Record<string, string>;

const page: PageDetail = {
  key: 'b1a7', documentType: 'eventPage', title: 'Rozsvícení vánočního stromu', state: 'published', hasUnpublishedChanges: false,
  eventStart: '2026-12-12T18:00:00+01:00', place: 'Náměstí', smsEnabled: true, packageId: 3, updatedAt: '2026-11-27T10:00:00+01:00',
  publishedAt: null, url: null, body: 'Přijďte.', smsText: null, cityPartIds: [1], streetIds: [], reminders: '1d@09:00, 2h', updatedBy: 'x', publishedBy: null,
};

describe('the Site page editor', () => {
  it('shows a start as Prague wall time, whatever offset the API wrote (also across the summer time change)', () => {
    expect(pragueWallTime('2026-12-12T18:00:00+01:00')).toBe('2026-12-12T18:00');
    expect(pragueWallTime('2026-12-12T17:00:00Z')).toBe('2026-12-12T18:00');
    expect(pragueWallTime('2027-07-01T16:30:00Z')).toBe('2027-07-01T18:30');
    expect(pragueWallTime(null)).toBe('');
  });

  it('sends the reminders choice as the seam says: null = defaults, "" = none, else the offsets', () => {
    expect(remindersMode(null)).toBe('defaults');
    expect(remindersMode('')).toBe('none');
    expect(remindersMode('2h')).toBe('custom');
    expect(remindersValue('defaults', '2h')).toBeNull();
    expect(remindersValue('none', '2h')).toBe('');
    expect(remindersValue('custom', ' 1d@09:00, 2h ')).toBe('1d@09:00, 2h');
  });

  it('gives back what it read, the start without an offset', () => {
    const form = formOf(page, 'eventPage', [1, 2, 3]);
    expect([form.startDate, form.startTime, form.remindersMode]).toEqual(['2026-12-12', '18:00', 'custom']);
    expect(requestOf(form)).toEqual({
      documentType: 'eventPage', title: page.title, body: page.body, eventStart: '2026-12-12T18:00', place: 'Náměstí', smsEnabled: true,
      smsText: null, packageId: 3, cityPartIds: [1], streetIds: [], reminders: '1d@09:00, 2h',
    });
  });

  it('sends a news item without start, place or reminders, and a new one with the only package the role may send', () => {
    const form = { ...formOf(undefined, 'newsPage', [4]), title: 'Uzavírka', place: 'x', startDate: '2026-12-01', startTime: '08:00' };
    expect(requestOf(form)).toMatchObject({ documentType: 'newsPage', eventStart: null, place: null, reminders: null, packageId: 4 });
  });

  it('sends half a start as typed so the server names what is missing', () => {
    expect(requestOf({ ...formOf(page, 'eventPage', []), startTime: '' }).eventStart).toBe('2026-12-12');
  });

  it('is the Site-only section "Obsah webu" with the view "Akce a aktuality", its terms in Czech and English', () => {
    const section = siteManifest.extensions.find((e: { alias: string }) => e.alias === 'Studenka.Site.Section.Content');
    const view = siteManifest.extensions.find((e: { alias: string }) => e.alias === 'Studenka.Site.SectionView.Pages');
    expect([section.type, section.meta.pathname]).toEqual(['section', 'obsah']);
    expect([view.type, view.elementName, view.meta.pathname]).toEqual(['sectionView', 'studenka-site-pages', 'pages']);
    expect(view.conditions).toContainEqual({ alias: 'Umb.Condition.SectionAlias', match: 'Studenka.Site.Section.Content' });
    expect([localizations('cs').siteContentSection, localizations('cs').pagesTab]).toEqual(['Obsah webu', 'Akce a aktuality']);
    const keys = ['site-pages', 'site-page-editor'].flatMap((f) =>
      [...readFileSync(new URL(`../src/elements/${f}.element.ts`, import.meta.url), 'utf8').matchAll(/this\.t\('([a-zA-Z_]+)'/g)].map((m) => m[1]!));
    keys.push('pagesState_draft', 'pagesState_published', 'pagesState_unpublished', 'pagesReminders_defaults', 'pagesReminders_none', 'pagesReminders_custom');
    expect(keys.length).toBeGreaterThan(30);
    for (const culture of ['cs', 'en']) expect(keys.filter((k) => !localizations(culture)[k])).toEqual([]);
  });
});

describe('GET me', () => {
  const me = { userName: 'spravce' } as Me;

  it('is fetched once per token, again for a new token, and a failure is not kept', async () => {
    const cache = new MeCache();
    let calls = 0;
    const fetchMe = () => (++calls === 3 ? Promise.reject(new Error('offline')) : Promise.resolve(me));
    await Promise.all([cache.get('a', fetchMe), cache.get('a', fetchMe)]);
    expect(calls).toBe(1);
    await cache.get('b', fetchMe);
    expect(calls).toBe(2);
    await expect(cache.get('c', fetchMe)).rejects.toThrow('offline');
    await cache.get('c', fetchMe);
    expect(calls).toBe(4);
  });
});
