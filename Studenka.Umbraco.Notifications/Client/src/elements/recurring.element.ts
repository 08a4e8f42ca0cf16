import { css, customElement, html, nothing, state } from '@umbraco-cms/backoffice/external/lit';
import { RecurringApi, type RecurringAnnouncement, type RecurringInput } from '../api/recurring-api.js';
import { ApiError } from '../api/sms-api.js';
import type { AreaPart, PackageItem } from '../api/types.js';
import { previewSms } from '../sms/sms-segments.js';
import type { AreaSelection } from './area-picker.element.js';
import { areaLabel } from './areas.js';
import { apiFor, notifyError, pragueTime } from './host.js';
import { DAYS, type Day, fromCron, type Schedule, toCron } from './recurring-schedule.js';
import { smsCounter } from './sms-counter.js';
import { StudenkaSmsElement } from './studenka-element.js';
import './area-picker.element.js';

interface Form {
  id: number | null;
  name: string;
  schedule: Schedule;
  weekInterval: number;
  startsOn: string;
  text: string;
  packageId: number | null;
  areas: AreaSelection;
}

const BLANK: Form = {
  id: null, name: '', schedule: { kind: 'weekly', days: ['TUE'], time: '07:00' }, weekInterval: 1, startsOn: '', text: '', packageId: null,
  areas: { cityPartIds: [], streetIds: [] },
};
const KINDS = ['weekly', 'monthly', 'cron'] as const;

/**
 * Recurring announcements (Administrators; the API refuses the others): waste collection every other
 * Tuesday for some streets, the monthly council meeting. The list shows each one's next firings as the
 * server computed them (public holidays and resting weeks left out); one form creates and edits.
 */
@customElement('studenka-sms-recurring')
export class StudenkaSmsRecurringElement extends StudenkaSmsElement {
  @state() private items: RecurringAnnouncement[] = [];
  @state() private loaded = false;
  @state() private packages: PackageItem[] = [];
  @state() private parts: AreaPart[] = [];
  @state() private form?: Form;
  @state() private errors: Record<string, string[]> = {};
  @state() private deleting: number | null = null;

  #api?: RecurringApi;

  override async connectedCallback() {
    super.connectedCallback();
    try {
      const api = await apiFor(this);
      this.#api = new RecurringApi(api);
      const [packages, parts] = await Promise.all([api.packages(), api.areas()]);
      this.packages = packages.filter((p) => p.forMessages);
      this.parts = parts;
      await this.#load();
    } catch (error) {
      await notifyError(this, error);
    }
  }

  async #load() {
    this.items = await this.#api!.list();
    this.loaded = true;
  }

  #edit(item?: RecurringAnnouncement) {
    this.errors = {};
    this.form = item
      ? {
          id: item.id, name: item.name, schedule: fromCron(item.cron), weekInterval: item.weekInterval, startsOn: item.startsOn, text: item.text,
          packageId: item.packageId, areas: { cityPartIds: [...item.cityPartIds], streetIds: [...item.streetIds] },
        }
      : { ...BLANK, packageId: this.packages.length === 1 ? this.packages[0]!.id : null };
  }

  #set(patch: Partial<Form>) {
    if (this.form) this.form = { ...this.form, ...patch };
  }

  #setSchedule(patch: Partial<Schedule>) {
    if (this.form) this.#set({ schedule: { ...this.form.schedule, ...patch } as Schedule });
  }

  /** Switching the kind keeps the time typed so far. */
  #setKind(kind: Schedule['kind']) {
    const s = this.form?.schedule;
    if (!s || s.kind === kind) return;
    const time = s.kind === 'cron' ? '07:00' : s.time;
    this.#set({
      schedule: kind === 'weekly' ? { kind, days: ['TUE'], time } : kind === 'monthly' ? { kind, day: 'MON', nth: 1, time } : { kind, cron: toCron(s) },
      weekInterval: kind === 'monthly' ? 1 : this.form!.weekInterval,
    });
  }

  async #save() {
    const f = this.form;
    const api = this.#api;
    if (!f || !api) return;
    const input: RecurringInput = {
      name: f.name, cron: toCron(f.schedule), text: f.text, packageId: f.packageId, cityPartIds: f.areas.cityPartIds, streetIds: f.areas.streetIds,
      weekInterval: f.weekInterval, startsOn: f.startsOn || null,
    };
    await this.act(async () => {
      await (f.id === null ? api.create(input) : api.update(f.id, input));
      this.form = undefined;
      this.errors = {};
      await this.#load();
    }, this.t('recurringSaved'), (error) => {
      if (error instanceof ApiError) this.errors = error.errors;
    });
  }

  async #delete(id: number) {
    const api = this.#api;
    if (!api) return;
    await this.act(async () => {
      await api.remove(id);
      this.deleting = null;
      await this.#load();
    }, this.t('recurringDeleted'));
  }

  #err(field: string) {
    const m = this.errors[field];
    return m?.length ? html`<small class="error" role="alert" data-testid=${`recurring-error-${field}`}>${m.join(' ')}</small>` : nothing;
  }

  #describe(item: RecurringAnnouncement): string {
    const s = fromCron(item.cron);
    const every = item.weekInterval > 1 ? ` · ${this.t('recurringEveryNth', item.weekInterval)}` : '';
    if (s.kind === 'weekly') return `${s.days.map((d) => this.t(`recurringDay_${d}`)).join(', ')} ${s.time}${every}`;
    if (s.kind === 'monthly') return `${this.t('recurringNthOfMonth', s.nth, this.t(`recurringDay_${s.day}`))} ${s.time}`;
    return `${item.cron}${every}`;
  }

  #areas(cityPartIds: number[], streetIds: number[]): string {
    const labels: string[] = [];
    for (const part of this.parts) {
      if (cityPartIds.includes(part.id)) labels.push(part.name);
      for (const s of part.streets) if (streetIds.includes(s.id)) labels.push(areaLabel(s.name, part.name));
    }
    return labels.join(', ') || this.t('recurringWholeTown');
  }

  override render() {
    return html`
      ${this.form ? this.#renderForm(this.form) : nothing}
      <uui-box headline=${this.t('recurringTitle')}>
        ${this.form ? nothing : html`<uui-button slot="header-actions" look="primary" data-testid="recurring-new" label=${this.t('recurringNew')}
          @click=${() => this.#edit()}></uui-button>`}
        <p class="hint">${this.t('recurringHint')}</p>
        ${!this.loaded ? html`<uui-loader-bar></uui-loader-bar>` : nothing}
        ${this.loaded && this.items.length === 0 ? html`<p data-testid="recurring-empty">${this.t('recurringEmpty')}</p>` : nothing}
        <ul data-testid="recurring-list">${this.items.map((item) => this.#renderItem(item))}</ul>
      </uui-box>`;
  }

  #renderItem(item: RecurringAnnouncement) {
    return html`<li data-testid=${`recurring-${item.id}`}>
      <strong>${item.name}</strong>
      <div class="meta">${this.#describe(item)} · ${this.t('package')} ${item.packageId} · ${this.#areas(item.cityPartIds, item.streetIds)}</div>
      <p class="text">${item.text}</p>
      <div>${this.t('recurringNext')}:
        ${item.nextFirings.length
          ? html`<ol class="next" data-testid=${`recurring-next-${item.id}`}>${item.nextFirings.map((at) => html`<li data-at=${at}>${pragueTime(this, at)}</li>`)}</ol>`
          : html`<span data-testid=${`recurring-next-${item.id}`}>${this.t('recurringNever')}</span>`}
      </div>
      <div class="meta">${item.lastFiredAt ? html`${this.t('recurringLast')}: ${pragueTime(this, item.lastFiredAt)} · ` : nothing}
        ${this.t('updated')}: ${item.updatedBy}, ${pragueTime(this, item.updatedAt)}</div>
      <div class="row">
        <uui-button look="outline" data-testid=${`recurring-edit-${item.id}`} label=${this.t('recurringEdit')} @click=${() => this.#edit(item)}></uui-button>
        ${this.deleting === item.id
          ? html`<span role="alert">${this.t('recurringDeleteConfirm')}</span>
              <uui-button look="primary" color="danger" ?disabled=${this.busy} data-testid=${`recurring-delete-confirm-${item.id}`}
                label=${this.t('recurringDeleteYes')} @click=${() => this.#delete(item.id)}></uui-button>
              <uui-button look="outline" label=${this.t('cancel')} @click=${() => (this.deleting = null)}></uui-button>`
          : html`<uui-button look="outline" color="danger" data-testid=${`recurring-delete-${item.id}`} label=${this.t('recurringDelete')}
              @click=${() => (this.deleting = item.id)}></uui-button>`}
      </div>
    </li>`;
  }

  #renderForm(f: Form) {
    const s = f.schedule;
    const input = (e: Event) => (e.target as HTMLInputElement).value;
    return html`<uui-box headline=${this.t(f.id === null ? 'recurringNew' : 'recurringEdit')} data-testid="recurring-form">
      <label class="field"><span>${this.t('recurring_name')}</span>
        <uui-input data-testid="recurring-name" label=${this.t('recurring_name')} .value=${f.name} @input=${(e: Event) => this.#set({ name: input(e) })}></uui-input>
        ${this.#err('name')}</label>
      <fieldset><legend>${this.t('recurringSchedule')}</legend>
        <uui-radio-group data-testid="recurring-kind" .value=${s.kind} @change=${(e: Event) => this.#setKind(input(e) as Schedule['kind'])}>
          ${KINDS.map((k) => html`<uui-radio value=${k} label=${this.t(`recurringKind_${k}`)}></uui-radio>`)}
        </uui-radio-group>
        ${s.kind === 'weekly' ? html`<div class="row" role="group" aria-label=${this.t('recurringDays')}>
          ${DAYS.map((d) => html`<uui-checkbox data-testid=${`recurring-day-${d}`} label=${this.t(`recurringDay_${d}`)} .checked=${s.days.includes(d)}
            @change=${(e: Event) => this.#setSchedule({ days: (e.target as HTMLInputElement).checked ? [...s.days, d] : s.days.filter((x) => x !== d) })}></uui-checkbox>`)}
        </div>` : nothing}
        ${s.kind === 'monthly' ? html`<div class="row">
          <uui-select data-testid="recurring-nth" label=${this.t('recurringNth')}
            .options=${[1, 2, 3, 4, 5].map((n) => ({ name: `${n}.`, value: String(n), selected: n === s.nth }))}
            @change=${(e: Event) => this.#setSchedule({ nth: Number(input(e)) })}></uui-select>
          <uui-select data-testid="recurring-month-day" label=${this.t('recurringDays')}
            .options=${DAYS.map((d) => ({ name: this.t(`recurringDay_${d}`), value: d, selected: d === s.day }))}
            @change=${(e: Event) => this.#setSchedule({ day: input(e) as Day })}></uui-select>
        </div>` : nothing}
        ${s.kind === 'cron' ? html`<label class="field"><span>${this.t('recurring_cron')}</span>
          <uui-input data-testid="recurring-cron" label=${this.t('recurring_cron')} placeholder="0 0 7 ? * TUE" .value=${s.cron}
            @input=${(e: Event) => this.#setSchedule({ cron: input(e) })}></uui-input></label>`
          : html`<label class="field"><span>${this.t('recurringTime')}</span>
          <uui-input type="time" data-testid="recurring-time" label=${this.t('recurringTime')} .value=${s.time}
            @change=${(e: Event) => this.#setSchedule({ time: input(e) })}></uui-input></label>`}
        ${this.#err('cron')}
        ${s.kind === 'monthly' ? nothing : html`<div class="row">
          <label class="field"><span>${this.t('recurring_weekInterval')}</span>
            <uui-input type="number" min="1" max="8" data-testid="recurring-interval" label=${this.t('recurring_weekInterval')} .value=${String(f.weekInterval)}
              @input=${(e: Event) => this.#set({ weekInterval: Number(input(e)) })}></uui-input>${this.#err('weekInterval')}</label>
          <label class="field"><span>${this.t('recurring_startsOn')}</span>
            <uui-input type="date" data-testid="recurring-starts-on" label=${this.t('recurring_startsOn')} .value=${f.startsOn}
              @change=${(e: Event) => this.#set({ startsOn: input(e) })}></uui-input>${this.#err('startsOn')}</label>
        </div>`}
        <p class="hint">${this.t('recurringHolidays')}</p>
      </fieldset>
      <label class="field"><span>${this.t('package')}</span>
        <uui-select data-testid="recurring-package" label=${this.t('package')} placeholder=${this.t('choosePackage')}
          .options=${this.packages.map((p) => ({ name: `${p.id} – ${p.name}`, value: String(p.id), selected: p.id === f.packageId }))}
          @change=${(e: Event) => this.#set({ packageId: Number(input(e)) || null })}></uui-select>${this.#err('packageId')}</label>
      <div class="field"><span>${this.t('areas')}</span>
        <studenka-sms-area-picker .parts=${this.parts} .value=${f.areas}
          @change=${(e: CustomEvent<AreaSelection>) => this.#set({ areas: e.detail })}></studenka-sms-area-picker>
        ${this.#err('cityPartIds')}${this.#err('streetIds')}</div>
      <label class="field"><span>${this.t('text')}</span>
        <uui-textarea data-testid="recurring-text" label=${this.t('text')} rows="4" .value=${f.text}
          @input=${(e: Event) => this.#set({ text: input(e) })}></uui-textarea>
        ${smsCounter((k) => this.t(k), previewSms(f.text, 'keep').count, 'recurring-counter')}${this.#err('text')}</label>
      <div class="row">
        <uui-button look="primary" ?disabled=${this.busy} data-testid="recurring-save" label=${this.t('settingsSave')} @click=${() => this.#save()}></uui-button>
        <uui-button look="outline" data-testid="recurring-cancel" label=${this.t('cancel')} @click=${() => (this.form = undefined)}></uui-button>
      </div>
    </uui-box>`;
  }

  static override styles = css`
    :host { display: flex; flex-direction: column; gap: var(--uui-size-layout-1); padding: var(--uui-size-layout-1); max-width: 56rem; }
    .row { display: flex; flex-wrap: wrap; align-items: center; gap: var(--uui-size-space-3); margin-bottom: var(--uui-size-space-3); }
    .field { display: flex; flex-direction: column; gap: var(--uui-size-space-1); margin-bottom: var(--uui-size-space-4); }
    .row .field { margin-bottom: 0; }
    fieldset { border: 1px solid var(--uui-color-divider); margin: 0 0 var(--uui-size-space-4); padding: var(--uui-size-space-3); min-width: 0; }
    uui-input, uui-textarea, uui-select { width: 100%; }
    .row uui-input, .row uui-select { width: auto; }
    ul { list-style: none; margin: 0; padding: 0; }
    ul > li { border-bottom: 1px solid var(--uui-color-divider); padding: var(--uui-size-space-3) 0; overflow-wrap: anywhere; }
    ol.next { margin: var(--uui-size-space-1) 0; }
    .meta, .hint, .counter { color: var(--uui-color-text-alt); font-size: var(--uui-type-small-size); }
    .text { white-space: pre-wrap; }
    .error { color: var(--uui-color-danger); }
    @media (max-width: 600px) { :host { padding: var(--uui-size-space-3); } .row uui-input, .row uui-select { width: 100%; } }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'studenka-sms-recurring': StudenkaSmsRecurringElement;
  }
}
