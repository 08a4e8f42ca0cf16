import type { Campaign, DeliveryProgress } from '../api/types.js';

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
