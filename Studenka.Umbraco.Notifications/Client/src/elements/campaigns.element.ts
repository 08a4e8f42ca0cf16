import { css, customElement, html, nothing, state } from '@umbraco-cms/backoffice/external/lit';
import type { SmsApi } from '../api/sms-api.js';
import type { Campaign, Me } from '../api/types.js';
import { apiFor, CAMPAIGN_CREATED, meFor, notifyError, pragueTime } from './host.js';
import { listPollDue } from './progress.js';
import './campaign-detail.element.js';
import './campaign-progress.element.js';
import { StudenkaSmsElement } from './studenka-element.js';

const POLL_MS = 3000;

/** Campaigns view: the list with live progress; a click opens the detail. */
@customElement('studenka-sms-campaigns')
export class StudenkaSmsCampaignsElement extends StudenkaSmsElement {
  @state() private me?: Me;
  @state() private items: Campaign[] = [];
  @state() private openId: number | null = null;
  @state() private loaded = false;

  #api?: SmsApi;
  #poll?: ReturnType<typeof setInterval>;
  #ticks = 0;
  #created = () => void this.#load().catch((e) => notifyError(this, e));

  override async connectedCallback() {
    super.connectedCallback();
    window.addEventListener(CAMPAIGN_CREATED, this.#created);
    try {
      this.#api = await apiFor(this);
      this.me = await meFor(this);
      await this.#load();
    } catch (error) {
      await notifyError(this, error);
    }
    this.#poll = setInterval(() => void this.#tick(), POLL_MS);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener(CAMPAIGN_CREATED, this.#created);
    clearInterval(this.#poll);
  }

  /** One request for the page: every item carries its delivery counts. */
  async #load() {
    const page = await this.#api!.list(0, 20);
    this.#ticks = 0;
    this.items = page.items;
    this.loaded = true;
  }

  /** Every tick while a campaign moves, now and then when idle (a campaign sent elsewhere appears). */
  async #tick() {
    this.#ticks++;
    if (!this.#api || this.openId !== null || !listPollDue(this.items, this.#ticks)) return;
    try {
      await this.#load();
    } catch (error) {
      await notifyError(this, error);
    }
  }


  override render() {
    if (this.openId !== null && this.#api && this.me) {
      return html`<studenka-sms-campaign-detail .api=${this.#api} .me=${this.me} .campaignId=${this.openId}
        @close=${() => { this.openId = null; void this.#load().catch((e) => notifyError(this, e)); }}></studenka-sms-campaign-detail>`;
    }
    return html`
      <uui-box headline=${this.t('campaignsTitle')}>
        <uui-button slot="header-actions" data-testid="campaigns-refresh" label=${this.t('refresh')}
          @click=${() => this.#load().catch((e) => notifyError(this, e))}></uui-button>
        ${!this.loaded ? html`<uui-loader-bar></uui-loader-bar>` : nothing}
        ${this.loaded && this.items.length === 0 ? html`<p>${this.t('empty')}</p>` : nothing}
        <ul data-testid="campaigns-list">
          ${this.items.map(
            (c) => html`<li data-testid=${`campaign-${c.id}`} data-state=${c.state}>
              <div class="head">
                <uui-button look="outline" data-testid=${`campaign-open-${c.id}`}
                  label=${`${this.t('detail')} #${c.id}`} @click=${() => (this.openId = c.id)}>#${c.id}</uui-button>
                <uui-tag data-testid=${`campaign-state-${c.id}`}>${this.t(`state_${c.state}`)}</uui-tag>
                <small>${pragueTime(this, c.createdAt)} · ${c.createdBy}</small>
              </div>
              <p class="text">${c.text}</p>
              <studenka-sms-campaign-progress .delivery=${c.delivery ?? undefined}></studenka-sms-campaign-progress>
            </li>`,
          )}
        </ul>
      </uui-box>
    `;
  }

  static override styles = css`
    :host { display: block; padding: var(--uui-size-layout-1); }
    ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: var(--uui-size-space-4); }
    li { border-bottom: 1px solid var(--uui-color-divider); padding-bottom: var(--uui-size-space-3); }
    .head { display: flex; flex-wrap: wrap; align-items: center; gap: var(--uui-size-space-3); }
    .text { white-space: pre-wrap; word-break: break-word; margin: var(--uui-size-space-2) 0; }
    @media (max-width: 600px) { :host { padding: var(--uui-size-space-3); } }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'studenka-sms-campaigns': StudenkaSmsCampaignsElement;
  }
}
