// Shapes of the management API (camelCase JSON), as the C# records in Campaigns/ and Web/Management/ define them.

export type Role = 'Administrator' | 'Editor' | 'Dispatch';

export interface Me {
  userName: string;
  displayName: string;
  role: Role;
  roleName: string;
  /** The packages this operator may send. */
  packages: number[];
  seesPersonalData: boolean;
  /** May open a campaign's per-recipient list; Editors see counts only. */
  seesRecipients: boolean;
  mayExport: boolean;
  administration: boolean;
  /** May open the statistics (Administrators and Editors). */
  seesStatistics?: boolean;
  /** The senders compose offers, the configured default first (absent from older servers: the default only). */
  senders?: string[];
}

export interface PackageItem { id: number; name: string; description: string; forMessages: boolean }
export interface AreaStreet { id: number; name: string }
export interface AreaPart { id: number; name: string; streets: AreaStreet[] }
export interface Template { key: string; name: string; package: number; text: string }

export interface CampaignDraft {
  packageId: number | null;
  cityPartIds: number[];
  streetIds: number[];
  text: string;
  diacritics: 'keep' | 'transliterate';
  schedule?: { sendAt: string | null } | null;
  /** The sender shown on phones; absent = the configured default. */
  originator?: string;
}

export interface CampaignPreview {
  recipients: number;
  characters: number;
  encoding: string;
  segmentsPerSms: number;
  totalSegments: number;
  estimatedCostCzk: number;
  sentText: string;
  requestedAt: string;
  dueAt: string;
  quietHoursApply: boolean;
  originator: string;
  addressesNeedingMapping: number;
  /** Outbox rows per channel: `recipients` (and the cost) are the SMS; e-mail costs nothing. Absent from servers before e-mail. */
  recipientsByChannel?: { sms: number; email: number };
}

export type CampaignState = 'draft' | 'scheduled' | 'sending' | 'sent' | 'cancelled' | 'failed';

export interface Campaign {
  id: number;
  packageId: number;
  cityPartIds: number[];
  streetIds: number[];
  text: string;
  body: string;
  encoding: string;
  segments: number;
  createdBy: string;
  state: CampaignState;
  requestedAt: string | null;
  dueAt: string | null;
  recipientCount: number | null;
  failureReason: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** Where its SMS are; GET campaigns fills it for every item. */
  delivery?: DeliveryProgress | null;
}

export interface DeliveryProgress {
  campaignId: number;
  total: number;
  pending: number;
  sending: number;
  accepted: number;
  failed: number;
  unknown: number;
  cancelled: number;
  delivered: number;
  failedDelivery: number;
  /** The e-mail part of the numbers above (the SMS part is the rest); absent from servers before e-mail. */
  email?: ChannelProgress;
}

/** One channel's share of a campaign (ChannelProgress in C#). */
export interface ChannelProgress { total: number; waiting: number; accepted: number; failed: number; unknown: number; cancelled: number }

export interface CampaignDetails { campaign: Campaign; delivery: DeliveryProgress }
export interface CampaignPage { items: Campaign[]; total: number; skip: number; take: number }

export type RecipientStatus = 'pending' | 'sending' | 'accepted' | 'delivered' | 'failed' | 'unknown' | 'cancelled';
/** `phone` is the address: a phone number, or an e-mail when `channel` is "email". */
export interface Recipient { phone: string; status: RecipientStatus; updatedAt: string; error: string | null; channel?: 'sms' | 'email' }
export interface RecipientPage { total: number; items: Recipient[] }
