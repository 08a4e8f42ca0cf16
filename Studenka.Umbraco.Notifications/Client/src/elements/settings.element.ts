import { css, customElement, html, nothing, state } from '@umbraco-cms/backoffice/external/lit';
import { ApiError } from '../api/sms-api.js';
import { SettingsApi } from '../api/settings-api.js';
import type { MessageTemplate, PrivacyText, RoleOriginators, SettingName, SettingValue, SettingsView } from '../api/settings-types.js';
import { apiFor, notifyError, pragueTime } from './host.js';
import { StudenkaSmsElement } from './studenka-element.js';

type Section = SettingName | 'verification-cap';
type Role = keyof RoleOriginators;
const QUIET_PACKAGES = [2, 3, 4] as const;
const ROLES: Role[] = ['administrator', 'editor', 'dispatch'];
const PRIVACY_FIELDS: (keyof PrivacyText)[] = [
  'controllerName', 'controllerIco', 'controllerAddress', 'contactEmail', 'contactPhone', 'dataBox', 'dpoName', 'dpoEmail', 'smsProcessor', 'emailPurpose',
];

/** Settings view (Administrators): each box saves one setting; the server validates, stores, audits. */
@customElement('studenka-sms-settings')
export class StudenkaSmsSettingsElement extends StudenkaSmsElement {
  @state() private view?: SettingsView;
  @state() private quiet: Record<number, { on: boolean; start: string; end: string }> = {};
  @state() private price = '';
  @state() private cap = '';
  @state() private senders: Record<Role, { any: boolean; list: string }> = {} as Record<Role, { any: boolean; list: string }>;
  @state() private templates: MessageTemplate[] = [];
  @state() private privacy?: PrivacyText;
  @state() private errors: Partial<Record<Section, Record<string, string[]>>> = {};

  #api?: SettingsApi;

  override async connectedCallback() {
    super.connectedCallback();
    try {
      this.#api = new SettingsApi(await apiFor(this));
      this.#fill(await this.#api.all());
    } catch (error) {
      await notifyError(this, error);
    }
  }


  #fill(view: SettingsView) {
    this.view = view;
    this.quiet = Object.fromEntries(QUIET_PACKAGES.map((p) => {
      const w = view.quietHours.value.find((x) => x.packageId === p);
      return [p, { on: !!w, start: w?.start ?? '21:00', end: w?.end ?? '07:00' }];
    }));
    this.price = String(view.pricePerSegmentCzk.value);
    this.cap = String(view.verificationCap.dailyCap);
    this.senders = Object.fromEntries(ROLES.map((r) => {
      const list = view.originators.value[r];
      return [r, { any: list === null, list: (list ?? []).join('\n') }];
    })) as Record<Role, { any: boolean; list: string }>;
    this.templates = view.templates.value.map((t) => ({ ...t }));
    this.privacy = { ...view.privacy.value };
  }

  async #save(section: Section, work: (api: SettingsApi) => Promise<unknown>) {
    const api = this.#api;
    if (!api) return;
    await this.act(async () => {
      await work(api);
      this.errors = { ...this.errors, [section]: {} };
      this.#fill(await api.all());
    }, this.t('settingsSaved'), (error) => {
      if (error instanceof ApiError) this.errors = { ...this.errors, [section]: error.errors };
    });
  }

  #saveQuiet = () => this.#save('quiet-hours', (api) => api.setQuietHours(
    QUIET_PACKAGES.filter((p) => this.quiet[p]?.on).map((p) => ({ packageId: p, start: this.quiet[p]!.start, end: this.quiet[p]!.end }))));

  #saveSenders = () => this.#save('originators', (api) => api.setOriginators(Object.fromEntries(ROLES.map((r) => [
    r, this.senders[r].any ? null : this.senders[r].list.split('\n').map((s) => s.trim()).filter((s) => s.length > 0),
  ])) as unknown as RoleOriginators));

  #savePrivacy = () => this.#save('privacy', (api) => api.setPrivacy(this.privacy!));

  #err(section: Section, field: string) {
    const messages = this.errors[section]?.[field];
    return messages?.length ? html`<small class="error" role="alert" data-testid=${`settings-error-${field}`}>${messages.join(' ')}</small>` : nothing;
  }

  #changed(value: SettingValue<unknown>, name: SettingName) {
    return html`<p class="meta">${value.changedBy
      ? html`${this.t('settingsChanged', pragueTime(this, value.changedAt), value.changedBy)}
          <uui-button look="secondary" compact data-testid=${`settings-reset-${name}`} label=${this.t('settingsReset')}
            @click=${() => this.#save(name, (api) => api.reset(name))}></uui-button>`
      : this.t('settingsDefault')}</p>`;
  }

  #input(value: string, label: string, testid: string, set: (v: string) => void, type = 'text') {
    return html`<label class="field"><span>${label}</span><uui-input type=${type} label=${label} data-testid=${testid} .value=${value}
      @input=${(e: Event) => set((e.target as HTMLInputElement).value)}></uui-input></label>`;
  }

  override render() {
    const v = this.view;
    if (!v) return html`<uui-loader-bar></uui-loader-bar>`;
    return html`
      <uui-box headline=${this.t('settingsQuietHours')} data-testid="settings-quiet-hours">
        ${this.#changed(v.quietHours, 'quiet-hours')}
        <p>${this.t('settingsQuietHoursHelp')}</p>
        ${QUIET_PACKAGES.map((p) => {
          const w = this.quiet[p]!;
          const set = (change: Partial<typeof w>) => (this.quiet = { ...this.quiet, [p]: { ...w, ...change } });
          return html`<div class="row">
            <uui-toggle data-testid=${`settings-quiet-${p}-on`} label=${this.t('settingsPackage', p)} .checked=${w.on}
              @change=${(e: Event) => set({ on: (e.target as HTMLInputElement).checked })}></uui-toggle>
            ${w.on ? html`
              ${this.#input(w.start, this.t('settingsFrom'), `settings-quiet-${p}-start`, (s) => set({ start: s }), 'time')}
              ${this.#input(w.end, this.t('settingsTo'), `settings-quiet-${p}-end`, (s) => set({ end: s }), 'time')}` : nothing}
          </div>`;
        })}
        ${Object.keys(this.errors['quiet-hours'] ?? {}).map((f) => this.#err('quiet-hours', f))}
        <uui-button look="primary" ?disabled=${this.busy} data-testid="settings-quiet-save" label=${this.t('settingsSave')} @click=${this.#saveQuiet}></uui-button>
      </uui-box>

      <uui-box headline=${this.t('settingsPrice')}>
        ${this.#changed(v.pricePerSegmentCzk, 'price')}
        ${this.#input(this.price, this.t('settingsPriceLabel'), 'settings-price', (s) => (this.price = s), 'number')}
        ${this.#err('price', 'pricePerSegmentCzk')}
        <uui-button look="primary" ?disabled=${this.busy} data-testid="settings-price-save" label=${this.t('settingsSave')}
          @click=${() => this.#save('price', (api) => api.setPrice(this.price.trim() === '' ? null : Number(this.price)))}></uui-button>
      </uui-box>

      <uui-box headline=${this.t('settingsCap')}>
        <p class="meta">${this.t('settingsCapToday', v.verificationCap.sentToday, v.verificationCap.configuredDefault)}</p>
        ${this.#input(this.cap, this.t('settingsCapLabel'), 'settings-cap', (s) => (this.cap = s), 'number')}
        ${this.#err('verification-cap', 'dailyCap')}
        <uui-button look="primary" ?disabled=${this.busy} data-testid="settings-cap-save" label=${this.t('settingsSave')}
          @click=${() => this.#save('verification-cap', (api) => api.setVerificationCap(this.cap.trim() === '' ? null : Number(this.cap)))}></uui-button>
      </uui-box>

      <uui-box headline=${this.t('settingsSenders')}>
        ${this.#changed(v.originators, 'originators')}
        <p>${this.t('settingsSendersHelp', v.defaultOriginator)}</p>
        ${ROLES.map((r) => {
          const s = this.senders[r];
          const set = (change: Partial<typeof s>) => (this.senders = { ...this.senders, [r]: { ...s, ...change } });
          return html`<div class="stack">
            <uui-toggle data-testid=${`settings-senders-${r}-any`} label=${this.t(`settingsRole_${r}`) + ': ' + this.t('settingsAnySender')}
              .checked=${s.any} @change=${(e: Event) => set({ any: (e.target as HTMLInputElement).checked })}></uui-toggle>
            ${s.any ? nothing : html`<uui-textarea data-testid=${`settings-senders-${r}`} label=${this.t('settingsSendersList')} .value=${s.list}
              @input=${(e: Event) => set({ list: (e.target as HTMLTextAreaElement).value })}></uui-textarea>`}
            ${Object.keys(this.errors.originators ?? {}).filter((f) => f.startsWith(r)).map((f) => this.#err('originators', f))}
          </div>`;
        })}
        <uui-button look="primary" ?disabled=${this.busy} data-testid="settings-senders-save" label=${this.t('settingsSave')} @click=${this.#saveSenders}></uui-button>
      </uui-box>

      ${this.#renderTemplates(v)}
      ${this.#renderPrivacy(v)}
    `;
  }

  #renderTemplates(v: SettingsView) {
    const set = (i: number, change: Partial<MessageTemplate>) =>
      (this.templates = this.templates.map((t, j) => (j === i ? { ...t, ...change } : t)));
    return html`<uui-box headline=${this.t('settingsTemplates')} data-testid="settings-templates">
      ${this.#changed(v.templates, 'templates')}
      ${this.templates.map((t, i) => html`<fieldset data-testid=${`settings-template-${i}`}>
        <div class="row">
          ${this.#input(t.key, this.t('settingsTemplateKey'), `settings-template-${i}-key`, (s) => set(i, { key: s }))}
          ${this.#input(t.name, this.t('settingsTemplateName'), `settings-template-${i}-name`, (s) => set(i, { name: s }))}
          <uui-select label=${this.t('package')} data-testid=${`settings-template-${i}-package`}
            .options=${[1, 2, 3, 4].map((p) => ({ name: String(p), value: String(p), selected: p === t.package }))}
            @change=${(e: Event) => set(i, { package: Number((e.target as HTMLSelectElement).value) })}></uui-select>
        </div>
        <uui-textarea label=${this.t('settingsTemplateText')} data-testid=${`settings-template-${i}-text`} .value=${t.text}
          maxlength=${v.maxTemplateLength} @input=${(e: Event) => set(i, { text: (e.target as HTMLTextAreaElement).value })}></uui-textarea>
        ${['key', 'name', 'package', 'text'].map((f) => this.#err('templates', `templates[${i}].${f}`))}
        <uui-button look="secondary" color="danger" label=${this.t('remove') + ' ' + t.name}
          @click=${() => (this.templates = this.templates.filter((_, j) => j !== i))}>${this.t('remove')}</uui-button>
      </fieldset>`)}
      <div class="row">
        <uui-button look="outline" data-testid="settings-template-add" label=${this.t('settingsTemplateAdd')}
          @click=${() => (this.templates = [...this.templates, { key: '', name: '', package: 1, text: '' }])}></uui-button>
        <uui-button look="primary" ?disabled=${this.busy} data-testid="settings-templates-save" label=${this.t('settingsSave')}
          @click=${() => this.#save('templates', (api) => api.setTemplates(this.templates))}></uui-button>
      </div>
    </uui-box>`;
  }

  #renderPrivacy(v: SettingsView) {
    const p = this.privacy!;
    return html`<uui-box headline=${this.t('settingsPrivacy')} data-testid="settings-privacy">
      ${this.#changed(v.privacy, 'privacy')}
      ${PRIVACY_FIELDS.map((f) => html`<div class="stack">
        ${f === 'emailPurpose'
          ? html`<uui-textarea label=${this.t(`settingsPrivacy_${f}`)} data-testid=${`settings-privacy-${f}`} .value=${p[f] ?? ''}
              @input=${(e: Event) => (this.privacy = { ...p, [f]: (e.target as HTMLTextAreaElement).value })}></uui-textarea>`
          : this.#input(p[f] ?? '', this.t(`settingsPrivacy_${f}`), `settings-privacy-${f}`, (s) => (this.privacy = { ...p, [f]: s }))}
        ${this.#err('privacy', f)}
      </div>`)}
      <uui-button look="primary" ?disabled=${this.busy} data-testid="settings-privacy-save" label=${this.t('settingsSave')} @click=${this.#savePrivacy}></uui-button>
    </uui-box>`;
  }

  static override styles = css`
    :host { display: flex; flex-direction: column; gap: var(--uui-size-layout-1); padding: var(--uui-size-layout-1); }
    .row { display: flex; flex-wrap: wrap; align-items: center; gap: var(--uui-size-space-3); margin-bottom: var(--uui-size-space-3); }
    .stack { display: flex; flex-direction: column; gap: var(--uui-size-space-2); margin-bottom: var(--uui-size-space-3); }
    uui-textarea, .stack uui-input, .stack .field { width: 100%; }
    .field { display: inline-flex; flex-direction: column; gap: var(--uui-size-space-1); }
    fieldset { border: 1px solid var(--uui-color-divider); border-radius: var(--uui-border-radius); margin: 0 0 var(--uui-size-space-4); padding: var(--uui-size-space-3); min-width: 0; }
    .meta { color: var(--uui-color-text-alt); display: flex; flex-wrap: wrap; align-items: center; gap: var(--uui-size-space-3); }
    .error { color: var(--uui-color-danger); display: block; }
    @media (max-width: 600px) { :host { padding: var(--uui-size-space-3); } .row .field, .row uui-select { width: 100%; } }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'studenka-sms-settings': StudenkaSmsSettingsElement;
  }
}
