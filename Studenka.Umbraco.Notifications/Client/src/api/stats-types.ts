// Shapes of GET statistics/* (Statistics/StatisticsModels.cs), camelCase JSON.

export interface StatsSeries { id: number; name: string; values: number[] }

export interface SubscriberStats { months: string[]; total: number[]; packages: StatsSeries[]; cityParts: StatsSeries[] }

export const OUTCOMES = ['delivered', 'accepted', 'failedDelivery', 'failed', 'unknown', 'pending', 'cancelled'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type OutcomeCounts = Record<Outcome, number> & { total: number };

export interface MonthDeliveries { month: string; counts: OutcomeCounts }
export interface CampaignDeliveries { campaignId: number; packageId: number; text: string; createdAt: string; state: string; counts: OutcomeCounts }
export interface DeliveryStats { months: string[]; byMonth: MonthDeliveries[]; byCampaign: CampaignDeliveries[] }

export interface MonthSms { month: string; sms: number; segments: number; costCzk: number }
export interface SmsStats { months: string[]; pricePerSegmentCzk: number; byMonth: MonthSms[] }

/** Months as yyyy-MM (Prague); empty = the API's default (the last 12 months). */
export interface StatsPeriod { from: string; to: string }
