import { css, customElement, html, nothing, state } from '@umbraco-cms/backoffice/external/lit';
import { type PageDetail, type PageSummary, type PageType, SitePagesApi } from '../api/site-pages-api.js';
import type { SmsApi } from '../api/sms-api.js';
import type { AreaPart, Me, PackageItem } from '../api/types.js';
import { apiFor, meFor, notifyError, pragueTime } from './host.js';
import { StudenkaSmsElement } from './studenka-element.js';
import './content-sms.element.js';
import './site-page-editor.element.js';

/**
 * "Akce a aktuality" of the standalone Site's "Obsah webu" section (Administrators and Editors; its
 * manifest entry is in the Site's own App_Plugins/Studenka.Notifications.Site, under Umbraco the
 * Content section does this): the event and news pages, one open in the editor with its SMS below
 * (the document workspace's SMS view, fed the page's key).
 */
@customElement('studenka-site-pages')
export class StudenkaSitePagesElement extends StudenkaSmsElement {
  @state() private items: PageSummary[] = [];
  @state() private loaded = false;
  @state() private me?: Me;
  @state() private packages: PackageItem[] = [];
  @state() private parts: AreaPart[] = [];
  /** The page open in the editor, or the type of a new one. */
  @state() private open?: PageDetail | PageType;

  #sms?: SmsApi;
  #pages?: SitePagesApi;

  override async connectedCallback() {
    super.connectedCallback();
    try {
      const api = (this.#sms = await apiFor(this));
      this.#pages = new SitePagesApi(api);
      const [me, packages, parts] = await Promise.all([meFor(this), api.packages(), api.areas()]);
      this.me = me;
      this.packages = packages.filter((p) => p.forMessages && me.packages.includes(p.id));
      this.parts = parts;
      await this.#load();
    } catch (error) {
      await notifyError(this, error);
    }
  }

  async #load() {
    this.items = await this.#pages!.list();
    this.loaded = true;
  }

  async #openPage(key: string) {
    try {
      this.open = await this.#pages!.get(key);
    } catch (error) {
      await notifyError(this, error);
    }
  }

  #closed(page: PageDetail | undefined) {
    this.open = page;
    void this.#load().catch((error) => notifyError(this, error));
  }

  override render() {
    if (!this.loaded) return html`<uui-loader-bar></uui-loader-bar>`;
    const open = this.open;
    if (open) {
      const page = typeof open === 'string' ? undefined : open;
      return html`<studenka-site-page-editor .page=${page} .documentType=${typeof open === 'string' ? open : open.documentType}
          .me=${this.me} .packages=${this.packages} .parts=${this.parts} .sms=${this.#sms} .pages=${this.#pages}
          @page-changed=${(e: CustomEvent<PageDetail>) => this.#closed(e.detail)} @page-closed=${() => this.#closed(undefined)}></studenka-site-page-editor>
        ${page ? html`<studenka-sms-content .pageKey=${page.key}></studenka-sms-content>` : nothing}`;
    }
    return html`<uui-box headline=${this.t('pagesTitle')}>
      <div class="row">
        <uui-button look="primary" data-testid="pages-new-event" label=${this.t('pagesNewEvent')} @click=${() => (this.open = 'eventPage')}></uui-button>
        <uui-button look="primary" data-testid="pages-new-news" label=${this.t('pagesNewNews')} @click=${() => (this.open = 'newsPage')}></uui-button>
      </div>
      ${this.items.length === 0 ? html`<p data-testid="pages-empty">${this.t('pagesEmpty')}</p>` : nothing}
      <ul data-testid="pages-list">
        ${this.items.map((p) => html`<li data-testid=${`page-${p.key}`} data-state=${p.state}>
          <div class="row">
            <uui-tag look="secondary">${this.t(p.documentType === 'eventPage' ? 'pagesEvent' : 'pagesNews')}</uui-tag>
            <strong>${p.title}</strong>
            <uui-tag color=${p.state === 'published' ? 'positive' : p.state === 'draft' ? 'default' : 'warning'} data-testid=${`page-state-${p.key}`}>
              ${this.t(`pagesState_${p.state}`)}</uui-tag>
            ${p.hasUnpublishedChanges && p.state === 'published' ? html`<uui-tag color="warning">${this.t('pagesUnpublishedChanges')}</uui-tag>` : nothing}
          </div>
          <div class="meta">
            ${p.eventStart ? html`${this.t('pagesStart')}: ${pragueTime(this, p.eventStart)}${p.place ? `, ${p.place}` : ''} · ` : nothing}
            SMS: ${p.smsEnabled ? `${this.t('pagesSmsYes')} (${this.t('package')} ${p.packageId})` : this.t('pagesSmsNo')} ·
            ${this.t('updated')}: ${pragueTime(this, p.updatedAt)}
          </div>
          <uui-button look="outline" data-testid=${`page-open-${p.key}`} label=${this.t('pagesEdit')} @click=${() => this.#openPage(p.key)}></uui-button>
        </li>`)}
      </ul>
    </uui-box>`;
  }

  static override styles = css`
    :host { display: flex; flex-direction: column; gap: var(--uui-size-layout-1); padding: var(--uui-size-layout-1); max-width: 56rem; }
    .row { display: flex; flex-wrap: wrap; align-items: center; gap: var(--uui-size-space-3); }
    ul { list-style: none; margin: 0; padding: 0; }
    li { border-bottom: 1px solid var(--uui-color-divider); padding: var(--uui-size-space-3) 0; overflow-wrap: anywhere; }
    .meta { color: var(--uui-color-text-alt); font-size: var(--uui-type-small-size); margin: var(--uui-size-space-2) 0; }
    studenka-sms-content { padding: 0; }
    @media (max-width: 600px) { :host { padding: var(--uui-size-space-3); } }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'studenka-site-pages': StudenkaSitePagesElement;
  }
}
