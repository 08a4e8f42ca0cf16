import { css, customElement, html, nothing, state } from '@umbraco-cms/backoffice/external/lit';
import { StatsApi, type StatsExport } from '../api/stats-api.js';
import { DELIVERY_CHANNELS, OUTCOMES, type DeliveryChannel, type DeliveryStats, type SmsStats, type StatsPeriod, type SubscriberStats } from '../api/stats-types.js';
import { apiFor, notifyError } from './host.js';
import { saveFile } from './download.js';
import type { ChartDataset } from './stats-chart.element.js';
import './stats-chart.element.js';
import { StudenkaSmsElement } from './studenka-element.js';

/** Statistics view (Administrators, Editors): counts only, as charts and as CSV. */
@customElement('studenka-sms-stats')
export class StudenkaSmsStatsElement extends StudenkaSmsElement {
  @state() private period: StatsPeriod = { from: '', to: '' };
  @state() private subscribers?: SubscriberStats;
  @state() private deliveries?: DeliveryStats;
  @state() private sms?: SmsStats;
  @state() private loading = true;
  /** Which messages the delivery charts count: every channel, SMS only or e-mail only. */
  @state() private channel: DeliveryChannel = 'counts';

  #api?: StatsApi;

  override async connectedCallback() {
    super.connectedCallback();
    try {
      this.#api = new StatsApi(await apiFor(this));
      await this.#load();
    } catch (error) {
      await notifyError(this, error);
    }
  }

  async #load() {
    if (!this.#api) return;
    this.loading = true;
    try {
      [this.subscribers, this.deliveries, this.sms] = await Promise.all([
        this.#api.subscribers(this.period), this.#api.deliveries(this.period), this.#api.sms(this.period),
      ]);
    } finally {
      this.loading = false;
    }
  }

  async #download(kind: StatsExport) {
    try {
      const file = await this.#api!.download(kind, this.period);
      saveFile(file.blob, file.fileName);
    } catch (error) {
      await notifyError(this, error);
    }
  }


  #exportButton(kind: StatsExport) {
    return html`<uui-button slot="header-actions" look="outline" data-testid=${`stats-export-${kind}`} label=${this.t('statsExportCsv')}
      @click=${() => this.#download(kind)}>${this.t('statsExportCsv')}</uui-button>`;
  }

  #period() {
    const set = (key: keyof StatsPeriod) => (e: Event) => { this.period = { ...this.period, [key]: (e.target as HTMLInputElement).value }; };
    return html`<div class="period">
      <uui-label for="stats-from">${this.t('statsFrom')}</uui-label>
      <uui-input id="stats-from" type="month" data-testid="stats-from" .value=${this.period.from} @change=${set('from')} label=${this.t('statsFrom')}></uui-input>
      <uui-label for="stats-to">${this.t('statsTo')}</uui-label>
      <uui-input id="stats-to" type="month" data-testid="stats-to" .value=${this.period.to} @change=${set('to')} label=${this.t('statsTo')}></uui-input>
      <uui-button look="primary" data-testid="stats-apply" label=${this.t('statsShow')}
        @click=${() => this.#load().catch((e) => notifyError(this, e))}>${this.t('statsShow')}</uui-button>
    </div>`;
  }

  override render() {
    const s = this.subscribers, d = this.deliveries, m = this.sms;
    const outcome = (o: string) => this.t(`statsOutcome_${o}`);
    const byOutcome = (rows: Record<DeliveryChannel, Record<string, number> | undefined>[]): ChartDataset[] =>
      OUTCOMES.map((o) => ({ label: outcome(o), data: rows.map((r) => r[this.channel]?.[o] ?? 0) }));
    return html`
      ${this.#period()}
      ${this.loading ? html`<uui-loader-bar></uui-loader-bar>` : nothing}
      ${s ? html`<uui-box headline=${this.t('statsSubscribers')}>
        ${this.#exportButton('subscribers')}
        <studenka-sms-chart data-testid="stats-chart-packages" caption=${this.t('statsByPackage')} .labels=${s.months}
          .datasets=${[{ label: this.t('statsTotal'), data: s.total }, ...s.packages.map((p) => ({ label: p.name, data: p.values }))]}></studenka-sms-chart>
        <studenka-sms-chart data-testid="stats-chart-parts" caption=${this.t('statsByPart')} .labels=${s.months}
          .datasets=${s.cityParts.map((p) => ({ label: p.name, data: p.values }))}></studenka-sms-chart>
      </uui-box>` : nothing}
      ${d ? html`<uui-box headline=${this.t('statsDeliveriesByMonth')}>
        ${this.#exportButton('deliveries')}
        <div class="period">
          <label for="stats-channel">${this.t('statsChannel')}</label>
          <select id="stats-channel" data-testid="stats-channel" @change=${(e: Event) => { this.channel = (e.target as HTMLSelectElement).value as DeliveryChannel; }}>
            ${DELIVERY_CHANNELS.map((c) => html`<option value=${c} ?selected=${c === this.channel}>${this.t(`statsChannel_${c}`)}</option>`)}
          </select>
        </div>
        <studenka-sms-chart data-testid="stats-chart-deliveries-month" type="bar" stacked caption=${this.t('statsDeliveriesByMonth')}
          .labels=${d.months} .datasets=${byOutcome(d.byMonth)}></studenka-sms-chart>
      </uui-box>
      <uui-box headline=${this.t('statsDeliveriesByCampaign')}>
        ${this.#exportButton('deliveries-by-campaign')}
        ${d.byCampaign.length === 0 ? html`<p>${this.t('statsNoCampaigns')}</p>` : html`
          <studenka-sms-chart data-testid="stats-chart-deliveries-campaign" type="bar" stacked horizontal caption=${this.t('statsDeliveriesByCampaign')}
            .labels=${d.byCampaign.map((c) => `#${c.campaignId} ${c.text.length > 30 ? `${c.text.slice(0, 30)}…` : c.text}`)}
            .datasets=${byOutcome(d.byCampaign)}></studenka-sms-chart>`}
      </uui-box>` : nothing}
      ${m ? html`<uui-box headline=${this.t('statsSms')}>
        ${this.#exportButton('sms')}
        <studenka-sms-chart data-testid="stats-chart-sms" type="bar" caption=${this.t('statsSmsCaption')} .labels=${m.months}
          .datasets=${[{ label: this.t('statsSegments'), data: m.byMonth.map((x) => x.segments) }, { label: this.t('statsCost'), data: m.byMonth.map((x) => x.costCzk) }]}></studenka-sms-chart>
        <div class="table"><table data-testid="stats-sms-table">
          <thead><tr><th>${this.t('statsMonth')}</th><th>SMS</th><th>${this.t('statsSegments')}</th><th>${this.t('statsCost')}</th></tr></thead>
          <tbody>${m.byMonth.map((x) => html`<tr><td>${x.month}</td><td>${x.sms}</td><td>${x.segments}</td>
            <td>${this.localize.number(x.costCzk, { style: 'currency', currency: 'CZK' })}</td></tr>`)}</tbody>
        </table></div>
      </uui-box>` : nothing}
    `;
  }

  static override styles = css`
    :host { display: block; padding: var(--uui-size-layout-1, 20px); }
    uui-box { margin-bottom: var(--uui-size-space-5, 18px); }
    .period { display: flex; flex-wrap: wrap; align-items: center; gap: var(--uui-size-space-3, 9px); margin-bottom: var(--uui-size-space-5, 18px); }
    studenka-sms-chart + studenka-sms-chart { margin-top: var(--uui-size-space-5, 18px); }
    select { font: inherit; padding: var(--uui-size-space-1, 3px) var(--uui-size-space-2, 6px); }
    .table { overflow-x: auto; margin-top: var(--uui-size-space-4, 12px); }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: right; padding: 4px 8px; border-bottom: 1px solid var(--uui-color-border, #ddd); }
    th:first-child, td:first-child { text-align: left; }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'studenka-sms-stats': StudenkaSmsStatsElement;
  }
}
