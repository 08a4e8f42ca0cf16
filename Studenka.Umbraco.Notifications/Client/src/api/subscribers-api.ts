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
  exportCsv = (): Promise<CsvDownload> => this.api.download('subscribers/export', 'odberatele.csv', 'text/csv');
}

export { fileNameOf } from './sms-api.js';
