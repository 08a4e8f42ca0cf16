import { css, customElement, html, nothing, state } from '@umbraco-cms/backoffice/external/lit';
import { HealthApi } from '../api/health-api.js';
import type { DeliveryHealth } from '../api/health-types.js';
import type { Me } from '../api/types.js';
import { apiFor, meFor, notifyError, pragueTime } from './host.js';
import { StudenkaSmsElement } from './studenka-element.js';

const POLL_MS = 5000;

/**
 * Delivery health: the pause and its reason, the backlog, every node's heartbeat. Every role reads it (at
 * 3 a.m. Dispatch sees why a crisis SMS waits and whom to call); only an Administrator resumes (the API says so too).
 */
@customElement('studenka-sms-health')
export class StudenkaSmsHealthElement extends StudenkaSmsElement {
  @state() private health?: DeliveryHealth;
  @state() private me?: Me;

  #api?: HealthApi;

  override async connectedCallback() {
    super.connectedCallback();
    try {
      const api = await apiFor(this);
      this.#api = new HealthApi(api);
      this.me = await meFor(this);
      await this.#load();
    } catch (error) {
      await notifyError(this, error);
    }
    this.poll(() => this.#load(), POLL_MS);
  }

  async #load() {
    if (this.#api) this.health = await this.#api.status();
  }

  #resume() {
    return this.act(async () => (this.health = await this.#api!.resume()), this.t('healthResumed'));
  }

  #resumeEmail() {
    return this.act(async () => (this.health = await this.#api!.resumeEmail()), this.t('healthEmailResumed'));
  }

  /** E-mail pauses on its own (a refused SMTP login stops e-mail, never SMS), so it has its own line and button. */
  #renderEmail(h: DeliveryHealth) {
    const p = h.emailPause;
    return html`<div data-testid="health-email-paused" data-paused=${String(!!p)} class="state">
        <uui-tag color=${p ? 'danger' : 'positive'}>${this.t(p ? 'healthEmailPaused' : 'healthEmailRunning')}</uui-tag>
      </div>
      ${p ? html`<dl class="pause">
        <dt>${this.t('healthReason')}</dt><dd data-testid="health-email-reason">${p.reason}</dd>
        <dt>${this.t('healthSince')}</dt><dd>${pragueTime(this, p.since)}</dd>
        <dt>${this.t('healthNode')}</dt><dd>${p.pausedByNode}</dd>
        ${p.retriesAt ? html`<dt>${this.t('healthRetriesAt')}</dt><dd>${pragueTime(this, p.retriesAt)}</dd>` : nothing}
      </dl>
      ${this.me?.administration
        ? html`<uui-button look="primary" color="positive" data-testid="health-email-resume" label=${this.t('healthEmailResume')} ?disabled=${this.busy}
            @click=${() => this.#resumeEmail()}>${this.t('healthEmailResume')}</uui-button>`
        : nothing}` : nothing}`;
  }


  override render() {
    const h = this.health;
    if (!h) return html`<uui-loader-bar></uui-loader-bar>`;
    return html`<uui-box headline=${this.t('healthTitle')}>
      <uui-button slot="header-actions" data-testid="health-refresh" label=${this.t('refresh')}
        @click=${() => this.#load().catch((e) => notifyError(this, e))}>${this.t('refresh')}</uui-button>
      <div data-testid="health-paused" data-paused=${String(h.paused)} class="state">
        <uui-tag color=${h.paused ? 'danger' : 'positive'}>${this.t(h.paused ? 'healthPaused' : 'healthRunning')}</uui-tag>
        <span data-testid="health-backlog" data-value=${h.backlog}>${this.t('healthBacklog')}: ${h.backlog}</span>
      </div>
      ${h.paused ? html`<dl class="pause">
        <dt>${this.t('healthKind')}</dt><dd>${this.t(`healthKind_${h.kind}`)}</dd>
        <dt>${this.t('healthReason')}</dt><dd data-testid="health-reason">${h.reason}</dd>
        <dt>${this.t('healthSince')}</dt><dd>${pragueTime(this, h.since)}</dd>
        <dt>${this.t('healthNode')}</dt><dd>${h.pausedByNode ?? '–'}</dd>
        ${h.retriesAt ? html`<dt>${this.t('healthRetriesAt')}</dt><dd>${pragueTime(this, h.retriesAt)}</dd>` : nothing}
      </dl>
      ${this.me?.administration
        ? html`<uui-button look="primary" color="positive" data-testid="health-resume" label=${this.t('healthResume')} ?disabled=${this.busy}
            @click=${() => this.#resume()}>${this.t('healthResume')}</uui-button>`
        : html`<p data-testid="health-resume-admin-only">${this.t('healthAdminOnly')}</p>`}` : nothing}
      ${this.#renderEmail(h)}
    </uui-box>
    <uui-box headline=${this.t('healthNodes')}>
      <ul data-testid="health-nodes">
        ${h.nodes.map((n) => html`<li data-testid=${`health-node-${n.nodeId}`} data-stale=${String(n.stale)}>
          <strong>${n.nodeId}</strong>
          ${n.stale ? html`<uui-tag color="danger">${this.t('healthStale')}</uui-tag>` : html`<uui-tag color="positive">${this.t('healthAlive')}</uui-tag>`}
          ${n.workerEnabled ? nothing : html`<uui-tag>${this.t('healthNoWorker')}</uui-tag>`}
          <div class="meta">${this.t('healthLastSeen')}: ${pragueTime(this, n.lastSeenAt)} · ${this.t('healthStarted')}: ${pragueTime(this, n.startedAt)}
            · ${this.t('healthInFlight')}: ${n.inFlight}</div>
        </li>`)}
      </ul>
    </uui-box>`;
  }

  static override styles = css`
    :host { display: block; padding: var(--uui-size-layout-1, 20px); }
    uui-box { margin-bottom: var(--uui-size-space-5, 18px); }
    .state { display: flex; flex-wrap: wrap; gap: var(--uui-size-space-3, 9px); align-items: center; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; overflow-wrap: anywhere; }
    dt { font-weight: bold; }
    dd { margin: 0; }
    ul { list-style: none; padding: 0; margin: 0; }
    li { padding: var(--uui-size-space-3, 9px) 0; border-bottom: 1px solid var(--uui-color-border, #ddd); }
    .meta { color: var(--uui-color-text-alt, #555); font-size: var(--uui-type-small-size, 12px); }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'studenka-sms-health': StudenkaSmsHealthElement;
  }
}
