// Delivery health: the status every role may read, the resume only Administrators may do.
import type { SmsApi } from './sms-api.js';
import type { DeliveryHealth } from './health-types.js';

export class HealthApi {
  constructor(private readonly api: SmsApi) {}

  status = () => this.api.request<DeliveryHealth>('GET', 'delivery/status');
  resume = () => this.api.request<DeliveryHealth>('POST', 'delivery/resume');
  resumeEmail = () => this.api.request<DeliveryHealth>('POST', 'delivery/email/resume');
}
