import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { SmsApi } from '../src/api/sms-api.js';
import { fileNameOf, SubscribersApi } from '../src/api/subscribers-api.js';
import { fieldOf, pageInfo, signUpBody, streetOptions } from '../src/elements/subscribers.js';

const parts = [
  { id: 1, name: 'Butovice', streets: [{ id: 10, name: 'Malá strana' }, { id: 11, name: 'Matiční' }] },
  { id: 2, name: 'Studénka', streets: [{ id: 20, name: 'Požárnická' }, { id: 21, name: 'Stará ulice' }] },
];

describe('streetOptions', () => {
  it('offers the streets of the resident\'s part first, then the rest, never one that waits for mapping itself', () => {
    expect(streetOptions(parts, 2, new Set([21]))).toEqual([
      { id: 20, label: 'Požárnická (Studénka)' },
      { id: 10, label: 'Malá strana (Butovice)' },
      { id: 11, label: 'Matiční (Butovice)' },
    ]);
  });
});

describe('signUpBody', () => {
  const home = { partId: 1, streetId: 10, streetMissing: false, streetName: 'Za Humny', houseNumber: ' 216 ' };
  const fields = { phone: ' 603 123 456 ', name: '  ', email: 'jana@example.cz', addresses: [home], packages: [4, 2, 4], consent: true };

  it('sends blanks as not given and the chosen street, not the typed name', () => {
    expect(signUpBody(fields)).toEqual({
      phone: '603 123 456', name: null, email: 'jana@example.cz',
      addresses: [{ partId: 1, streetId: 10, houseNumber: '216', streetMissing: false, streetName: null }],
      packages: [2, 4], consent: true,
    });
  });

  it('sends the typed name instead of the chosen street when the street is missing from the list', () => {
    expect(signUpBody({ ...fields, addresses: [{ ...home, streetMissing: true }] }).addresses[0]).toMatchObject({ streetId: null, streetMissing: true, streetName: 'Za Humny' });
  });

  it('sends every address the office added, in their order', () => {
    const cottage = { partId: 2, streetId: 21, streetMissing: false, streetName: '', houseNumber: '' };
    expect(signUpBody({ ...fields, addresses: [home, cottage] }).addresses).toEqual([
      { partId: 1, streetId: 10, houseNumber: '216', streetMissing: false, streetName: null },
      { partId: 2, streetId: 21, houseNumber: null, streetMissing: false, streetName: null },
    ]);
  });
});

describe('paging and fields', () => {
  it('numbers the rows shown and knows the neighbours', () => {
    expect(pageInfo(20, 20, 57)).toEqual({ from: 21, to: 40, hasPrevious: true, hasNext: true });
    expect(pageInfo(40, 20, 57)).toEqual({ from: 41, to: 57, hasPrevious: true, hasNext: false });
    expect(pageInfo(0, 20, 0)).toEqual({ from: 0, to: 0, hasPrevious: false, hasNext: false });
  });

  it('puts the API\'s field errors under the form\'s inputs', () => {
    expect(fieldOf('addresses[0].streetId')).toBe('streetId');
    expect(fieldOf('phone')).toBe('phone');
    expect(fieldOf('addresses[0]')).toBe('addresses');
    expect(fieldOf('addresses[2].partId')).toBe('partId-2');
  });
});

describe('SubscribersApi', () => {
  it('downloads the export with the server\'s file name and asks for CSV', async () => {
    const calls: RequestInit[] = [];
    const fetch = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      calls.push(init ?? {});
      return new Response('\uFEFFId;Telefon', { status: 200, headers: { 'Content-Disposition': "attachment; filename=odberatele-2026-11-27.csv; filename*=UTF-8''odberatele-2026-11-27.csv" } });
    }) as unknown as typeof globalThis.fetch;
    const api = new SubscribersApi(new SmsApi({ token: async () => '[redacted]', fetch }));

    const csv = await api.exportCsv();

    expect(csv.fileName).toBe('odberatele-2026-11-27.csv');
    expect(await csv.blob.text()).toContain('Id;Telefon');
    expect((calls[0]!.headers as Record<string, string>).Accept).toBe('text/csv');
  });

  it('shows the server\'s Czech reason when the export is refused', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ title: 'Nedostatečné oprávnění', detail: 'Jen správci.' }), { status: 403 })) as unknown as typeof globalThis.fetch;
    const api = new SubscribersApi(new SmsApi({ token: async () => '[redacted]', fetch }));

    await expect(api.exportCsv()).rejects.toMatchObject({ status: 403, message: 'Jen správci.' });
  });

  it('reads a plain or a UTF-8 file name', () => {
    expect(fileNameOf('attachment; filename="a.csv"')).toBe('a.csv');
    expect(fileNameOf("attachment; filename*=UTF-8''odb%C4%9Bratel%C3%A9.csv")).toBe('odběratelé.csv');
    expect(fileNameOf(null)).toBeUndefined();
  });
});

describe('manifest', () => {
  it('shows the subscribers view to administrators only', () => {
    const manifest = JSON.parse(readFileSync(new URL('../public/umbraco-package.json', import.meta.url), 'utf8'));
    const view = manifest.extensions.find((e: { alias: string }) => e.alias === 'Studenka.Notifications.SectionView.Subscribers');
    expect(view.conditions).toContainEqual({ alias: 'Umb.Condition.CurrentUser.IsAdmin' });
    expect(view.elementName).toBe('studenka-sms-subscribers');
  });
});
