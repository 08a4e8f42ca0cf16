// The one way the backoffice extension talks to /umbraco/sms/api/v1. Kept free of backoffice imports so
// it runs in vitest; the elements pass the auth context's getLatestToken as `token`.
import type {
  AreaPart, Campaign, CampaignDetails, CampaignDraft, CampaignPage, CampaignPreview, Me, PackageItem,
  RecipientPage, Template,
} from './types.js';

export const API_BASE = '/umbraco/sms/api/v1';

/** An error answer of the API, with the Czech text the server wrote (problem JSON detail or title). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly title: string | undefined,
    /** Field errors of a validation problem (field → messages). */
    readonly errors: Readonly<Record<string, string[]>>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface SmsApiOptions {
  /** The backoffice token: `[redacted]` in v17; the real one travels in the HttpOnly cookie. */
  token: () => Promise<string>;
  fetch?: typeof fetch;
  base?: string;
}

export class SmsApi {
  readonly #token: () => Promise<string>;
  readonly #fetch: typeof fetch;
  readonly #base: string;

  constructor(options: SmsApiOptions) {
    this.#token = options.token;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#base = options.base ?? API_BASE;
  }

  me = () => this.request<Me>('GET', 'me');
  packages = () => this.request<PackageItem[]>('GET', 'packages');
  areas = () => this.request<AreaPart[]>('GET', 'areas');
  templates = () => this.request<Template[]>('GET', 'templates');
  preview = (draft: CampaignDraft, signal?: AbortSignal) => this.request<CampaignPreview>('POST', 'campaigns/preview', draft, signal);
  create = (draft: CampaignDraft) => this.request<Campaign>('POST', 'campaigns', draft);
  list = (skip = 0, take = 20) => this.request<CampaignPage>('GET', `campaigns?skip=${skip}&take=${take}`);
  get = (id: number) => this.request<CampaignDetails>('GET', `campaigns/${id}`);
  recipients = (id: number, status = '', skip = 0, take = 100) =>
    this.request<RecipientPage>('GET', `campaigns/${id}/recipients?status=${encodeURIComponent(status)}&skip=${skip}&take=${take}`);
  cancel = (id: number, reason?: string) => this.request<Campaign>('POST', `campaigns/${id}/cancel`, { reason: reason ?? null });
  resendFailed = (id: number) => this.request<Campaign>('POST', `campaigns/${id}/resend-failed`);

  async request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const content = body === undefined ? undefined : { body: JSON.stringify(body), type: 'application/json' };
    const response = await this.send(method, path, 'application/json', content, signal);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  /** Like `request`, with a body that is not JSON (a file upload streams as it is). */
  async upload<T>(path: string, content: { body: BodyInit; type: string }): Promise<T> {
    return (await (await this.send('POST', path, 'application/json', content)).json()) as T;
  }

  /** A file the API serves (CSV), with the name from Content-Disposition. */
  async download(path: string, fallbackName = 'export.csv', accept = 'text/csv, application/problem+json'): Promise<{ blob: Blob; fileName: string }> {
    const response = await this.send('GET', path, accept);
    return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('Content-Disposition')) ?? fallbackName };
  }

  /** The one fetch: bearer, cookies, the body as given; an error answer becomes an ApiError with the server's Czech text. */
  async send(method: string, path: string, accept: string, content?: { body: BodyInit; type: string }, signal?: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = {
      Accept: accept,
      Authorization: `Bearer ${await this.#token()}`,
    };
    if (content) headers['Content-Type'] = content.type;
    const init: RequestInit = { method, headers, credentials: 'include' };
    if (content) init.body = content.body;
    if (signal) init.signal = signal;
    const response = await this.#fetch(`${this.#base}/${path}`, init);
    if (!response.ok) throw await toApiError(response);
    return response;
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  let problem: { title?: string; detail?: string; errors?: Record<string, string[]> } = {};
  try {
    problem = (await response.json()) ?? {};
  } catch {
    // Not JSON (a proxy's HTML page): fall back to the status text below.
  }
  const errors = problem.errors ?? {};
  const fieldMessages = Object.values(errors).flat();
  const message = problem.detail ?? (fieldMessages.length ? fieldMessages.join(' ') : undefined) ?? problem.title ?? `HTTP ${response.status}`;
  return new ApiError(response.status, message, problem.title, errors);
}

/**
 * `GET me` once per token: compose, health, the page views and the rest ask what the operator may do
 * as they open, and the answer only changes with a new sign-in. A failed answer is not kept.
 */
export class MeCache {
  #token: string | undefined;
  #me: Promise<Me> | undefined;

  get(token: string, fetchMe: () => Promise<Me>): Promise<Me> {
    if (this.#me && this.#token === token) return this.#me;
    this.#token = token;
    const me = (this.#me = fetchMe());
    me.catch(() => {
      if (this.#me === me) this.#me = undefined;
    });
    return me;
  }
}

/**
 * Runs requests so that only the answer to the newest one counts: an older preview that arrives late
 * (typing fast on a slow link) must never overwrite a newer one. The older request is also aborted.
 */
export class LatestOnly<T> {
  #generation = 0;
  #controller: AbortController | undefined;

  /** Resolves with the answer, or with undefined when a newer call superseded this one. */
  async run(work: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    const generation = ++this.#generation;
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    try {
      const result = await work(controller.signal);
      return generation === this.#generation ? result : undefined;
    } catch (error) {
      if (generation !== this.#generation) return undefined;
      throw error;
    }
  }

  /** Makes any answer in flight stale (e.g. the form was emptied). */
  invalidate(): void {
    this.#generation++;
    this.#controller?.abort();
  }
}

/** The file name of a Content-Disposition header, preferring the UTF-8 `filename*` form. */
export function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended) return decodeURIComponent(extended[1]!.trim());
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1]!.trim() : undefined;
}
