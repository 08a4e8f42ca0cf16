// The subscriber view's calls, through SmsApi's one fetch/error path (bearer, cookies, Czech problem text).
import type { SmsApi } from './sms-api.js';
import type {
  AddressesNeedingMapping, AddressMove, AssistedActive, AssistedCodeSent, AssistedSignUp, CsvDownload, SubscriberCounts, SubscriberPage,
} from './subscribers-types.js';

export class SubscribersApi {
  constructor(private readonly api: SmsApi) {}

  search = (query: string, skip = 0, take = 20) =>
    this.api.request<SubscriberPage>('GET', `subscribers?q=${encodeURIComponent(query)}&skip=${skip}&take=${take}`);
  counts = () => this.api.request<SubscriberCounts>('GET', 'subscribers/counts');
  remove = (id: number) => this.api.request<void>('DELETE', `subscribers/${id}`);
  sendCode = (signUp: AssistedSignUp) => this.api.request<AssistedCodeSent>('POST', 'subscribers/assisted/code', signUp);
  confirm = (token: string, code: string) => this.api.request<AssistedActive>('POST', 'subscribers/assisted/confirm', { token, code });
  writtenConsent = (signUp: AssistedSignUp) => this.api.request<AssistedActive>('POST', 'subscribers/assisted/written-consent', signUp);
  needsMapping = () => this.api.request<AddressesNeedingMapping>('GET', 'areas/needs-mapping');
  mapUnlisted = (cityPartId: number, name: string, streetId: number) =>
    this.api.request<AddressMove>('POST', 'areas/unlisted-streets/mapping', { cityPartId, name, streetId });

  /** The CSV as the server named it (Content-Disposition), to hand to the browser as a download. */
  async exportCsv(): Promise<CsvDownload> {
    const response = await this.api.send('GET', 'subscribers/export', undefined, undefined, 'text/csv');
    return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('Content-Disposition')) ?? 'odberatele.csv' };
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
