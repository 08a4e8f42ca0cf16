import { css, customElement, html, nothing, property, state } from '@umbraco-cms/backoffice/external/lit';
import type { SmsApi } from '../api/sms-api.js';
import type { CampaignDetails, Me, Recipient } from '../api/types.js';
import { notifyError, pragueTime } from './host.js';
import { detailIsLive, progressFigures } from './progress.js';
import './campaign-progress.element.js';
import { StudenkaSmsElement } from './studenka-element.js';

const POLL_MS = 3000;
const PAGE = 100;

/** One campaign: progress, per-recipient status (masked by the server), cancel, resend to failed only. */
@customElement('studenka-sms-campaign-detail')
export class StudenkaSmsCampaignDetailElement extends StudenkaSmsElement {
  @property({ attribute: false }) api!: SmsApi;
  @property({ attribute: false }) me!: Me;
  @property({ type: Number }) campaignId = 0;
  @state() private details?: CampaignDetails;
  @state() private recipients: Recipient[] = [];
  @state() private total = 0;

  #poll?: ReturnType<typeof setInterval>;
  #watchingSince = Date.now();

  override connectedCallback() {
    super.connectedCallback();
    this.#watchingSince = Date.now();
    void this.#load();
    // Past "sent" too: the delivery reports arrive over the next minutes.
    this.#poll = setInterval(() => {
      if (this.details && detailIsLive(this.details, this.#watchingSince)) void this.#load();
    }, POLL_MS);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.#poll);
  }

  /**
   * Progress and recipients load independently: a refused recipient list must not hide the progress.
   * Who may not see recipients (GET me: Editors) is not asked for them; the counts are all they get.
   */
  async #load(more = false) {
    const skip = more ? this.recipients.length : 0;
    const take = more ? PAGE : Math.max(PAGE, this.recipients.length);
    const [details, page] = await Promise.allSettled([
      this.api.get(this.campaignId),
      this.me.seesRecipients ? this.api.recipients(this.campaignId, '', skip, take) : Promise.resolve(undefined),
    ]);
    if (details.status === 'fulfilled') this.details = details.value;
    else await notifyError(this, details.reason);
    if (page.status === 'fulfilled') {
      if (!page.value) return;
      this.recipients = more ? [...this.recipients, ...page.value.items] : page.value.items;
      this.total = page.value.total;
    } else if (details.status === 'fulfilled') {
      await notifyError(this, page.reason);
    }
  }

  #act(action: () => Promise<unknown>, done: string) {
    return this.act(async () => {
      await action();
      await this.#load();
    }, this.t(done));
  }


  override render() {
    const d = this.details;
    const back = html`<uui-button data-testid="detail-back" label=${this.t('back')} look="secondary"
      @click=${() => this.dispatchEvent(new CustomEvent('close'))}></uui-button>`;
    if (!d) return html`${back}<uui-loader-bar></uui-loader-bar>`;
    const c = d.campaign;
    // The UI offers only what the API would allow this operator (GET me): their packages.
    const mine = this.me.packages.includes(c.packageId);
    const cancellable = mine && ['draft', 'scheduled', 'sending'].includes(c.state);
    const failed = progressFigures(d.delivery).failed;
    return html`
      ${back}
      <uui-box headline=${`#${c.id} · ${this.t(`state_${c.state}`)}`} data-testid="detail" data-state=${c.state}>
        <p class="text">${c.body}</p>
        <p><small>${this.t('package')} ${c.packageId} · ${this.t('created')} ${pragueTime(this, c.createdAt)} · ${c.createdBy}</small></p>
        ${c.failureReason ? html`<p class="error">${c.failureReason}</p>` : nothing}
        <studenka-sms-campaign-progress .delivery=${d.delivery}></studenka-sms-campaign-progress>
        <div class="actions">
          ${cancellable
            ? html`<uui-button data-testid="detail-cancel" color="danger" look="secondary" label=${this.t('cancelCampaign')} ?disabled=${this.busy}
                @click=${() => this.#act(() => this.api.cancel(c.id), 'cancelled')}></uui-button>`
            : nothing}
          ${mine && failed > 0 && ['sent', 'failed', 'cancelled'].includes(c.state)
            ? html`<uui-button data-testid="detail-resend-failed" look="primary" label=${this.t('resendFailed')} ?disabled=${this.busy}
                @click=${() => this.#act(() => this.api.resendFailed(c.id), 'resent')}></uui-button>`
            : nothing}
        </div>
      </uui-box>
      ${this.me.seesRecipients ? this.#renderRecipients() : nothing}
    `;
  }

  #renderRecipients() {
    return html`
      <uui-box headline=${`${this.t('recipientsTitle')} (${this.total})`}>
        <ul data-testid="detail-recipients">
          ${this.recipients.map(
            (r) => html`<li data-status=${r.status}>
              <span class="phone" data-channel=${r.channel ?? 'sms'}>${r.channel === 'email' ? html`<uui-icon name="icon-message"></uui-icon> ` : ''}${r.phone}</span>
              <uui-tag look="secondary">${this.t(`status_${r.status}`)}</uui-tag>
              <small>${pragueTime(this, r.updatedAt)}</small>
              ${r.error ? html`<small class="error">${r.error}</small>` : nothing}
            </li>`,
          )}
        </ul>
        ${this.recipients.length < this.total
          ? html`<uui-button data-testid="detail-more" label=${this.t('showMore')} @click=${() => this.#load(true)}></uui-button>`
          : nothing}
      </uui-box>
    `;
  }

  static override styles = css`
    :host { display: flex; flex-direction: column; gap: var(--uui-size-space-4); padding: var(--uui-size-layout-1); }
    .text { white-space: pre-wrap; word-break: break-word; }
    .actions { display: flex; flex-wrap: wrap; gap: var(--uui-size-space-3); margin-top: var(--uui-size-space-4); }
    ul { list-style: none; margin: 0; padding: 0; }
    li { display: flex; flex-wrap: wrap; align-items: center; gap: var(--uui-size-space-3); padding: var(--uui-size-space-2) 0; border-bottom: 1px solid var(--uui-color-divider); }
    .phone { font-variant-numeric: tabular-nums; min-width: 10rem; }
    .error { color: var(--uui-color-danger); }
    @media (max-width: 600px) { :host { padding: var(--uui-size-space-3); } }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'studenka-sms-campaign-detail': StudenkaSmsCampaignDetailElement;
  }
}
