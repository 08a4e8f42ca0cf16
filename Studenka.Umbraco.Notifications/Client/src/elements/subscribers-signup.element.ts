import { css, customElement, html, nothing, property, state } from '@umbraco-cms/backoffice/external/lit';
import { ApiError } from '../api/sms-api.js';
import type { SubscribersApi } from '../api/subscribers-api.js';
import type { AssistedCodeSent } from '../api/subscribers-types.js';
import type { AreaPart, PackageItem } from '../api/types.js';
import { notifySuccess } from './host.js';
import { emptyAddress, fieldOf, MAX_ADDRESSES, signUpBody, type AddressFields, type SignUpFields } from './subscribers.js';
import { StudenkaSmsElement } from './studenka-element.js';

const empty = (): SignUpFields => ({ phone: '', name: '', email: '', addresses: [emptyAddress()], packages: [], consent: false });

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

  @state() private f: SignUpFields = empty();
  @state() private errors: Record<string, string> = {};
  @state() private sent?: AssistedCodeSent;
  @state() private code = '';


  #set(change: Partial<SignUpFields>) {
    this.f = { ...this.f, ...change };
  }

  #setAddress(index: number, change: Partial<AddressFields>) {
    this.#set({ addresses: this.f.addresses.map((a, i) => (i === index ? { ...a, ...change } : a)) });
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
    this.f = empty();
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
      ${this.f.addresses.map((a, i) => this.#renderAddress(a, i))}
      ${this.#error('addresses')}
      ${this.f.addresses.length < MAX_ADDRESSES
        ? html`<uui-button look="outline" compact data-testid="signup-add-address" label=${this.t('subscribersAddAddress')}
            @click=${() => this.#set({ addresses: [...this.f.addresses, emptyAddress()] })}></uui-button>`
        : nothing}
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

  /** The first address keeps the plain test ids and field names; a further one carries its index ("-1", "-2"). */
  #renderAddress(a: AddressFields, i: number) {
    const n = i === 0 ? '' : `-${i}`;
    const part = this.parts.find((p) => p.id === a.partId);
    return html`<fieldset class="address" data-testid=${`signup-address${n}`}>
      <legend>${this.t('subscribersAddress', i + 1)}</legend>
      <uui-label for=${`part${n}`} required>${this.t('subscribersPart')}</uui-label>
      <uui-select id=${`part${n}`} data-testid=${`signup-part${n}`} label=${this.t('subscribersPart')} placeholder=${this.t('subscribersPart')}
        .options=${this.parts.map((p) => ({ name: p.name, value: String(p.id), selected: p.id === a.partId }))}
        @change=${(e: Event) => this.#setAddress(i, { partId: Number((e.target as HTMLSelectElement).value) || null, streetId: null })}></uui-select>
      ${this.#error(`partId${n}`)}
      ${part && part.streets.length ? this.#renderStreet(part, a, i, n) : nothing}
      <uui-label for=${`house${n}`}>${this.t('subscribersHouse')}</uui-label>
      <uui-input id=${`house${n}`} data-testid=${`signup-house${n}`} label=${this.t('subscribersHouse')} .value=${a.houseNumber}
        @input=${(e: Event) => this.#setAddress(i, { houseNumber: (e.target as HTMLInputElement).value })}></uui-input>
      ${this.#error(`houseNumber${n}`)}
      ${i > 0
        ? html`<uui-button look="outline" compact color="danger" data-testid=${`signup-remove-address${n}`} label=${this.t('subscribersRemoveAddress')}
            @click=${() => this.#set({ addresses: this.f.addresses.filter((_, j) => j !== i) })}></uui-button>`
        : nothing}
    </fieldset>`;
  }

  #renderStreet(part: AreaPart, a: AddressFields, i: number, n: string) {
    return html`
      <uui-label for=${`street${n}`}>${this.t('subscribersStreet')}</uui-label>
      ${a.streetMissing
        ? html`<uui-input id=${`street${n}`} data-testid=${`signup-street-name${n}`} label=${this.t('subscribersStreetName')} .value=${a.streetName}
            @input=${(e: Event) => this.#setAddress(i, { streetName: (e.target as HTMLInputElement).value })}></uui-input>`
        : html`<uui-select id=${`street${n}`} data-testid=${`signup-street${n}`} label=${this.t('subscribersStreet')} placeholder=${this.t('subscribersStreet')}
            .options=${part.streets.map((s) => ({ name: s.name, value: String(s.id), selected: s.id === a.streetId }))}
            @change=${(e: Event) => this.#setAddress(i, { streetId: Number((e.target as HTMLSelectElement).value) || null })}></uui-select>`}
      <uui-checkbox data-testid=${`signup-street-missing${n}`} label=${this.t('subscribersStreetMissing')} ?checked=${a.streetMissing}
        @change=${(e: Event) => this.#setAddress(i, { streetMissing: (e.target as HTMLInputElement).checked })}></uui-checkbox>
      ${this.#error(`streetId${n}`)}${this.#error(`streetName${n}`)}
    `;
  }

  static override styles = css`
    :host { display: block; }
    uui-box > *, uui-label { display: block; }
    uui-input, uui-select { width: 100%; margin-bottom: var(--uui-size-space-3); }
    fieldset { border: none; padding: 0; margin: var(--uui-size-space-3) 0; display: flex; flex-direction: column; gap: var(--uui-size-space-2); }
    fieldset.address { display: block; border-top: 1px solid var(--uui-color-border); padding-top: var(--uui-size-space-3); }
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
