import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { areaLabel, matchesArea } from '../src/elements/areas.js';
import { isLive, progressFigures } from '../src/elements/progress.js';

const manifest = JSON.parse(readFileSync(new URL('../public/umbraco-package.json', import.meta.url), 'utf8'));
const localizations = (culture: string) =>
  manifest.extensions.find((e: { type: string; meta?: { culture?: string } }) => e.type === 'localization' && e.meta?.culture === culture).meta.localizations.studenkaSms as Record<string, string>;

function termsUsedInSources(): string[] {
  const files = ['compose', 'campaigns', 'campaign-detail', 'campaign-progress', 'area-picker', 'subscribers', 'subscribers-mapping', 'subscribers-signup'].map((f) =>
    readFileSync(new URL(`../src/elements/${f}.element.ts`, import.meta.url), 'utf8'),
  );
  const keys = new Set<string>();
  for (const source of files) {
    for (const m of source.matchAll(/(?:studenkaSms_|#t\(')([a-zA-Z_]+)/g)) keys.add(m[1]!);
  }
  return [...keys];
}

describe('localization', () => {
  it('has the same keys in Czech and English', () => {
    expect(Object.keys(localizations('en')).sort()).toEqual(Object.keys(localizations('cs')).sort());
  });

  it('defines every term the elements ask for (literal keys) in Czech', () => {
    const cs = localizations('cs');
    const missing = termsUsedInSources().filter((k) => !(k in cs) && !k.endsWith('_'));
    expect(missing).toEqual([]);
  });

  it('names every campaign state and recipient status', () => {
    const cs = localizations('cs');
    for (const s of ['draft', 'scheduled', 'sending', 'sent', 'cancelled', 'failed']) expect(cs[`state_${s}`]).toBeTruthy();
    for (const s of ['pending', 'sending', 'accepted', 'delivered', 'failed', 'unknown', 'cancelled']) expect(cs[`status_${s}`]).toBeTruthy();
  });
});

describe('areas', () => {
  it('names a street with its part and finds it without diacritics', () => {
    expect(areaLabel('Poštovní', 'Butovice')).toBe('Poštovní (Butovice)');
    expect(matchesArea('Poštovní (Butovice)', 'postovni')).toBe(true);
    expect(matchesArea('Poštovní (Butovice)', 'BUTO')).toBe(true);
    expect(matchesArea('Poštovní (Butovice)', 'Horka')).toBe(false);
  });
});

describe('progress', () => {
  const delivery = { campaignId: 1, total: 10, pending: 2, sending: 1, accepted: 4, failed: 1, unknown: 1, cancelled: 1, delivered: 3, failedDelivery: 1 };

  it('shows queued (pending + sending), sent (accepted), delivered, failed (sending or delivery) and unknown', () => {
    expect(progressFigures(delivery)).toEqual({ queued: 3, sent: 4, delivered: 3, failed: 2, unknown: 1 });
  });

  it('polls a sending campaign and a scheduled one only when it is due within a minute', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(isLive({ state: 'sending', dueAt: null }, now)).toBe(true);
    expect(isLive({ state: 'scheduled', dueAt: '2026-12-01T10:00:30Z' }, now)).toBe(true);
    expect(isLive({ state: 'scheduled', dueAt: '2026-12-02T10:00:00Z' }, now)).toBe(false);
    expect(isLive({ state: 'sent', dueAt: '2026-12-01T09:00:00Z' }, now)).toBe(false);
  });
});
