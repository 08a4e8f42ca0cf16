import { css, customElement, html, nothing, state } from '@umbraco-cms/backoffice/external/lit';
import { SubscribersApi } from '../api/subscribers-api.js';
import type { SubscriberCounts, SubscriberItem, SubscriberPage } from '../api/subscribers-types.js';
import type { AreaPart, PackageItem } from '../api/types.js';
import { apiFor, notifyError, notifySuccess, pragueTime } from './host.js';
import { pageInfo } from './subscribers.js';
import './subscribers-mapping.element.js';
import './subscribers-signup.element.js';
import { StudenkaSmsElement } from './studenka-element.js';

const TAKE = 20;

/** Subscribers view (Administrator): counts, search with paging, CSV export, delete on request; mapping and sign-up below. */
@customElement('studenka-sms-subscribers')
export class StudenkaSmsSubscribersElement extends StudenkaSmsElement {
  @state() private counts?: SubscriberCounts;
  @state() private page?: SubscriberPage;
  @state() private query = '';
  @state() private confirmDelete: number | null = null;
  @state() private parts: AreaPart[] = [];
  @state() private packages: PackageItem[] = [];
  @state() private exporting = false;
  @state() private version = 0;

  #api?: SubscribersApi;

  override async connectedCallback() {
    super.connectedCallback();
    try {
      const sms = await apiFor(this);
      this.#api = new SubscribersApi(sms);
      [this.parts, this.packages] = await Promise.all([sms.areas(), sms.packages()]);
      await Promise.all([this.#loadCounts(), this.#search(0)]);
    } catch (error) {
      await notifyError(this, error);
    }
  }


  async #loadCounts() {
    this.counts = await this.#api!.counts();
  }

  async #search(skip: number) {
    this.page = await this.#api!.search(this.query, skip, TAKE);
  }

  #run(work: () => Promise<unknown>) {
    void work().catch((e) => notifyError(this, e));
  }

  /** Reloaded after anything that changes who subscribes where (sign-up, delete, mapping). */
  #changed = () => {
    this.version++;
    this.#run(() => Promise.all([this.#loadCounts(), this.#search(this.page?.skip ?? 0)]));
  };

  async #export() {
    this.exporting = true;
    try {
      const { blob, fileName } = await this.#api!.exportCsv();
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      // The backoffice router takes every same-origin link click (a blob: URL is one) for navigation and
      // cancels it; stopped here, the click only does its default, the download.
      link.addEventListener('click', (e) => e.stopPropagation());
      this.shadowRoot!.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } finally {
      this.exporting = false;
    }
  }

  async #delete(id: number) {
    await this.#api!.remove(id);
    this.confirmDelete = null;
    await notifySuccess(this, this.t('subscribersDeleted'));
    this.#changed();
  }

  #packageName(id: number) {
    return this.packages.find((p) => p.id === id)?.name ?? String(id);
  }

  override render() {
    return html`
      ${this.#renderCounts()}
      <uui-box headline=${this.t('subscribersSearchTitle')}>
        <uui-button slot="header-actions" look="primary" data-testid="subscribers-export" label=${this.t('subscribersExport')}
          ?disabled=${this.exporting} @click=${() => this.#run(() => this.#export())}></uui-button>
        <form class="search" @submit=${(e: Event) => { e.preventDefault(); this.#run(() => this.#search(0)); }}>
          <uui-input data-testid="subscribers-search" label=${this.t('subscribersSearch')} placeholder=${this.t('subscribersSearch')}
            .value=${this.query} @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}></uui-input>
          <uui-button type="submit" look="outline" data-testid="subscribers-search-go" label=${this.t('subscribersSearchGo')}></uui-button>
        </form>
        ${this.page ? this.#renderPage(this.page) : html`<uui-loader-bar></uui-loader-bar>`}
      </uui-box>
      <studenka-sms-subscribers-mapping .api=${this.#api} .parts=${this.parts} .version=${this.version} @changed=${this.#changed}></studenka-sms-subscribers-mapping>
      <studenka-sms-subscribers-signup .api=${this.#api} .parts=${this.parts} .packages=${this.packages} @changed=${this.#changed}></studenka-sms-subscribers-signup>
    `;
  }

  #renderCounts() {
    const c = this.counts;
    if (!c) return html`<uui-box><uui-loader-bar></uui-loader-bar></uui-box>`;
    return html`
      <uui-box headline=${this.t('subscribersCountsTitle')} data-testid="subscribers-counts">
        <p class="totals">
          <span data-testid="subscribers-active" data-value=${c.active}>${this.t('subscribersActive')}: <strong>${c.active}</strong></span>
          <span data-testid="subscribers-pending" data-value=${c.pending}>${this.t('subscribersPending')}: <strong>${c.pending}</strong></span>
          <span data-testid="subscribers-typed" data-value=${c.typed}>${this.t('subscribersTyped')}: <strong>${c.typed}</strong></span>
        </p>
        <div class="columns">
          ${this.#countList('subscribers-by-package', this.t('subscribersByPackage'), c.packages.map((p) => [p.name, p.subscribers]))}
          ${this.#countList('subscribers-by-part', this.t('subscribersByPart'), c.cityParts.map((p) => [p.name, p.subscribers]))}
          ${this.#countList('subscribers-by-street', this.t('subscribersByStreet'), c.streets.map((s) => [`${s.name} (${s.cityPartName})`, s.subscribers]))}
        </div>
      </uui-box>
    `;
  }

  #countList(testId: string, title: string, rows: [string, number][]) {
    return html`<section data-testid=${testId}>
      <h4>${title}</h4>
      ${rows.length === 0 ? html`<p>–</p>` : html`<table>${rows.map(([name, n]) => html`<tr><td>${name}</td><td class="n">${n}</td></tr>`)}</table>`}
    </section>`;
  }

  #renderPage(page: SubscriberPage) {
    const info = pageInfo(page.skip, page.take, page.total);
    return html`
      <p data-testid="subscribers-total" data-value=${page.total}>${this.t('subscribersFound', info.from, info.to, page.total)}</p>
      <ul data-testid="subscribers-list">${page.items.map((s) => this.#renderItem(s))}</ul>
      <div class="pager">
        <uui-button look="outline" data-testid="subscribers-previous" label=${this.t('subscribersPrevious')} ?disabled=${!info.hasPrevious}
          @click=${() => this.#run(() => this.#search(Math.max(0, page.skip - TAKE)))}></uui-button>
        <uui-button look="outline" data-testid="subscribers-next" label=${this.t('subscribersNext')} ?disabled=${!info.hasNext}
          @click=${() => this.#run(() => this.#search(page.skip + TAKE))}></uui-button>
      </div>
    `;
  }

  #renderItem(s: SubscriberItem) {
    return html`<li data-testid=${`subscriber-${s.id}`} data-status=${s.status}>
      <div class="head">
        <strong data-testid="subscriber-phone">${s.phone}</strong>
        ${s.name ? html`<span>${s.name}</span>` : nothing}
        <uui-tag color=${s.status === 'active' ? 'positive' : 'warning'}>${this.t(`subscribersStatus_${s.status}`)}</uui-tag>
      </div>
      <div>${s.addresses.join(' · ')}</div>
      <small>${s.packages.map((p) => this.#packageName(p)).join(', ')} · ${this.t('subscribersSince')} ${pragueTime(this, s.activatedAt ?? s.createdAt)}
        ${s.writtenConsentBy ? html` · ${this.t('subscribersWrittenBy')} ${s.writtenConsentBy}` : nothing}</small>
      <div class="actions">
        ${this.confirmDelete === s.id
          ? html`<span>${this.t('subscribersDeleteConfirm')}</span>
              <uui-button look="primary" color="danger" data-testid=${`subscriber-delete-confirm-${s.id}`} label=${this.t('subscribersDeleteYes')}
                @click=${() => this.#run(() => this.#delete(s.id))}></uui-button>
              <uui-button look="outline" label=${this.t('cancel')} @click=${() => (this.confirmDelete = null)}></uui-button>`
          : html`<uui-button look="outline" color="danger" data-testid=${`subscriber-delete-${s.id}`} label=${this.t('subscribersDelete')}
              @click=${() => (this.confirmDelete = s.id)}></uui-button>`}
      </div>
    </li>`;
  }

  static override styles = css`
    :host { display: flex; flex-direction: column; gap: var(--uui-size-layout-1); padding: var(--uui-size-layout-1); }
    .totals { display: flex; flex-wrap: wrap; gap: var(--uui-size-space-5); }
    .columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: var(--uui-size-space-5); }
    .columns section { max-height: 18rem; overflow: auto; }
    table { width: 100%; border-collapse: collapse; }
    td { padding: 2px 0; border-bottom: 1px solid var(--uui-color-divider); }
    td.n { text-align: right; font-variant-numeric: tabular-nums; }
    .search { display: flex; flex-wrap: wrap; gap: var(--uui-size-space-3); }
    .search uui-input { flex: 1 1 14rem; min-width: 0; }
    ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: var(--uui-size-space-3); }
    li { border-bottom: 1px solid var(--uui-color-divider); padding-bottom: var(--uui-size-space-3); word-break: break-word; }
    .head, .actions, .pager { display: flex; flex-wrap: wrap; align-items: center; gap: var(--uui-size-space-3); }
    .actions { margin-top: var(--uui-size-space-2); }
    @media (max-width: 600px) { :host { padding: var(--uui-size-space-3); gap: var(--uui-size-space-4); } }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'studenka-sms-subscribers': StudenkaSmsSubscribersElement;
  }
}
