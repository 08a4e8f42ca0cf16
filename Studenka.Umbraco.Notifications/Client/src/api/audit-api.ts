// The audit log's search, through the one fetch of SmsApi.
import type { SmsApi } from './sms-api.js';
import type { AuditFilter, AuditPage } from './audit-types.js';

export class AuditApi {
  constructor(private readonly api: SmsApi) {}

  search(filter: AuditFilter, skip: number, take: number) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) if (value.trim()) params.set(key, value.trim());
    params.set('skip', String(skip));
    params.set('take', String(take));
    return this.api.request<AuditPage>('GET', `audit/search?${params}`);
  }

  actions = () => this.api.request<string[]>('GET', 'audit/actions');
}
