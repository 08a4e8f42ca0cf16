// The statistics endpoints, through the one fetch of SmsApi.
import type { SmsApi } from './sms-api.js';
import type { DeliveryStats, SmsStats, StatsPeriod, SubscriberStats } from './stats-types.js';

export type StatsExport = 'subscribers' | 'deliveries' | 'deliveries-by-campaign' | 'sms';

function query(period: StatsPeriod, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (period.from) params.set('from', period.from);
  if (period.to) params.set('to', period.to);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export class StatsApi {
  constructor(private readonly api: SmsApi) {}

  subscribers = (p: StatsPeriod) => this.api.request<SubscriberStats>('GET', `statistics/subscribers${query(p)}`);
  deliveries = (p: StatsPeriod) => this.api.request<DeliveryStats>('GET', `statistics/deliveries${query(p)}`);
  sms = (p: StatsPeriod) => this.api.request<SmsStats>('GET', `statistics/sms${query(p)}`);

  download(kind: StatsExport, p: StatsPeriod) {
    const path = kind === 'deliveries-by-campaign'
      ? `statistics/deliveries/export${query(p, { by: 'campaign' })}`
      : `statistics/${kind}/export${query(p)}`;
    return this.api.download(path);
  }
}
