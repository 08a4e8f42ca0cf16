import { css, customElement, html, nothing, property, state } from '@umbraco-cms/backoffice/external/lit';
import { ApiError } from '../api/sms-api.js';
import type { SubscribersApi } from '../api/subscribers-api.js';
import type { AssistedCodeSent } from '../api/subscribers-types.js';
import type { AreaPart, PackageItem } from '../api/types.js';
import { notifySuccess } from './host.js';
import { fieldOf, signUpBody, type SignUpFields } from './subscribers.js';
import { StudenkaSmsElement } from './studenka-element.js';

const EMPTY: SignUpFields = {
  phone: '', name: '', email: '', partId: null, streetId: null, streetMissing: false, streetName: '', houseNumber: '', packages: [], consent: false,
};

/**
 * Sign-up at the town office for a resident who came in person or sent a paper form: the public
 * form's fields and rules (checked by the server), then the code to the resident's phone (typed here,
 * or by the resident later on the web) or the written consent recorded instead.
 */
@customElement('studenka-sms-subscribers-signup')
export class StudenkaSmsSubscribersSignupElement extends StudenkaSmsElement {
  @property({ attribute: false }) api?: SubscribersApi;
  @property({ attribute: false }) parts: AreaPart[] = [];
  @property({ attribute: false }) packages: PackageItem[] = [];

  @state() private f: SignUpFields = { ...EMPTY };
  @state() private errors: Record<string, string> = {};
  @state() private sent?: AssistedCodeSent;
  @state() private code = '';


  #set(change: Partial<SignUpFields>) {
    this.f = { ...this.f, ...change };
  }

  async #submit(work: () => Promise<void>) {
    this.errors = {};
    await this.act(work, undefined, (error) => {
      if (error instanceof ApiError && Object.keys(error.errors).length) {
        this.errors = Object.fromEntries(Object.entries(error.errors).map(([k, v]) => [fieldOf(k), v[0] ?? '']));
      }
    });
  }

  #done(message: string) {
    this.f = { ...EMPTY };
    this.sent = undefined;
    this.code = '';
    void notifySuccess(this, message);
    this.dispatchEvent(new CustomEvent('changed', { bubbles: true, composed: true }));
  }

  #sendCode = () => this.#submit(async () => {
    this.sent = await this.api!.sendCode(signUpBody(this.f));
  });

  #written = () => this.#submit(async () => {
    await this.api!.writtenConsent(signUpBody(this.f));
    this.#done(this.t('subscribersWrittenOk'));
  });

  #confirm = () => this.#submit(async () => {
    await this.api!.confirm(this.sent!.token, this.code.trim());
    this.#done(this.t('subscribersConfirmedOk'));
  });

  #error(field: string) {
    return this.errors[field] ? html`<div class="error" data-testid=${`signup-error-${field}`}>${this.errors[field]}</div>` : nothing;
  }

  override render() {
    return html`<uui-box headline=${this.t('subscribersSignUpTitle')} data-testid="subscribers-signup">
      ${this.sent ? this.#renderCode(this.sent) : this.#renderForm()}
    </uui-box>`;
  }

  #renderCode(sent: AssistedCodeSent) {
    const link = new URL(sent.confirmPath, window.location.origin).toString();
    return html`
      <p data-testid="signup-code-sent">${this.t('subscribersCodeSent', sent.phone)}</p>
      <uui-label for="code">${this.t('subscribersCode')}</uui-label>
      <uui-input id="code" data-testid="signup-code" label=${this.t('subscribersCode')} inputmode="numeric" maxlength="6" .value=${this.code}
        @input=${(e: Event) => (this.code = (e.target as HTMLInputElement).value)}></uui-input>
      ${this.#error('code')}
      <div class="row">
        <uui-button look="primary" data-testid="signup-confirm" label=${this.t('subscribersConfirm')} ?disabled=${this.busy} @click=${this.#confirm}></uui-button>
        <uui-button look="outline" data-testid="signup-later" label=${this.t('subscribersLater')}
          @click=${() => this.#done(this.t('subscribersLaterOk'))}></uui-button>
      </div>
      <p class="later">${this.t('subscribersLaterHelp')} <a data-testid="signup-later-link" href=${link} target="_blank" rel="noopener">${link}</a></p>
    `;
  }

  #renderForm() {
    const part = this.parts.find((p) => p.id === this.f.partId);
    return html`
      <uui-label for="phone" required>${this.t('phone')}</uui-label>
      <uui-input id="phone" data-testid="signup-phone" label=${this.t('phone')} inputmode="tel" .value=${this.f.phone}
        @input=${(e: Event) => this.#set({ phone: (e.target as HTMLInputElement).value })}></uui-input>
      ${this.#error('phone')}
      <uui-label for="name">${this.t('subscribersName')}</uui-label>
      <uui-input id="name" data-testid="signup-name" label=${this.t('subscribersName')} .value=${this.f.name}
        @input=${(e: Event) => this.#set({ name: (e.target as HTMLInputElement).value })}></uui-input>
      ${this.#error('name')}
      <uui-label for="email">${this.t('subscribersEmail')}</uui-label>
      <uui-input id="email" data-testid="signup-email" label=${this.t('subscribersEmail')} type="email" .value=${this.f.email}
        @input=${(e: Event) => this.#set({ email: (e.target as HTMLInputElement).value })}></uui-input>
      ${this.#error('email')}
      <uui-label for="part" required>${this.t('subscribersPart')}</uui-label>
      <uui-select id="part" data-testid="signup-part" label=${this.t('subscribersPart')} placeholder=${this.t('subscribersPart')}
        .options=${this.parts.map((p) => ({ name: p.name, value: String(p.id), selected: p.id === this.f.partId }))}
        @change=${(e: Event) => this.#set({ partId: Number((e.target as HTMLSelectElement).value) || null, streetId: null })}></uui-select>
      ${this.#error('partId')}
      ${part && part.streets.length ? this.#renderStreet(part) : nothing}
      <uui-label for="house">${this.t('subscribersHouse')}</uui-label>
      <uui-input id="house" data-testid="signup-house" label=${this.t('subscribersHouse')} .value=${this.f.houseNumber}
        @input=${(e: Event) => this.#set({ houseNumber: (e.target as HTMLInputElement).value })}></uui-input>
      ${this.#error('houseNumber')}
      <fieldset data-testid="signup-packages">
        <legend>${this.t('subscribersPackages')}</legend>
        ${this.packages.map((p) => html`<uui-checkbox data-testid=${`signup-package-${p.id}`} label=${`${p.id} – ${p.name}`}
          ?checked=${this.f.packages.includes(p.id)}
          @change=${(e: Event) => this.#set({ packages: (e.target as HTMLInputElement).checked ? [...this.f.packages, p.id] : this.f.packages.filter((x) => x !== p.id) })}
        ></uui-checkbox>`)}
      </fieldset>
      ${this.#error('packages')}
      <uui-checkbox data-testid="signup-consent" label=${this.t('subscribersConsent')} ?checked=${this.f.consent}
        @change=${(e: Event) => this.#set({ consent: (e.target as HTMLInputElement).checked })}></uui-checkbox>
      ${this.#error('consent')}
      <div class="row">
        <uui-button look="primary" data-testid="signup-send-code" label=${this.t('subscribersSendCode')} ?disabled=${this.busy} @click=${this.#sendCode}></uui-button>
        <uui-button look="outline" data-testid="signup-written" label=${this.t('subscribersWritten')} ?disabled=${this.busy} @click=${this.#written}></uui-button>
      </div>
      <p class="hint">${this.t('subscribersWrittenHelp')}</p>
    `;
  }

  #renderStreet(part: AreaPart) {
    return html`
      <uui-label for="street">${this.t('subscribersStreet')}</uui-label>
      ${this.f.streetMissing
        ? html`<uui-input id="street" data-testid="signup-street-name" label=${this.t('subscribersStreetName')} .value=${this.f.streetName}
            @input=${(e: Event) => this.#set({ streetName: (e.target as HTMLInputElement).value })}></uui-input>`
        : html`<uui-select id="street" data-testid="signup-street" label=${this.t('subscribersStreet')} placeholder=${this.t('subscribersStreet')}
            .options=${part.streets.map((s) => ({ name: s.name, value: String(s.id), selected: s.id === this.f.streetId }))}
            @change=${(e: Event) => this.#set({ streetId: Number((e.target as HTMLSelectElement).value) || null })}></uui-select>`}
      <uui-checkbox data-testid="signup-street-missing" label=${this.t('subscribersStreetMissing')} ?checked=${this.f.streetMissing}
        @change=${(e: Event) => this.#set({ streetMissing: (e.target as HTMLInputElement).checked })}></uui-checkbox>
      ${this.#error('streetId')}${this.#error('streetName')}
    `;
  }

  static override styles = css`
    :host { display: block; }
    uui-box > *, uui-label { display: block; }
    uui-input, uui-select { width: 100%; margin-bottom: var(--uui-size-space-3); }
    fieldset { border: none; padding: 0; margin: var(--uui-size-space-3) 0; display: flex; flex-direction: column; gap: var(--uui-size-space-2); }
    legend { font-weight: bold; margin-bottom: var(--uui-size-space-2); }
    .row { display: flex; flex-wrap: wrap; gap: var(--uui-size-space-3); margin: var(--uui-size-space-4) 0; }
    .error { color: var(--uui-color-danger); margin-bottom: var(--uui-size-space-3); }
    .hint, .later { color: var(--uui-color-text-alt); font-size: var(--uui-type-small-size); word-break: break-all; }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'studenka-sms-subscribers-signup': StudenkaSmsSubscribersSignupElement;
  }
}
