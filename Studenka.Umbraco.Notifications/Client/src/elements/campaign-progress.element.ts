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
    return html`${tag('queued', 'default')}${tag('sent', 'default')}${tag('delivered', 'positive')}${tag('failed', 'danger')}${tag('unknown', 'warning')}`;
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
