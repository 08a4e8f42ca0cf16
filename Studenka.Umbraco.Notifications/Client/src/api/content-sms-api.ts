// A document's "SMS" workspace view: what publishing the page recorded, its campaigns and reminders; "send now".
import type { SmsApi } from './sms-api.js';
import type { Campaign } from './types.js';

export interface ReminderOffset {
  daysBefore: number | null;
  atLocalTime: string | null;
  before: string | null;
}

export interface ScheduledReminder {
  offset: ReminderOffset;
  fireAt: string;
  state: 'scheduled' | 'fired' | 'skipped' | 'cancelled';
  campaignId: number | null;
}

export interface PageAnnouncementView {
  culture: string;
  campaignId: number | null;
  eventStart: string | null;
  publishedBy: string;
  withdrawn: boolean;
  problem: string | null;
  updatedAt: string;
}

export interface PageSmsOverview {
  contentKey: string;
  announcements: PageAnnouncementView[];
  campaigns: Campaign[];
  reminders: ScheduledReminder[];
  remindersAvailable: boolean;
}

export class ContentSmsApi {
  constructor(private readonly api: SmsApi) {}

  overview = (key: string) => this.api.request<PageSmsOverview>('GET', `content/${encodeURIComponent(key)}/campaigns`);
  sendNow = (key: string) => this.api.request<Campaign>('POST', `content/${encodeURIComponent(key)}/send-now`);
}

/** A page's campaign "Odeslat hned" applies to: a draft or a scheduled one, not a fired reminder's. */
export function mayBeSentNow(campaign: Pick<Campaign, 'state'>): boolean {
  return campaign.state === 'draft' || campaign.state === 'scheduled';
}

/** "1d@09:00" / "2h" / "1h30m": the format editors type into smsReminders, for the view. */
export function offsetLabel(offset: ReminderOffset): string {
  if (offset.daysBefore != null && offset.atLocalTime) return `${offset.daysBefore}d@${offset.atLocalTime.slice(0, 5)}`;
  const m = /^(?:(\d+)\.)?(\d{2}):(\d{2})/.exec(offset.before ?? '');
  if (!m) return '?';
  const hours = Number(m[1] ?? 0) * 24 + Number(m[2]);
  const minutes = Number(m[3]);
  return `${hours > 0 ? `${hours}h` : ''}${minutes > 0 ? `${minutes}m` : ''}`;
}
