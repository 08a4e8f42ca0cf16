// The recurring announcements' calls (Administrators), as Reminders/RecurringAnnouncements.cs defines them.
import type { SmsApi } from './sms-api.js';

export interface RecurringInput {
  name: string;
  cron: string;
  text: string;
  packageId: number | null;
  cityPartIds: number[];
  streetIds: number[];
  /** Every n-th week of the cron's days, counted from `startsOn`'s week. */
  weekInterval: number;
  /** "yyyy-MM-dd"; null = today. */
  startsOn: string | null;
}

export interface RecurringAnnouncement {
  id: number;
  name: string;
  cron: string;
  weekInterval: number;
  startsOn: string;
  text: string;
  packageId: number;
  cityPartIds: number[];
  streetIds: number[];
  nextFireAt: string | null;
  /** The next firings that send (holidays and resting weeks left out). */
  nextFirings: string[];
  lastFiredAt: string | null;
  lastCampaignId: number | null;
  updatedBy: string;
  updatedAt: string;
}

export class RecurringApi {
  constructor(private readonly api: SmsApi) {}

  list = () => this.api.request<RecurringAnnouncement[]>('GET', 'recurring');
  create = (input: RecurringInput) => this.api.request<RecurringAnnouncement>('POST', 'recurring', input);
  update = (id: number, input: RecurringInput) => this.api.request<RecurringAnnouncement>('PUT', `recurring/${id}`, input);
  remove = (id: number) => this.api.request<void>('DELETE', `recurring/${id}`);
}
