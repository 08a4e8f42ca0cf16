import { css, customElement, html, nothing, property, state } from '@umbraco-cms/backoffice/external/lit';
import { UMB_ENTITY_WORKSPACE_CONTEXT } from '@umbraco-cms/backoffice/workspace';
import { ContentSmsApi, mayBeSentNow, offsetLabel, type PageSmsOverview } from '../api/content-sms-api.js';
import type { Me } from '../api/types.js';
import { apiFor, meFor, notifyError, pragueTime } from './host.js';
import { StudenkaSmsElement } from './studenka-element.js';
import './campaign-progress.element.js';

const POLL_MS = 5000;

/**
 * The document's "SMS" tab (event and news pages): what publishing the page recorded (or why it sent
 * nothing), its campaigns with delivery, its reminders, and "Odeslat hned" for its waiting announcement
 * (Administrators and Editors; the API refuses Dispatch too).
 */
@customElement('studenka-sms-content')
export class StudenkaSmsContentElement extends StudenkaSmsElement {
  @state() private overview?: PageSmsOverview;
  @state() private me?: Me;
  /** The page's key where no document workspace says it (the standalone Site's page editor). */
  @property({ attribute: false }) pageKey?: string;
  /** The key of the document open in Umbraco's workspace. */
  @state() private workspaceKey?: string;

  #api?: ContentSmsApi;

  constructor() {
    super();
    this.consumeContext(UMB_ENTITY_WORKSPACE_CONTEXT, (workspace) => {
      if (!workspace) return;
      this.observe(workspace.unique, (unique) => {
        this.workspaceKey = typeof unique === 'string' ? unique : undefined;
        void this.#load().catch((error) => notifyError(this, error));
      });
    });
  }

  override async connectedCallback() {
    super.connectedCallback();
    try {
      const api = await apiFor(this);
      this.#api = new ContentSmsApi(api);
      this.me = await meFor(this);
      await this.#load();
    } catch (error) {
      await notifyError(this, error);
    }
    this.poll(() => this.#load(), POLL_MS);
  }

  private get key(): string | undefined {
    return this.pageKey ?? this.workspaceKey;
  }

  override updated(changed: Map<string, unknown>) {
    if (changed.has('pageKey') && changed.get('pageKey') !== undefined) void this.#load().catch((error) => notifyError(this, error));
  }

  async #load() {
    if (this.#api && this.key) this.overview = await this.#api.overview(this.key);
  }

  async #sendNow() {
    const api = this.#api;
    const key = this.key;
    if (!api || !key) return;
    await this.act(async () => {
      await api.sendNow(key);
      await this.#load();
    }, this.t('contentSent'));
  }

  override render() {
    const o = this.overview;
    if (!this.key) return html`<p data-testid="content-sms-unsaved">${this.t('contentUnsaved')}</p>`;
    if (!o) return html`<uui-loader-bar></uui-loader-bar>`;
    const maySend = this.me?.role === 'Administrator' || this.me?.role === 'Editor';
    const waiting = o.campaigns.some(mayBeSentNow) && o.announcements.some((a) => !a.withdrawn);
    return html`<uui-box headline=${this.t('contentTitle')}>
      ${maySend && waiting
        ? html`<uui-button slot="header-actions" look="primary" data-testid="content-send-now" label=${this.t('contentSendNow')}
            ?disabled=${this.busy} @click=${() => this.#sendNow()}>${this.t('contentSendNow')}</uui-button>`
        : nothing}
      ${o.announcements.length === 0 ? html`<p data-testid="content-sms-none">${this.t('contentNone')}</p>` : nothing}
      ${o.announcements.map((a) => html`<div data-testid="content-announcement" data-withdrawn=${String(a.withdrawn)}>
        ${a.problem ? html`<uui-tag color="danger" data-testid="content-problem">${this.t('contentProblem')}</uui-tag> <span>${a.problem}</span>` : nothing}
        ${a.withdrawn ? html`<uui-tag color="warning">${this.t('contentWithdrawn')}</uui-tag>` : nothing}
        <div class="meta">${this.t('contentPublishedBy')}: ${a.publishedBy} · ${pragueTime(this, a.updatedAt)}${a.culture ? ` · ${a.culture}` : ''}</div>
      </div>`)}
      <ul data-testid="content-campaigns">
        ${o.campaigns.map((c) => html`<li data-testid=${`content-campaign-${c.id}`} data-state=${c.state}>
          <uui-tag data-testid=${`content-campaign-state-${c.id}`}>${this.t(`state_${c.state}`)}</uui-tag>
          <span class="meta">${c.dueAt ? pragueTime(this, c.dueAt) : this.t('contentNoTime')}</span>
          <p>${c.text}</p>
          ${c.delivery ? html`<studenka-sms-campaign-progress .delivery=${c.delivery}></studenka-sms-campaign-progress>` : nothing}
        </li>`)}
      </ul>
    </uui-box>
    <uui-box headline=${this.t('contentReminders')}>
      ${!o.remindersAvailable
        ? html`<p data-testid="content-reminders-unavailable">${this.t('contentRemindersUnavailable')}</p>`
        : o.reminders.length === 0
          ? html`<p data-testid="content-reminders-none">${this.t('contentRemindersNone')}</p>`
          : html`<ul data-testid="content-reminders">
              ${o.reminders.map((r) => html`<li data-state=${r.state}>
                <strong>${offsetLabel(r.offset)}</strong> · ${pragueTime(this, r.fireAt)}
                <uui-tag>${this.t(`reminder_${r.state}`)}</uui-tag>
              </li>`)}
            </ul>`}
    </uui-box>`;
  }

  static override styles = css`
    :host { display: block; padding: var(--uui-size-layout-1, 20px); }
    uui-box { margin-bottom: var(--uui-size-space-5, 18px); }
    ul { list-style: none; padding: 0; margin: 0; }
    li { padding: var(--uui-size-space-3, 9px) 0; border-bottom: 1px solid var(--uui-color-border, #ddd); overflow-wrap: anywhere; }
    .meta { color: var(--uui-color-text-alt, #555); font-size: var(--uui-type-small-size, 12px); }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'studenka-sms-content': StudenkaSmsContentElement;
  }
}
