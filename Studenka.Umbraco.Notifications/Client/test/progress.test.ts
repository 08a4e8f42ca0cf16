import { describe, expect, it } from 'vitest';
import type { CampaignDetails, DeliveryProgress } from '../src/api/types.js';
import { awaitingReports, detailIsLive, listPollDue, REPORTS_WINDOW_MS } from '../src/elements/progress.js';

const delivery = (d: Partial<DeliveryProgress>): DeliveryProgress => ({
  campaignId: 1, total: 0, pending: 0, sending: 0, accepted: 0, failed: 0, unknown: 0, cancelled: 0, delivered: 0, failedDelivery: 0, ...d,
});
const details = (state: CampaignDetails['campaign']['state'], d: Partial<DeliveryProgress>) =>
  ({ campaign: { state, dueAt: null }, delivery: delivery(d) }) as unknown as CampaignDetails;

describe('awaitingReports', () => {
  it('counts SMS the gateway accepted that have no delivery report yet', () => {
    expect(awaitingReports(delivery({ accepted: 5, delivered: 2, failedDelivery: 1 }))).toBe(2);
    expect(awaitingReports(delivery({ accepted: 3, delivered: 3 }))).toBe(0);
  });
});

describe('detailIsLive', () => {
  const opened = 1_000_000;

  it('keeps polling after "sent" while delivery reports are still due', () => {
    expect(detailIsLive(details('sent', { accepted: 3, delivered: 1 }), opened, opened + 60_000)).toBe(true);
  });

  it('stops once every report arrived, or after the reports window', () => {
    expect(detailIsLive(details('sent', { accepted: 3, delivered: 3 }), opened, opened + 60_000)).toBe(false);
    expect(detailIsLive(details('sent', { accepted: 3 }), opened, opened + REPORTS_WINDOW_MS + 1)).toBe(false);
  });

  it('polls while sending and not for a cancelled campaign', () => {
    expect(detailIsLive(details('sending', {}), opened, opened)).toBe(true);
    expect(detailIsLive(details('cancelled', { accepted: 2 }), opened, opened)).toBe(false);
  });
});

describe('listPollDue', () => {
  it('asks every tick while a campaign moves, otherwise now and then so new campaigns appear', () => {
    const sending = [{ state: 'sending' as const, dueAt: null }];
    const idle = [{ state: 'sent' as const, dueAt: null }];
    expect(listPollDue(sending, 1)).toBe(true);
    expect(listPollDue(idle, 1)).toBe(false);
    expect(listPollDue(idle, 5)).toBe(true);
    expect(listPollDue([], 5)).toBe(true);
  });
});
