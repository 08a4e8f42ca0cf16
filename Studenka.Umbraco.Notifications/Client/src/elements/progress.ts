import type { Campaign, CampaignDetails, DeliveryProgress } from '../api/types.js';

/** The five figures staff watch, from the outbox counts (DeliveryProgress in C#). */
export interface ProgressFigures {
  queued: number;
  sent: number;
  delivered: number;
  failed: number;
  unknown: number;
}

export function progressFigures(d: DeliveryProgress): ProgressFigures {
  return {
    queued: d.pending + d.sending,
    // Accepted by the gateway; delivered and failed-on-delivery are reports about accepted messages.
    sent: d.accepted,
    delivered: d.delivered,
    failed: d.failed + d.failedDelivery,
    unknown: d.unknown,
  };
}

const DUE_SOON_MS = 60_000;

/** Whose figures move now, so the views keep polling: sending, or scheduled and due within a minute. */
export function isLive(campaign: Pick<Campaign, 'state' | 'dueAt'>, now = Date.now()): boolean {
  if (campaign.state === 'sending') return true;
  return campaign.state === 'scheduled' && campaign.dueAt !== null && Date.parse(campaign.dueAt) - now <= DUE_SOON_MS;
}

/** Accepted by the gateway and no delivery report yet. */
export function awaitingReports(d: DeliveryProgress): number {
  return Math.max(0, d.accepted - d.delivered - d.failedDelivery);
}

/** How long an open detail keeps asking for delivery reports after its campaign was sent. */
export const REPORTS_WINDOW_MS = 10 * 60_000;

/**
 * Whether an open detail asks again: while its figures move, and after "sent" while reports are still
 * due, for at most REPORTS_WINDOW_MS from when the operator started watching (the browser's clock only).
 */
export function detailIsLive(details: CampaignDetails, watchingSince: number, now = Date.now()): boolean {
  if (isLive(details.campaign, now)) return true;
  return details.campaign.state === 'sent' && awaitingReports(details.delivery) > 0 && now - watchingSince < REPORTS_WINDOW_MS;
}

/** Idle list: one request every this many ticks, so campaigns sent elsewhere appear without "Obnovit". */
export const IDLE_EVERY_TICKS = 5;

/** Whether the list asks again on this tick (ticks counted since its last load). */
export function listPollDue(campaigns: Pick<Campaign, 'state' | 'dueAt'>[], ticksSinceLoad: number, now = Date.now()): boolean {
  return campaigns.some((c) => isLive(c, now)) || ticksSinceLoad >= IDLE_EVERY_TICKS;
}
