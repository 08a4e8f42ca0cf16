import { describe, expect, it, vi } from 'vitest';
import { ApiError, SmsApi } from '../src/api/sms-api.js';
import { StatsApi } from '../src/api/stats-api.js';
import { AuditApi } from '../src/api/audit-api.js';

function recorder(status: number, body: string, headers: Record<string, string>) {
  const urls: string[] = [];
  const fetch = vi.fn(async (url: string | URL | Request) => {
    urls.push(String(url));
    return new Response(body, { status, headers });
  });
  return { urls, api: new SmsApi({ token: async () => '[redacted]', fetch: fetch as unknown as typeof globalThis.fetch }) };
}

describe('StatsApi', () => {
  it('asks for the chosen months and leaves them out for the default period', async () => {
    const { urls, api } = recorder(200, '{"months":[]}', { 'Content-Type': 'application/json' });
    const stats = new StatsApi(api);

    await stats.subscribers({ from: '2026-01', to: '2026-06' });
    await stats.sms({ from: '', to: '' });

    expect(urls).toEqual(['/umbraco/sms/api/v1/statistics/subscribers?from=2026-01&to=2026-06', '/umbraco/sms/api/v1/statistics/sms']);
  });

  it('downloads the CSV under the name the server gives it', async () => {
    const { urls, api } = recorder(200, 'month,sms\r\n', {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': "attachment; filename=statistika-sms-a-naklady-2026-01-2026-12.csv; filename*=UTF-8''statistika-sms-a-naklady-2026-01-2026-12.csv",
    });

    const file = await new StatsApi(api).download('deliveries-by-campaign', { from: '2026-01', to: '' });

    expect(urls[0]).toBe('/umbraco/sms/api/v1/statistics/deliveries/export?from=2026-01&by=campaign');
    expect(file.fileName).toBe('statistika-sms-a-naklady-2026-01-2026-12.csv');
    expect(await file.blob.text()).toBe('month,sms\r\n');
  });

  it('turns a refused download into the server\'s Czech message', async () => {
    const { api } = recorder(403, '{"title":"Nedostatečné oprávnění","detail":"Role Dispečink nevidí statistiky."}', { 'Content-Type': 'application/problem+json' });

    await expect(new StatsApi(api).download('sms', { from: '', to: '' })).rejects.toEqual(expect.any(ApiError));
    await expect(new StatsApi(api).download('sms', { from: '', to: '' })).rejects.toThrow('Role Dispečink nevidí statistiky.');
  });
});

describe('AuditApi', () => {
  it('sends only the filters filled in, trimmed, with the page', async () => {
    const { urls, api } = recorder(200, '{"total":0,"items":[]}', { 'Content-Type': 'application/json' });

    await new AuditApi(api).search({ actor: ' Jana ', action: 'campaign.', from: '', to: '2026-11-27', q: '' }, 50, 50);

    expect(urls[0]).toBe('/umbraco/sms/api/v1/audit/search?actor=Jana&action=campaign.&to=2026-11-27&skip=50&take=50');
  });
});
