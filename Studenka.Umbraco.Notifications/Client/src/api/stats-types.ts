// Shapes of GET statistics/* (Statistics/StatisticsModels.cs), camelCase JSON.

export interface StatsSeries { id: number; name: string; values: number[] }

export interface SubscriberStats { months: string[]; total: number[]; packages: StatsSeries[]; cityParts: StatsSeries[] }

export const OUTCOMES = ['delivered', 'accepted', 'failedDelivery', 'failed', 'unknown', 'pending', 'cancelled'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type OutcomeCounts = Record<Outcome, number> & { total: number };

/** `counts` over every channel, `sms` and `email` its split. */
export interface ChannelCounts { counts: OutcomeCounts; sms: OutcomeCounts; email: OutcomeCounts }
export type DeliveryChannel = keyof ChannelCounts;
export const DELIVERY_CHANNELS: readonly DeliveryChannel[] = ['counts', 'sms', 'email'];
export interface MonthDeliveries extends ChannelCounts { month: string }
export interface CampaignDeliveries extends ChannelCounts { campaignId: number; packageId: number; text: string; createdAt: string; state: string }
export interface DeliveryStats { months: string[]; byMonth: MonthDeliveries[]; byCampaign: CampaignDeliveries[] }

export interface MonthSms { month: string; sms: number; segments: number; costCzk: number }
export interface SmsStats { months: string[]; pricePerSegmentCzk: number; byMonth: MonthSms[] }

/** Months as yyyy-MM (Prague); empty = the API's default (the last 12 months). */
export interface StatsPeriod { from: string; to: string }
