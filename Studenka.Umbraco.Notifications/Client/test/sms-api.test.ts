import { describe, expect, it, vi } from 'vitest';
import { ApiError, LatestOnly, SmsApi } from '../src/api/sms-api.js';

function recorder(status: number, body: unknown, contentType = 'application/json') {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
  });
  return { calls, fetch: fetch as unknown as typeof globalThis.fetch };
}

describe('SmsApi', () => {
  it('sends the latest token as bearer and includes the cookies that carry the real one', async () => {
    const { calls, fetch } = recorder(200, { role: 'Dispatch', packages: [1, 2] });
    let n = 0;
    const api = new SmsApi({ token: async () => `[redacted]${n++ ? '-refreshed' : ''}`, fetch });

    const me = await api.me();
    await api.me();

    expect(me.packages).toEqual([1, 2]);
    expect(calls[0]!.url).toBe('/umbraco/sms/api/v1/me');
    expect(calls[0]!.init.credentials).toBe('include');
    expect((calls[0]!.init.headers as Record<string, string>).Authorization).toBe('Bearer [redacted]');
    expect((calls[1]!.init.headers as Record<string, string>).Authorization).toBe('Bearer [redacted]-refreshed');
  });

  it('posts JSON bodies with a JSON content type (the API refuses other writes)', async () => {
    const { calls, fetch } = recorder(200, { recipients: 3 });
    const api = new SmsApi({ token: async () => '[redacted]', fetch });

    await api.preview({ packageId: 1, cityPartIds: [], streetIds: [5], text: 'Povodeň', diacritics: 'keep' });

    expect(calls[0]!.url).toBe('/umbraco/sms/api/v1/campaigns/preview');
    expect(calls[0]!.init.method).toBe('POST');
    expect((calls[0]!.init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(JSON.parse(String(calls[0]!.init.body))).toMatchObject({ streetIds: [5], text: 'Povodeň' });
  });

  it('turns a problem JSON into an error carrying the Czech detail', async () => {
    const { fetch } = recorder(409, { title: 'Akci nelze provést', detail: 'Kampaň už byla odeslána.', status: 409 }, 'application/problem+json');
    const api = new SmsApi({ token: async () => '[redacted]', fetch });

    const error = await api.cancel(7).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
    expect((error as ApiError).message).toBe('Kampaň už byla odeslána.');
    expect((error as ApiError).title).toBe('Akci nelze provést');
  });

  it('uses the field messages of a validation problem when it has no detail, else the title', async () => {
    const validation = recorder(400, { title: 'Kampaň obsahuje chyby.', errors: { text: ['Text zprávy chybí.'] } }, 'application/problem+json');
    const forbidden = recorder(403, { title: 'Přístup odepřen' }, 'application/problem+json');
    const html = recorder(502, '<html>Bad gateway</html>', 'text/html');

    const e1 = await new SmsApi({ token: async () => 't', fetch: validation.fetch }).create({ packageId: 1, cityPartIds: [1], streetIds: [], text: '', diacritics: 'keep' }).catch((e: unknown) => e);
    const e2 = await new SmsApi({ token: async () => 't', fetch: forbidden.fetch }).me().catch((e: unknown) => e);
    const e3 = await new SmsApi({ token: async () => 't', fetch: html.fetch }).me().catch((e: unknown) => e);

    expect((e1 as ApiError).message).toBe('Text zprávy chybí.');
    expect((e1 as ApiError).errors).toEqual({ text: ['Text zprávy chybí.'] });
    expect((e2 as ApiError).message).toBe('Přístup odepřen');
    expect((e3 as ApiError).message).toBe('HTTP 502');
  });
});

describe('LatestOnly', () => {
  function deferred<T>() {
    let resolve!: (v: T) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
    return { promise, resolve, reject };
  }

  it('drops an older answer that arrives after a newer one and aborts the older request', async () => {
    const latest = new LatestOnly<string>();
    const first = deferred<string>();
    const second = deferred<string>();
    let firstSignal: AbortSignal | undefined;

    const a = latest.run((signal) => ((firstSignal = signal), first.promise));
    const b = latest.run(() => second.promise);
    second.resolve('new');
    first.resolve('old');

    expect(await b).toBe('new');
    expect(await a).toBeUndefined();
    expect(firstSignal!.aborted).toBe(true);
  });

  it('swallows the failure of a superseded request but reports the failure of the newest', async () => {
    const latest = new LatestOnly<string>();
    const first = deferred<string>();
    const a = latest.run(() => first.promise);
    const b = latest.run(async () => {
      throw new Error('Kampaň obsahuje chyby.');
    });
    first.reject(new DOMException('aborted', 'AbortError'));

    expect(await a).toBeUndefined();
    await expect(b).rejects.toThrow('Kampaň obsahuje chyby.');
  });

  it('makes an answer in flight stale after invalidate', async () => {
    const latest = new LatestOnly<string>();
    const first = deferred<string>();
    const a = latest.run(() => first.promise);
    latest.invalidate();
    first.resolve('late');
    expect(await a).toBeUndefined();
  });
});
