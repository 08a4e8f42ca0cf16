import { css, customElement, html, nothing, query, state } from '@umbraco-cms/backoffice/external/lit';
import { LatestOnly, type SmsApi } from '../api/sms-api.js';
import type { AreaPart, CampaignDraft, CampaignPreview, Me, PackageItem, Template } from '../api/types.js';
import { previewSms } from '../sms/sms-segments.js';
import type { AreaSelection } from './area-picker.element.js';
import { areaLabel } from './areas.js';
import { type ComposeDraft, saveDraft, savedDraft } from './compose-draft.js';
import { apiFor, CAMPAIGN_CREATED, meFor, notifyError, pragueTime } from './host.js';
import './area-picker.element.js';
import { smsCounter } from './sms-counter.js';
import { StudenkaSmsElement } from './studenka-element.js';

const PREVIEW_DELAY_MS = 400;

/** Compose view: package, areas, text with a live counter, server preview, confirm and send. */
@customElement('studenka-sms-compose')
export class StudenkaSmsComposeElement extends StudenkaSmsElement {
  @state() private me?: Me;
  @state() private packages: PackageItem[] = [];
  @state() private parts: AreaPart[] = [];
  @state() private templates: Template[] = [];
  @state() private templateKey = '';
  @state() private packageId: number | null = null;
  @state() private areas: AreaSelection = { cityPartIds: [], streetIds: [] };
  @state() private text = '';
  @state() private transliterate = false;
  @state() private later = false;
  @state() private sendAt = '';
  /** '' = the configured default sender (the first of `me.senders`). */
  @state() private originator = '';
  @state() private preview?: CampaignPreview;
  @state() private previewError = '';
  /** False from an edit until the preview of that edit arrived: only a current preview may be confirmed. */
  @state() private previewFresh = false;
  @query('dialog') private dialog!: HTMLDialogElement;

  #api?: SmsApi;
  #previews = new LatestOnly<CampaignPreview>();
  #timer?: ReturnType<typeof setTimeout>;

  override async connectedCallback() {
    super.connectedCallback();
    try {
      const api = (this.#api = await apiFor(this));
      // Templates are a convenience: without them (or if they fail) composing by hand still works.
      const templates = api.templates().catch(async (error: unknown) => (await notifyError(this, error), []));
      const [me, packages, parts] = await Promise.all([meFor(this), api.packages(), api.areas()]);
      this.me = me;
      this.packages = packages.filter((p) => p.forMessages && me.packages.includes(p.id));
      this.parts = parts;
      this.templates = (await templates).filter((t) => me.packages.includes(t.package));
      if (this.packages.length === 1) this.packageId = this.packages[0]!.id;
      this.#restore(savedDraft(me.userName));
    } catch (error) {
      await notifyError(this, error);
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
    this.#previews.invalidate();
  }

  #draft(withSchedule: boolean): CampaignDraft {
    const draft: CampaignDraft = {
      packageId: this.packageId,
      cityPartIds: this.areas.cityPartIds,
      streetIds: this.areas.streetIds,
      text: this.text,
      diacritics: this.transliterate ? 'transliterate' : 'keep',
    };
    if (withSchedule) draft.schedule = { sendAt: this.later && this.sendAt ? this.sendAt : null };
    if (this.originator) draft.originator = this.originator;
    return draft;
  }

  #ready(): boolean {
    return this.packageId !== null && this.text.trim() !== '' && this.areas.cityPartIds.length + this.areas.streetIds.length > 0;
  }

  /** Asks the server for recipients and cost once typing pauses; a late answer to an old draft is dropped. */
  #changed() {
    clearTimeout(this.#timer);
    this.previewFresh = false;
    if (!this.#ready()) {
      this.#previews.invalidate();
      this.preview = undefined;
      this.previewError = '';
      return;
    }
    this.#timer = setTimeout(async () => {
      try {
        const answer = await this.#previews.run((signal) => this.#api!.preview(this.#draft(true), signal));
        if (answer) {
          this.preview = answer;
          this.previewError = '';
          this.previewFresh = true;
        }
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        this.preview = undefined;
        this.previewError = error instanceof Error ? error.message : String(error);
      }
    }, PREVIEW_DELAY_MS);
  }

  #set(update: () => void) {
    update();
    this.#save();
    this.#changed();
  }

  #save() {
    if (!this.me) return;
    const { templateKey, packageId, areas, text, transliterate, later, sendAt, originator } = this;
    saveDraft(this.me.userName, { templateKey, packageId, areas, text, transliterate, later, sendAt, originator });
  }

  /** Takes up the draft a previous compose view left, keeping only what this operator may still use. */
  #restore(draft: ComposeDraft | undefined) {
    if (!draft) return;
    const streets = new Set(this.parts.flatMap((p) => p.streets.map((s) => s.id)));
    this.templateKey = this.templates.some((t) => t.key === draft.templateKey) ? draft.templateKey : '';
    if (this.packages.some((p) => p.id === draft.packageId)) this.packageId = draft.packageId;
    this.areas = {
      cityPartIds: draft.areas.cityPartIds.filter((id) => this.parts.some((p) => p.id === id)),
      streetIds: draft.areas.streetIds.filter((id) => streets.has(id)),
    };
    this.text = draft.text;
    this.transliterate = draft.transliterate;
    this.later = draft.later;
    this.sendAt = draft.sendAt;
    this.originator = this.#senders().includes(draft.originator) ? draft.originator : '';
    this.#changed();
  }

  #useTemplate(key: string) {
    const template = this.templates.find((t) => t.key === key);
    this.templateKey = template ? key : '';
    if (!template) return this.#save();
    this.#set(() => {
      this.text = template.text;
      if (this.packages.some((p) => p.id === template.package)) this.packageId = template.package;
    });
  }

  async #send() {
    this.dialog.close();
    await this.act(async () => {
      await this.#api!.create(this.#draft(true));
      window.dispatchEvent(new CustomEvent(CAMPAIGN_CREATED));
      this.#set(() => {
        this.templateKey = '';
        this.text = '';
        this.areas = { cityPartIds: [], streetIds: [] };
      });
    }, this.t(this.later ? 'scheduledOk' : 'sentOk'));
  }

  #areaLabels(): string[] {
    const labels: string[] = [];
    for (const part of this.parts) {
      if (this.areas.cityPartIds.includes(part.id)) labels.push(part.name);
      for (const s of part.streets) if (this.areas.streetIds.includes(s.id)) labels.push(areaLabel(s.name, part.name));
    }
    return labels;
  }


  override render() {
    if (!this.me) return html`<uui-loader-bar></uui-loader-bar>`;
    if (this.packages.length === 0) return html`<uui-box><p data-testid="compose-no-packages">${this.t('noPackages')}</p></uui-box>`;
    const sms = previewSms(this.text, this.transliterate ? 'transliterate' : 'keep');
    const packageName = this.packages.find((p) => p.id === this.packageId)?.name ?? '';
    return html`
      <uui-box headline=${this.t('composeTab')}>
        <span slot="header-actions" data-testid="compose-role">${this.t('role')}: ${this.me.roleName}</span>
        ${this.templates.length
          ? html`<uui-label for="template">${this.t('template')}</uui-label>
              <uui-select id="template" data-testid="compose-template" label=${this.t('template')}
                .options=${[{ name: this.t('noTemplate'), value: '', selected: this.templateKey === '' }, ...this.templates.map((t) => ({ name: t.name, value: t.key, selected: t.key === this.templateKey }))]}
                @change=${(e: Event) => this.#useTemplate((e.target as HTMLSelectElement).value)}></uui-select>`
          : nothing}
        <uui-label for="package" required>${this.t('package')}</uui-label>
        <uui-select id="package" data-testid="compose-package" label=${this.t('package')} placeholder=${this.t('choosePackage')}
          .options=${this.packages.map((p) => ({ name: `${p.id} – ${p.name}`, value: String(p.id), selected: p.id === this.packageId }))}
          @change=${(e: Event) => this.#set(() => (this.packageId = Number((e.target as HTMLSelectElement).value) || null))}></uui-select>
        <uui-label required>${this.t('areas')}</uui-label>
        <studenka-sms-area-picker .parts=${this.parts} .value=${this.areas}
          @change=${(e: CustomEvent<AreaSelection>) => this.#set(() => (this.areas = e.detail))}></studenka-sms-area-picker>
        <uui-label for="text" required>${this.t('text')}</uui-label>
        <uui-textarea id="text" data-testid="compose-text" label=${this.t('text')} rows="5" .value=${this.text}
          @input=${(e: Event) => this.#set(() => (this.text = (e.target as HTMLTextAreaElement).value))}></uui-textarea>
        ${smsCounter((k) => this.t(k), sms.count, 'compose-counter')}
        <uui-toggle data-testid="compose-transliterate" label=${this.t('removeDiacritics')} .checked=${this.transliterate}
          @change=${(e: Event) => this.#set(() => (this.transliterate = (e.target as HTMLInputElement).checked))}></uui-toggle>
        ${this.transliterate || sms.sentText !== this.text
          ? html`<p><small>${this.t('sentText')}:</small></p><pre class="sent" data-testid="compose-sent-text">${sms.sentText}</pre>`
          : nothing}
        ${this.#renderSender()}
        ${this.#renderWhen()}
        ${this.#renderPreview()}
        <uui-button data-testid="compose-send" look="primary" color="positive" label=${this.t('send')}
          ?disabled=${!this.preview || !this.previewFresh || this.busy || (this.later && !this.sendAt)} .state=${this.busy ? 'waiting' : undefined}
          @click=${() => this.dialog.showModal()}></uui-button>
      </uui-box>
      <dialog aria-labelledby="confirm-title" data-testid="confirm-dialog">
        <uui-dialog><uui-dialog-layout>
          <h3 id="confirm-title">${this.t('confirmTitle')}</h3>
          <dl data-testid="confirm-summary">
            <dt>${this.t('package')}</dt><dd>${packageName}</dd>
            <dt>${this.t('areas')}</dt><dd>${this.#areaLabels().join(', ')}</dd>
            <dt>${this.t('recipientsSms')}</dt><dd data-testid="confirm-recipients">${this.preview?.recipients ?? ''}</dd>
            ${this.preview?.recipientsByChannel?.email ? html`<dt>${this.t('recipientsEmail')}</dt><dd data-testid="confirm-recipients-email">${this.preview.recipientsByChannel.email}</dd>` : nothing}
            <dt>${this.t('segments')}</dt><dd>${this.#segments()}</dd>
            <dt>${this.t('cost')}</dt><dd>${this.#cost()}</dd>
            <dt>${this.t('when')}</dt><dd>${this.preview ? pragueTime(this, this.preview.dueAt) : ''}</dd>
            <dt>${this.t('sender')}</dt><dd data-testid="confirm-sender">${this.preview?.originator ?? ''}</dd>
          </dl>
          <pre class="sent">${this.preview?.sentText ?? ''}</pre>
          <div class="actions">
          <uui-button data-testid="confirm-cancel" label=${this.t('cancel')} @click=${() => this.dialog.close()}></uui-button>
          <uui-button data-testid="confirm-send" look="primary" color="positive" label=${this.t('confirmSend')} @click=${() => this.#send()}></uui-button>
          </div>
        </uui-dialog-layout></uui-dialog>
      </dialog>
    `;
  }

  /** Parts per SMS and for the whole campaign (what is billed). */
  #segments() {
    return this.preview ? `${this.preview.segmentsPerSms} · ${this.t('segmentsTotal')} ${this.preview.totalSegments}` : '';
  }

  #cost() {
    return this.preview ? this.localize.number(this.preview.estimatedCostCzk, { style: 'currency', currency: 'CZK' }) : '';
  }

  /** The senders beyond the default; the default itself is the empty choice. */
  #senders(): string[] {
    return (this.me?.senders ?? []).slice(1);
  }

  /** Only when there is a choice: most operators send under the town's one sender. */
  #renderSender() {
    const others = this.#senders();
    if (others.length === 0) return nothing;
    const fallback = this.me?.senders?.[0] ?? '';
    return html`
      <uui-label for="sender">${this.t('sender')}</uui-label>
      <uui-select id="sender" data-testid="compose-sender" label=${this.t('sender')}
        .options=${[{ name: fallback, value: '', selected: this.originator === '' }, ...others.map((s) => ({ name: s, value: s, selected: s === this.originator }))]}
        @change=${(e: Event) => this.#set(() => (this.originator = (e.target as HTMLSelectElement).value))}></uui-select>
    `;
  }

  #renderWhen() {
    return html`
      <uui-label>${this.t('when')}</uui-label>
      <uui-radio-group data-testid="compose-when" .value=${this.later ? 'later' : 'now'}
        @change=${(e: Event) => this.#set(() => (this.later = (e.target as HTMLInputElement).value === 'later'))}>
        <uui-radio value="now" label=${this.t('now')}></uui-radio>
        <uui-radio value="later" label=${this.t('later')}></uui-radio>
      </uui-radio-group>
      ${this.later
        ? html`<uui-input type="datetime-local" data-testid="compose-send-at" label=${this.t('sendAt')} .value=${this.sendAt}
            @change=${(e: Event) => this.#set(() => (this.sendAt = (e.target as HTMLInputElement).value))}></uui-input>`
        : nothing}
    `;
  }

  #renderPreview() {
    if (this.previewError) return html`<p class="error" role="alert" data-testid="compose-preview-error">${this.previewError}</p>`;
    const p = this.preview;
    if (!p) return nothing;
    return html`
      <dl class="preview" data-testid="compose-preview" data-fresh=${this.previewFresh} aria-busy=${!this.previewFresh}>
        <dt>${this.t('recipientsSms')}</dt><dd data-testid="compose-recipients">${p.recipients}</dd>
        <dt>${this.t('recipientsEmail')}</dt><dd data-testid="compose-recipients-email">${p.recipientsByChannel?.email ?? 0}</dd>
        <dt>${this.t('segments')}</dt><dd>${this.#segments()}</dd>
        <dt>${this.t('cost')}</dt><dd data-testid="compose-cost">${this.#cost()}</dd>
        ${p.quietHoursApply ? html`<dt>${this.t('quietHours')}</dt><dd data-testid="compose-quiet-hours">${pragueTime(this, p.dueAt)}</dd>` : nothing}
        ${p.addressesNeedingMapping ? html`<dt>${this.t('needsMapping')}</dt><dd>${p.addressesNeedingMapping}</dd>` : nothing}
      </dl>
    `;
  }

  static override styles = css`
    :host { display: block; padding: var(--uui-size-layout-1); max-width: 48rem; }
    uui-box > * { display: block; margin-bottom: var(--uui-size-space-3); }
    uui-select, uui-textarea, uui-input { width: 100%; }
    .counter { font-size: var(--uui-type-small-size); }
    pre.sent { white-space: pre-wrap; word-break: break-word; background: var(--uui-color-surface-alt); padding: var(--uui-size-space-3); font-family: inherit; }
    dl { display: grid; grid-template-columns: auto 1fr; gap: var(--uui-size-space-1) var(--uui-size-space-4); margin: 0; }
    dt { color: var(--uui-color-text-alt); }
    dd { margin: 0; font-weight: bold; }
    .error { color: var(--uui-color-danger); }
    .preview[data-fresh='false'] { opacity: 0.5; }
    dialog { border: none; padding: 0; width: min(32rem, 95vw); background: transparent; }
    uui-dialog-layout { --uui-dialog-layout-padding: var(--uui-size-space-4); }
    uui-dialog-layout h3 { margin-top: 0; }
    .actions { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: var(--uui-size-space-3); margin-top: var(--uui-size-space-4); }
    dialog::backdrop { background: rgb(0 0 0 / 40%); }
    @media (max-width: 600px) { :host { padding: var(--uui-size-space-3); } }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'studenka-sms-compose': StudenkaSmsComposeElement;
  }
}
