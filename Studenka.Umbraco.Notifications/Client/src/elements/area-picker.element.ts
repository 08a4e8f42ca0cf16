import { css, customElement, html, nothing, property, state } from '@umbraco-cms/backoffice/external/lit';
import { UmbLitElement } from '@umbraco-cms/backoffice/lit-element';
import type { AreaPart } from '../api/types.js';
import { areaLabel, matchesArea } from './areas.js';

export interface AreaSelection {
  cityPartIds: number[];
  streetIds: number[];
}

/** City parts and their streets, searchable, several at once; emits `change` with an AreaSelection. */
@customElement('studenka-sms-area-picker')
export class StudenkaSmsAreaPickerElement extends UmbLitElement {
  @property({ attribute: false }) parts: AreaPart[] = [];
  @property({ attribute: false }) value: AreaSelection = { cityPartIds: [], streetIds: [] };
  @state() private query = '';

  override render() {
    const q = this.query;
    const parts = new Set(this.value.cityPartIds);
    const streets = new Set(this.value.streetIds);
    return html`
      <uui-input
        data-testid="area-search"
        label=${this.localize.term('studenkaSms_searchAreas')}
        placeholder=${this.localize.term('studenkaSms_searchAreas')}
        .value=${q}
        @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}></uui-input>
      <div class="list" role="group" aria-label=${this.localize.term('studenkaSms_areas')}>
        ${this.parts.map((part) => {
          const partHit = matchesArea(part.name, q);
          const hits = part.streets.filter((s) => partHit || matchesArea(areaLabel(s.name, part.name), q));
          if (!partHit && hits.length === 0) return nothing;
          const whole = parts.has(part.id);
          return html`
            <uui-checkbox
              class="part"
              data-testid=${`area-part-${part.id}`}
              label=${`${part.name} – ${this.localize.term('studenkaSms_wholePart')}`}
              .checked=${whole}
              @change=${() => this.#toggle('cityPartIds', part.id)}></uui-checkbox>
            ${whole
              ? nothing
              : hits.map(
                  (s) => html`<uui-checkbox
                    class="street"
                    data-testid=${`area-street-${s.id}`}
                    label=${areaLabel(s.name, part.name)}
                    .checked=${streets.has(s.id)}
                    @change=${() => this.#toggle('streetIds', s.id)}></uui-checkbox>`,
                )}
          `;
        })}
      </div>
      <div class="chosen" aria-live="polite" data-testid="area-selected">
        ${this.#chosen().length === 0
          ? html`<span>${this.localize.term('studenkaSms_noAreas')}</span>`
          : this.#chosen().map(
              (c) => html`<uui-tag look="secondary">
                ${c.label}
                <uui-button compact label=${`${this.localize.term('studenkaSms_remove')} ${c.label}`} @click=${() => this.#toggle(c.kind, c.id)}>×</uui-button>
              </uui-tag>`,
            )}
      </div>
    `;
  }

  #chosen(): { kind: keyof AreaSelection; id: number; label: string }[] {
    const result: { kind: keyof AreaSelection; id: number; label: string }[] = [];
    for (const part of this.parts) {
      if (this.value.cityPartIds.includes(part.id)) result.push({ kind: 'cityPartIds', id: part.id, label: part.name });
      for (const s of part.streets) {
        if (this.value.streetIds.includes(s.id)) result.push({ kind: 'streetIds', id: s.id, label: areaLabel(s.name, part.name) });
      }
    }
    return result;
  }

  #toggle(kind: keyof AreaSelection, id: number) {
    const ids = this.value[kind];
    const next = { ...this.value, [kind]: ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id] };
    if (kind === 'cityPartIds' && !ids.includes(id)) {
      // A whole part already covers its streets: drop them so the audience is stated once.
      const part = this.parts.find((p) => p.id === id);
      next.streetIds = next.streetIds.filter((sid) => !part?.streets.some((s) => s.id === sid));
    }
    this.value = next;
    this.dispatchEvent(new CustomEvent<AreaSelection>('change', { detail: next, bubbles: true, composed: true }));
  }

  static override styles = css`
    :host { display: block; }
    uui-input { width: 100%; }
    .list { max-height: 16rem; overflow-y: auto; margin: var(--uui-size-space-3) 0; display: flex; flex-direction: column; gap: var(--uui-size-space-2); }
    .street { padding-left: var(--uui-size-space-5); }
    .part { font-weight: bold; }
    .chosen { display: flex; flex-wrap: wrap; gap: var(--uui-size-space-2); }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'studenka-sms-area-picker': StudenkaSmsAreaPickerElement;
  }
}
