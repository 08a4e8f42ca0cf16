import type { DeliveryProgress } from '../api/types.js';

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

/** States whose figures still move, so the views keep polling. */
export function isLive(state: string): boolean {
  return state === 'sending' || state === 'scheduled';
}
