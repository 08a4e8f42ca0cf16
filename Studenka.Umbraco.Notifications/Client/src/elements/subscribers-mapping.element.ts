import { css, customElement, html, property, state } from '@umbraco-cms/backoffice/external/lit';
import type { SubscribersApi } from '../api/subscribers-api.js';
import type { UnlistedStreet } from '../api/subscribers-types.js';
import type { AreaPart } from '../api/types.js';
import { notifyError, notifySuccess } from './host.js';
import { streetOptions } from './subscribers.js';
import { StudenkaSmsElement } from './studenka-element.js';

/**
 * Streets residents typed because the list lacked them ("Moje ulice v seznamu chybí"), each with a
 * choice of a register street to map it onto (the Areas API moves the addresses and audits it).
 */
@customElement('studenka-sms-subscribers-mapping')
export class StudenkaSmsSubscribersMappingElement extends StudenkaSmsElement {
  @property({ attribute: false }) api?: SubscribersApi;
  @property({ attribute: false }) parts: AreaPart[] = [];
  /** Raised by the view when subscribers changed elsewhere (a sign-up may have typed a street). */
  @property({ type: Number }) version = 0;

  @state() private unlisted: UnlistedStreet[] = [];
  @state() private waiting = new Set<number>();
  @state() private chosen = new Map<string, number>();
  @state() private loaded = false;

  override updated(changed: Map<string, unknown>) {
    if ((changed.has('api') || changed.has('version')) && this.api) void this.#load().catch((e) => notifyError(this, e));
  }

  async #load() {
    const needs = await this.api!.needsMapping();
    this.unlisted = needs.unlistedStreets;
    this.waiting = new Set(needs.streets.map((s) => s.streetId));
    this.loaded = true;
  }


  #key(u: UnlistedStreet) {
    return `${u.cityPartId}|${u.name}`;
  }

  async #map(u: UnlistedStreet) {
    const streetId = this.chosen.get(this.#key(u));
    if (streetId === undefined) return;
    const move = await this.api!.mapUnlisted(u.cityPartId, u.name, streetId);
    await notifySuccess(this, this.t('subscribersMapped', move.from, move.to, move.toPart, move.addresses));
    await this.#load();
    this.dispatchEvent(new CustomEvent('changed', { bubbles: true, composed: true }));
  }

  override render() {
    return html`<uui-box headline=${this.t('subscribersMappingTitle')} data-testid="subscribers-mapping">
      ${!this.loaded ? html`<uui-loader-bar></uui-loader-bar>` : this.unlisted.length === 0
        ? html`<p data-testid="subscribers-mapping-empty">${this.t('subscribersMappingEmpty')}</p>`
        : html`<p>${this.t('subscribersMappingHelp')}</p>
          <ul>${this.unlisted.map((u, i) => this.#renderEntry(u, i))}</ul>`}
    </uui-box>`;
  }

  #renderEntry(u: UnlistedStreet, index: number) {
    const key = this.#key(u);
    const options = streetOptions(this.parts, u.cityPartId, this.waiting);
    const chosen = this.chosen.get(key);
    return html`<li data-testid=${`unlisted-${index}`} data-name=${u.name}>
      <div><strong>„${u.name}“</strong> (${u.cityPartName}) · ${this.t('subscribersAddresses', u.addresses)}</div>
      <div class="row">
        <uui-select data-testid=${`unlisted-target-${index}`} label=${this.t('subscribersMapTo')} placeholder=${this.t('subscribersMapTo')}
          .options=${options.map((o) => ({ name: o.label, value: String(o.id), selected: o.id === chosen }))}
          @change=${(e: Event) => {
            this.chosen = new Map(this.chosen).set(key, Number((e.target as HTMLSelectElement).value));
          }}></uui-select>
        <uui-button look="primary" data-testid=${`unlisted-map-${index}`} label=${this.t('subscribersMap')} ?disabled=${chosen === undefined}
          @click=${() => void this.#map(u).catch((e) => notifyError(this, e))}></uui-button>
      </div>
    </li>`;
  }

  static override styles = css`
    ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: var(--uui-size-space-4); }
    li { word-break: break-word; }
    .row { display: flex; flex-wrap: wrap; gap: var(--uui-size-space-3); margin-top: var(--uui-size-space-2); }
    uui-select { flex: 1 1 14rem; min-width: 0; }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'studenka-sms-subscribers-mapping': StudenkaSmsSubscribersMappingElement;
  }
}
