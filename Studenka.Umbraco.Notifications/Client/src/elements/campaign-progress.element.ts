import { css, customElement, html, property } from '@umbraco-cms/backoffice/external/lit';
import { UmbLitElement } from '@umbraco-cms/backoffice/lit-element';
import type { DeliveryProgress } from '../api/types.js';
import { progressFigures } from './progress.js';

/** queued / sent / delivered / failed / unknown, as tags that wrap on a phone. */
@customElement('studenka-sms-campaign-progress')
export class StudenkaSmsCampaignProgressElement extends UmbLitElement {
  @property({ attribute: false }) delivery?: DeliveryProgress;

  override render() {
    if (!this.delivery) return html`<uui-loader-circle></uui-loader-circle>`;
    const f = progressFigures(this.delivery);
    const tag = (key: keyof typeof f, color: string) =>
      html`<uui-tag look="secondary" color=${color} data-testid=${`progress-${key}`} data-value=${f[key]}
        >${this.localize.term(`studenkaSms_${key}`)}: ${f[key]}</uui-tag>`;
    // The figures above are over both channels; the e-mail part is named on its own, so an operator
    // sees how many of them were e-mails (delivery reports exist for SMS only).
    const email = this.delivery.email;
    return html`${tag('queued', 'default')}${tag('sent', 'default')}${tag('delivered', 'positive')}${tag('failed', 'danger')}${tag('unknown', 'warning')}
      ${email && email.total > 0
        ? html`<uui-tag look="outline" data-testid="progress-email" data-total=${email.total} data-accepted=${email.accepted}
            >${this.localize.term('studenkaSms_progressEmail', email.accepted, email.total, email.failed + email.unknown)}</uui-tag>`
        : ''}`;
  }

  static override styles = css`
    :host { display: flex; flex-wrap: wrap; gap: var(--uui-size-space-2); }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'studenka-sms-campaign-progress': StudenkaSmsCampaignProgressElement;
  }
}
