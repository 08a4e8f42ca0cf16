import { css, customElement, html, nothing, state } from '@umbraco-cms/backoffice/external/lit';
import { AuditApi } from '../api/audit-api.js';
import type { AuditFilter, AuditPage } from '../api/audit-types.js';
import { apiFor, notifyError, pragueTime } from './host.js';
import { StudenkaSmsElement } from './studenka-element.js';

const PAGE = 50;

/** Audit log view (Administrators): filters, newest first, page by page. Read only: the log is append-only. */
@customElement('studenka-sms-audit')
export class StudenkaSmsAuditElement extends StudenkaSmsElement {
  @state() private filter: AuditFilter = { actor: '', action: '', from: '', to: '', q: '' };
  @state() private actions: string[] = [];
  @state() private page?: AuditPage;
  @state() private skip = 0;

  #api?: AuditApi;

  override async connectedCallback() {
    super.connectedCallback();
    try {
      this.#api = new AuditApi(await apiFor(this));
      this.actions = await this.#api.actions();
      await this.#load(0);
    } catch (error) {
      await notifyError(this, error);
    }
  }

  async #load(skip: number) {
    if (!this.#api) return;
    try {
      this.page = await this.#api.search(this.filter, skip, PAGE);
      this.skip = skip;
    } catch (error) {
      await notifyError(this, error);
    }
  }


  #input(key: keyof AuditFilter, type = 'text') {
    return html`<div class="field"><uui-label for=${`audit-${key}`}>${this.t(`audit_${key}`)}</uui-label>
      <uui-input id=${`audit-${key}`} type=${type} data-testid=${`audit-${key}`} label=${this.t(`audit_${key}`)} .value=${this.filter[key]}
        @input=${(e: Event) => { this.filter = { ...this.filter, [key]: (e.target as HTMLInputElement).value }; }}
        @keydown=${(e: KeyboardEvent) => { if (e.key === 'Enter') void this.#load(0); }}></uui-input></div>`;
  }

  /** The action in words ("campaign.create" → "Zpráva vytvořena"); one the terms do not know yet shows as recorded. */
  #action(action: string) {
    return this.localize.termOrDefault(`studenkaSms_auditAction_${action.replace(/[.-]/g, '_')}`, action) ?? action;
  }

  override render() {
    const p = this.page;
    const options = [{ name: this.t('auditAnyAction'), value: '', selected: this.filter.action === '' },
      ...this.actions.map((a) => ({ name: this.#action(a), value: a, selected: this.filter.action === a }))];
    return html`<uui-box headline=${this.t('auditTitle')}>
      <form class="filters" @submit=${(e: Event) => { e.preventDefault(); void this.#load(0); }}>
        ${this.#input('actor')}
        <div class="field"><uui-label for="audit-action">${this.t('audit_action')}</uui-label>
          <uui-select id="audit-action" data-testid="audit-action" label=${this.t('audit_action')} .options=${options}
            @change=${(e: Event) => { this.filter = { ...this.filter, action: (e.target as HTMLSelectElement).value }; }}></uui-select></div>
        ${this.#input('from', 'date')}
        ${this.#input('to', 'date')}
        ${this.#input('q')}
        <uui-button type="submit" look="primary" data-testid="audit-apply" label=${this.t('auditApply')}>${this.t('auditApply')}</uui-button>
      </form>
      ${!p ? html`<uui-loader-bar></uui-loader-bar>` : html`
        <p data-testid="audit-total" data-value=${p.total}>${this.t('auditTotal')}: ${p.total}</p>
        ${p.items.length === 0 ? html`<p>${this.t('auditEmpty')}</p>` : nothing}
        <ul data-testid="audit-list">
          ${p.items.map((e) => html`<li data-testid=${`audit-entry-${e.id}`} data-action=${e.action}>
            <div class="head"><time datetime=${e.at}>${pragueTime(this, e.at)}</time> <strong title=${e.action}>${this.#action(e.action)}</strong> <span>${e.subject ?? ''}</span></div>
            <div class="actor">${e.actor}</div>
            ${e.details ? html`<div class="details">${e.details}</div>` : nothing}
          </li>`)}
        </ul>
        <div class="pager">
          <uui-button data-testid="audit-prev" label=${this.t('auditPrev')} ?disabled=${this.skip === 0}
            @click=${() => this.#load(Math.max(0, this.skip - PAGE))}>${this.t('auditPrev')}</uui-button>
          <span>${p.total === 0 ? 0 : this.skip + 1}–${this.skip + p.items.length} / ${p.total}</span>
          <uui-button data-testid="audit-next" label=${this.t('auditNext')} ?disabled=${this.skip + p.items.length >= p.total}
            @click=${() => this.#load(this.skip + PAGE)}>${this.t('auditNext')}</uui-button>
        </div>`}
    </uui-box>`;
  }

  static override styles = css`
    :host { display: block; padding: var(--uui-size-layout-1, 20px); }
    .filters { display: flex; flex-wrap: wrap; gap: var(--uui-size-space-3, 9px); align-items: flex-end; }
    .field { display: flex; flex-direction: column; min-width: 150px; flex: 1 1 150px; }
    ul { list-style: none; padding: 0; margin: 0; }
    li { padding: var(--uui-size-space-3, 9px) 0; border-bottom: 1px solid var(--uui-color-border, #ddd); overflow-wrap: anywhere; }
    .actor, .details { color: var(--uui-color-text-alt, #555); font-size: var(--uui-type-small-size, 12px); }
    .pager { display: flex; align-items: center; justify-content: space-between; gap: var(--uui-size-space-3, 9px); margin-top: var(--uui-size-space-4, 12px); }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'studenka-sms-audit': StudenkaSmsAuditElement;
  }
}
