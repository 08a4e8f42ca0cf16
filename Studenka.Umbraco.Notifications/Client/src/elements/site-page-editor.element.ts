import { css, customElement, html, nothing, property, query, state } from '@umbraco-cms/backoffice/external/lit';
import type { PageDetail, PageType, SitePagesApi } from '../api/site-pages-api.js';
import { ApiError, type SmsApi } from '../api/sms-api.js';
import type { AreaPart, CampaignPreview, Me, PackageItem } from '../api/types.js';
import { previewSms } from '../sms/sms-segments.js';
import type { AreaSelection } from './area-picker.element.js';
import { areaLabel } from './areas.js';
import { notifyError } from './host.js';
import { formOf, type PageForm, type RemindersMode, requestOf } from './site-pages.js';
import { smsCounter } from './sms-counter.js';
import { StudenkaSmsElement } from './studenka-element.js';
import './area-picker.element.js';

const MODES: RemindersMode[] = ['defaults', 'none', 'custom'];

/**
 * One event or news page of the Site: its values, Save, Publish (after a confirmation that says to how
 * many subscribers its SMS goes: the compose view's server preview), Unpublish and Delete. Emits
 * `page-changed` (detail: the page as the server now has it) and `page-closed`.
 */
@customElement('studenka-site-page-editor')
export class StudenkaSitePageEditorElement extends StudenkaSmsElement {
  @property({ attribute: false }) page?: PageDetail;
  @property({ attribute: false }) documentType: PageType = 'eventPage';
  @property({ attribute: false }) me?: Me;
  @property({ attribute: false }) packages: PackageItem[] = [];
  @property({ attribute: false }) parts: AreaPart[] = [];
  @property({ attribute: false }) sms?: SmsApi;
  @property({ attribute: false }) pages?: SitePagesApi;

  @state() private form!: PageForm;
  @state() private errors: Record<string, string[]> = {};
  @state() private preview?: CampaignPreview;
  @state() private previewError = '';
  @state() private confirmDelete = false;
  @query('dialog') private dialog!: HTMLDialogElement;

  /** The request as last saved, so Publish saves first only when something changed. */
  #saved = '';

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('page') || changed.has('documentType') || !this.form) {
      this.form = formOf(this.page, this.documentType, this.packages.map((p) => p.id));
      this.#saved = this.page ? JSON.stringify(requestOf(this.form)) : '';
      this.errors = {};
    }
  }

  #set(patch: Partial<PageForm>) {
    this.form = { ...this.form, ...patch };
  }

  #changed(page: PageDetail | undefined) {
    this.dispatchEvent(new CustomEvent(page ? 'page-changed' : 'page-closed', { detail: page, bubbles: true, composed: true }));
  }

  #fieldErrors = (error: unknown) => {
    if (!(error instanceof ApiError)) return;
    this.errors = error.status === 403 ? { packageId: [error.message] } : error.errors;
  };

  /** Saves the draft when it changed (or is new); the page as saved, or undefined when the server refused. */
  async #save(): Promise<PageDetail | undefined> {
    const request = requestOf(this.form);
    if (this.page && JSON.stringify(request) === this.#saved) return this.page;
    let saved: PageDetail | undefined;
    const ok = await this.act(async () => {
      saved = this.page ? await this.pages!.save(this.page.key, request) : await this.pages!.create(request);
      this.errors = {};
    }, this.t('pagesSaved'), this.#fieldErrors);
    if (ok && saved) this.#changed(saved);
    return ok ? saved : undefined;
  }

  async #askPublish() {
    const saved = await this.#save();
    if (!saved) return;
    this.preview = undefined;
    this.previewError = '';
    this.dialog.showModal();
    if (!saved.smsEnabled || saved.packageId === null) return;
    try {
      this.preview = await this.sms!.preview({
        packageId: saved.packageId, cityPartIds: saved.cityPartIds, streetIds: saved.streetIds,
        // A blank SMS text goes by the type's template (title, date, place, link); the title stands in here.
        text: saved.smsText || saved.title, diacritics: 'keep',
      });
    } catch (error) {
      this.previewError = error instanceof Error ? error.message : String(error);
    }
  }

  async #publish() {
    this.dialog.close();
    const key = this.page?.key;
    if (!key) return;
    let page: PageDetail | undefined;
    if (await this.act(async () => (page = await this.pages!.publish(key)), this.t('pagesPublished'), this.#fieldErrors)) this.#changed(page);
  }

  async #unpublish() {
    const key = this.page?.key;
    if (!key) return;
    let page: PageDetail | undefined;
    if (await this.act(async () => (page = await this.pages!.unpublish(key)), this.t('pagesUnpublished'))) this.#changed(page);
  }

  async #trash() {
    const key = this.page?.key;
    if (key && (await this.act(() => this.pages!.trash(key), this.t('pagesDeleted')))) this.#changed(undefined);
  }

  #err(...fields: string[]) {
    const m = fields.flatMap((f) => this.errors[f] ?? []);
    return m.length ? html`<small class="error" role="alert" data-testid=${`page-error-${fields[0]}`}>${m.join(' ')}</small>` : nothing;
  }

  #input(field: 'title' | 'place', label: string) {
    return html`<label class="field"><span>${label}</span>
      <uui-input data-testid=${`page-${field}`} label=${label} .value=${this.form[field] ?? ''}
        @input=${(e: Event) => this.#set({ [field]: (e.target as HTMLInputElement).value })}></uui-input>${this.#err(field)}</label>`;
  }

  #areaNames(): string {
    const labels: string[] = [];
    for (const part of this.parts) {
      if (this.form.cityPartIds.includes(part.id)) labels.push(part.name);
      for (const s of part.streets) if (this.form.streetIds.includes(s.id)) labels.push(areaLabel(s.name, part.name));
    }
    return labels.join(', ');
  }

  override render() {
    const f = this.form;
    const event = f.documentType === 'eventPage';
    const p = this.page;
    const value = (e: Event) => (e.target as HTMLInputElement).value;
    return html`<uui-box data-testid="page-editor" headline=${p ? p.title : this.t(event ? 'pagesNewEvent' : 'pagesNewNews')}>
      <uui-button slot="header-actions" look="outline" data-testid="page-back" label=${this.t('back')} @click=${() => this.#changed(undefined)}></uui-button>
      ${p ? html`<p class="meta" data-testid="page-state" data-state=${p.state}>${this.t(`pagesState_${p.state}`)}
        ${p.hasUnpublishedChanges && p.state === 'published' ? html` · ${this.t('pagesUnpublishedChanges')}` : nothing}
        ${p.url ? html` · <a data-testid="page-url" href=${p.url} target="_blank" rel="noopener">${p.url}</a>` : nothing}</p>` : nothing}
      ${this.#err('documentType')}
      ${this.#input('title', this.t('pages_title'))}
      <label class="field"><span>${this.t('pages_body')}</span>
        <uui-textarea data-testid="page-body" label=${this.t('pages_body')} rows="6" .value=${f.body}
          @input=${(e: Event) => this.#set({ body: value(e) })}></uui-textarea>${this.#err('body')}</label>
      ${event ? html`<div class="row">
          <label class="field"><span>${this.t('pages_startDate')}</span>
            <uui-input type="date" data-testid="page-start-date" label=${this.t('pages_startDate')} .value=${f.startDate}
              @change=${(e: Event) => this.#set({ startDate: value(e) })}></uui-input></label>
          <label class="field"><span>${this.t('pages_startTime')}</span>
            <uui-input type="time" data-testid="page-start-time" label=${this.t('pages_startTime')} .value=${f.startTime}
              @change=${(e: Event) => this.#set({ startTime: value(e) })}></uui-input></label>
        </div>${this.#err('eventStart')}
        ${this.#input('place', this.t('pages_place'))}` : nothing}
      <fieldset><legend>${this.t('pagesSms')}</legend>
        <uui-toggle data-testid="page-sms" label=${this.t('pagesSmsOn')} .checked=${f.smsEnabled}
          @change=${(e: Event) => this.#set({ smsEnabled: (e.target as HTMLInputElement).checked })}></uui-toggle>
        <label class="field"><span>${this.t('package')}</span>
          <uui-select data-testid="page-package" label=${this.t('package')} placeholder=${this.t('choosePackage')}
            .options=${this.packages.map((x) => ({ name: `${x.id} – ${x.name}`, value: String(x.id), selected: x.id === f.packageId }))}
            @change=${(e: Event) => this.#set({ packageId: Number(value(e)) || null })}></uui-select>${this.#err('packageId')}</label>
        <div class="field"><span>${this.t('areas')}</span>
          <studenka-sms-area-picker .parts=${this.parts} .value=${{ cityPartIds: f.cityPartIds, streetIds: f.streetIds }}
            @change=${(e: CustomEvent<AreaSelection>) => this.#set({ cityPartIds: e.detail.cityPartIds, streetIds: e.detail.streetIds })}></studenka-sms-area-picker>
          ${this.#err('cityPartIds', 'streetIds')}</div>
        <label class="field"><span>${this.t('pages_smsText')}</span>
          <uui-textarea data-testid="page-sms-text" label=${this.t('pages_smsText')} rows="3" .value=${f.smsText ?? ''}
            @input=${(e: Event) => this.#set({ smsText: value(e) })}></uui-textarea>
          ${smsCounter((k) => this.t(k), previewSms(f.smsText ?? '', 'keep').count, 'page-sms-counter')}
          <small class="meta">${this.t('pagesSmsTextHint')}</small>${this.#err('smsText')}</label>
        ${event ? html`<div class="field"><span>${this.t('contentReminders')}</span>
          <uui-radio-group data-testid="page-reminders-mode" .value=${f.remindersMode}
            @change=${(e: Event) => this.#set({ remindersMode: value(e) as RemindersMode })}>
            ${MODES.map((m) => html`<uui-radio value=${m} label=${this.t(`pagesReminders_${m}`)}></uui-radio>`)}
          </uui-radio-group>
          ${f.remindersMode === 'custom' ? html`<uui-input data-testid="page-reminders" label=${this.t('pagesRemindersCustom')} placeholder="1d@09:00, 2h"
            .value=${f.remindersCustom} @input=${(e: Event) => this.#set({ remindersCustom: value(e) })}></uui-input>
            <small class="meta">${this.t('pagesRemindersHint')}</small>` : nothing}
          ${this.#err('reminders')}</div>` : nothing}
      </fieldset>
      <div class="row">
        <uui-button look="secondary" ?disabled=${this.busy} data-testid="page-save" label=${this.t('settingsSave')} @click=${() => this.#save()}></uui-button>
        <uui-button look="primary" color="positive" ?disabled=${this.busy} data-testid="page-publish" label=${this.t('pagesPublish')}
          @click=${() => this.#askPublish()}></uui-button>
        ${p?.state === 'published' ? html`<uui-button look="outline" ?disabled=${this.busy} data-testid="page-unpublish" label=${this.t('pagesUnpublish')}
          @click=${() => this.#unpublish()}></uui-button>` : nothing}
        ${p ? html`<uui-button look="outline" color="danger" data-testid="page-delete" label=${this.t('pagesDelete')}
          @click=${() => (this.confirmDelete = true)}></uui-button>` : nothing}
      </div>
      ${this.confirmDelete ? html`<div class="row" role="alert">
        <span>${this.t('pagesDeleteConfirm')}</span>
        <uui-button look="primary" color="danger" ?disabled=${this.busy} data-testid="page-delete-yes" label=${this.t('pagesDeleteYes')} @click=${() => this.#trash()}></uui-button>
        <uui-button look="outline" label=${this.t('cancel')} @click=${() => (this.confirmDelete = false)}></uui-button>
      </div>` : nothing}
    </uui-box>
    ${this.#renderConfirm()}`;
  }

  #renderConfirm() {
    const f = this.form;
    const sms = f.smsEnabled && f.packageId !== null;
    const packageName = this.packages.find((x) => x.id === f.packageId)?.name ?? '';
    return html`<dialog aria-labelledby="publish-title" data-testid="page-confirm">
      <uui-dialog><uui-dialog-layout>
        <h3 id="publish-title">${this.t('pagesPublishTitle')}</h3>
        ${sms ? html`<p data-testid="page-confirm-sms">${this.t('pagesPublishSms')}</p>
            <dl>
              <dt>${this.t('recipients')}</dt><dd data-testid="page-confirm-recipients">${this.preview ? this.preview.recipients : this.previewError ? '–' : this.t('loading')}</dd>
              <dt>${this.t('package')}</dt><dd>${f.packageId} – ${packageName}</dd>
              <dt>${this.t('areas')}</dt><dd>${this.#areaNames() || '–'}</dd>
            </dl>
            ${this.previewError ? html`<p class="error" role="alert" data-testid="page-confirm-error">${this.previewError}</p>` : nothing}`
          : html`<p data-testid="page-confirm-no-sms">${this.t('pagesPublishNoSms')}</p>`}
        <div class="actions">
          <uui-button data-testid="page-confirm-cancel" label=${this.t('cancel')} @click=${() => this.dialog.close()}></uui-button>
          <uui-button data-testid="page-confirm-publish" look="primary" color="positive" label=${this.t('pagesPublish')}
            ?disabled=${sms && !this.preview && !this.previewError} @click=${() => void this.#publish().catch((e) => notifyError(this, e))}></uui-button>
        </div>
      </uui-dialog-layout></uui-dialog>
    </dialog>`;
  }

  static override styles = css`
    :host { display: block; }
    .row { display: flex; flex-wrap: wrap; align-items: center; gap: var(--uui-size-space-3); margin-bottom: var(--uui-size-space-3); }
    .field { display: flex; flex-direction: column; gap: var(--uui-size-space-1); margin-bottom: var(--uui-size-space-4); }
    .row .field { margin-bottom: 0; }
    fieldset { border: 1px solid var(--uui-color-divider); margin: 0 0 var(--uui-size-space-4); padding: var(--uui-size-space-3); min-width: 0; }
    uui-input, uui-textarea, uui-select { width: 100%; }
    .row uui-input { width: auto; }
    .meta, .counter { color: var(--uui-color-text-alt); font-size: var(--uui-type-small-size); overflow-wrap: anywhere; }
    .error { color: var(--uui-color-danger); }
    dialog { border: none; padding: 0; width: min(32rem, 95vw); background: transparent; }
    dialog::backdrop { background: rgb(0 0 0 / 40%); }
    dl { display: grid; grid-template-columns: auto 1fr; gap: var(--uui-size-space-1) var(--uui-size-space-4); }
    dd { margin: 0; font-weight: bold; }
    .actions { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: var(--uui-size-space-3); margin-top: var(--uui-size-space-4); }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'studenka-site-page-editor': StudenkaSitePageEditorElement;
  }
}
