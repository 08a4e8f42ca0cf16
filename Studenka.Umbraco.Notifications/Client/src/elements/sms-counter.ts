// The live count under an SMS text (compose, recurring announcements, the Site's pages): characters,
// encoding and parts, as Campaigns/SmsSegments.cs bills them.
import { html } from '@umbraco-cms/backoffice/external/lit';
import type { SegmentCount } from '../sms/sms-segments.js';

export function smsCounter(t: (key: string) => string, count: SegmentCount, testid: string) {
  return html`<p class="counter" data-testid=${testid} aria-live="polite">
    ${t('characters')}: <b>${count.characters}</b> ·
    ${t('encoding')}: <b>${count.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2'}</b> ·
    ${t('segments')}: <b>${count.segments}</b>
  </p>`;
}
