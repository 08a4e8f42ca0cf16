import { css, customElement, html, nothing, state } from '@umbraco-cms/backoffice/external/lit';
import { ApiError } from '../api/sms-api.js';
import { OperatorsApi } from '../api/operators-api.js';
import type { NewOperator, OperatorItem, OperatorRoleName } from '../api/operators-types.js';
import { apiFor, notifyError, pragueTime } from './host.js';
import { StudenkaSmsElement } from './studenka-element.js';

const ROLES: OperatorRoleName[] = ['Administrator', 'Editor', 'Dispatch'];
const EMPTY: NewOperator = { userName: '', displayName: '', role: 'Editor', password: '' };

/**
 * Operators view (Administrators, standalone Site only: its manifest entry is in the Site's own
 * App_Plugins/Studenka.Notifications.Site; under Umbraco the Users section does this).
 */
@customElement('studenka-sms-operators')
export class StudenkaSmsOperatorsElement extends StudenkaSmsElement {
  @state() private items: OperatorItem[] = [];
  @state() private loaded = false;
  @state() private draft: NewOperator = { ...EMPTY };
  @state() private errors: Record<string, string[]> = {};
  @state() private passwordFor: string | null = null;
  @state() private newPassword = '';

  #api?: OperatorsApi;

  override async connectedCallback() {
    super.connectedCallback();
    try {
      this.#api = new OperatorsApi(await apiFor(this));
      await this.#load();
    } catch (error) {
      await notifyError(this, error);
    }
  }


  async #load() {
    this.items = await this.#api!.list();
    this.loaded = true;
  }

  async #run(work: (api: OperatorsApi) => Promise<unknown>, done: string) {
    const api = this.#api;
    if (!api) return false;
    return this.act(async () => {
      await work(api);
      this.errors = {};
      await this.#load();
    }, done, (error) => {
      if (error instanceof ApiError) this.errors = error.errors;
    });
  }

  async #create() {
    if (await this.#run((api) => api.create(this.draft), this.t('operatorsCreated', this.draft.userName))) this.draft = { ...EMPTY };
  }

  async #resetPassword(userName: string) {
    if (await this.#run((api) => api.resetPassword(userName, this.newPassword), this.t('operatorsPasswordReset', userName))) {
      this.passwordFor = null;
      this.newPassword = '';
    }
  }

  #err(field: string) {
    const m = this.errors[field];
    return m?.length ? html`<small class="error" role="alert" data-testid=${`operators-error-${field}`}>${m.join(' ')}</small>` : nothing;
  }

  #roleSelect(value: OperatorRoleName, testid: string, label: string, change: (role: OperatorRoleName) => void) {
    return html`<uui-select label=${label} data-testid=${testid}
      .options=${ROLES.map((r) => ({ name: this.t(`operatorsRole_${r}`), value: r, selected: r === value }))}
      @change=${(e: Event) => change((e.target as HTMLSelectElement).value as OperatorRoleName)}></uui-select>`;
  }

  #field(key: keyof NewOperator, type = 'text') {
    return html`<label class="field"><span>${this.t(`operators_${key}`)}</span>
      <uui-input type=${type} label=${this.t(`operators_${key}`)} data-testid=${`operators-new-${key}`} .value=${this.draft[key]}
        autocomplete=${type === 'password' ? 'new-password' : 'off'}
        @input=${(e: Event) => (this.draft = { ...this.draft, [key]: (e.target as HTMLInputElement).value })}></uui-input>
      ${this.#err(key)}</label>`;
  }

  override render() {
    return html`
      <uui-box headline=${this.t('operatorsNew')} data-testid="operators-new">
        <div class="row">
          ${this.#field('userName')} ${this.#field('displayName')}
          <label class="field"><span>${this.t('operators_role')}</span>
            ${this.#roleSelect(this.draft.role, 'operators-new-role', this.t('operators_role'), (role) => (this.draft = { ...this.draft, role }))}</label>
          ${this.#field('password', 'password')}
        </div>
        <uui-button look="primary" ?disabled=${this.busy} data-testid="operators-create" label=${this.t('operatorsCreate')} @click=${() => this.#create()}></uui-button>
      </uui-box>
      <uui-box headline=${this.t('operatorsTitle')}>
        ${!this.loaded ? html`<uui-loader-bar></uui-loader-bar>` : nothing}
        <ul data-testid="operators-list">
          ${this.items.map((o) => html`<li data-testid=${`operator-${o.userName}`} data-disabled=${o.disabled}>
            <div class="row">
              <strong>${o.displayName}</strong> <span>${o.userName}</span>
              <uui-tag color=${o.disabled ? 'danger' : 'positive'} data-testid=${`operator-state-${o.userName}`}>
                ${o.disabled ? this.t('operatorsDisabled') : this.t('operatorsActive')}</uui-tag>
              <small>${this.t('operatorsLastLogin')}: ${pragueTime(this, o.lastLoginAt)}</small>
            </div>
            <div class="row">
              ${this.#roleSelect(o.role, `operator-role-${o.userName}`, this.t('operators_role'),
                (role) => void this.#run((api) => api.setRole(o.userName, role), this.t('operatorsRoleChanged', o.userName)))}
              ${o.disabled
                ? html`<uui-button look="outline" ?disabled=${this.busy} data-testid=${`operator-enable-${o.userName}`} label=${this.t('operatorsEnable')}
                    @click=${() => this.#run((api) => api.enable(o.userName), this.t('operatorsEnabled', o.userName))}></uui-button>`
                : html`<uui-button look="outline" color="danger" ?disabled=${this.busy} data-testid=${`operator-disable-${o.userName}`} label=${this.t('operatorsDisable')}
                    @click=${() => this.#run((api) => api.disable(o.userName), this.t('operatorsDisabledOk', o.userName))}></uui-button>`}
              <uui-button look="outline" data-testid=${`operator-password-${o.userName}`} label=${this.t('operatorsResetPassword')}
                @click=${() => { this.passwordFor = o.userName; this.newPassword = ''; }}></uui-button>
            </div>
            ${this.passwordFor === o.userName ? html`<div class="row">
              <label class="field"><span>${this.t('operators_password')}</span>
                <uui-input type="password" autocomplete="new-password" label=${this.t('operators_password')} data-testid="operator-new-password"
                  .value=${this.newPassword} @input=${(e: Event) => (this.newPassword = (e.target as HTMLInputElement).value)}></uui-input>
                ${this.#err('password')}</label>
              <uui-button look="primary" ?disabled=${this.busy} data-testid="operator-password-save" label=${this.t('settingsSave')}
                @click=${() => this.#resetPassword(o.userName)}></uui-button>
            </div>` : nothing}
          </li>`)}
        </ul>
      </uui-box>
    `;
  }

  static override styles = css`
    :host { display: flex; flex-direction: column; gap: var(--uui-size-layout-1); padding: var(--uui-size-layout-1); }
    .row { display: flex; flex-wrap: wrap; align-items: center; gap: var(--uui-size-space-3); margin-bottom: var(--uui-size-space-3); }
    .field { display: inline-flex; flex-direction: column; gap: var(--uui-size-space-1); }
    ul { list-style: none; margin: 0; padding: 0; }
    li { border-bottom: 1px solid var(--uui-color-divider); padding: var(--uui-size-space-3) 0; }
    .error { color: var(--uui-color-danger); }
    @media (max-width: 600px) { :host { padding: var(--uui-size-space-3); } .field, uui-select { width: 100%; } }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'studenka-sms-operators': StudenkaSmsOperatorsElement;
  }
}
