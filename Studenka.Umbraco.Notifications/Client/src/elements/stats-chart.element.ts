// One Chart.js chart in a shadow root. Chart.js draws on a canvas and sets sizes through the CSSOM
// (no inline <style>, no eval), so it runs under the backoffice's strict CSP; only what is used is registered.
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { css, customElement, html, property, type PropertyValues } from '@umbraco-cms/backoffice/external/lit';
import { UmbLitElement } from '@umbraco-cms/backoffice/lit-element';

Chart.register(BarController, BarElement, CategoryScale, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);

export interface ChartDataset { label: string; data: number[] }

/** A colour-blind-safe palette (Okabe–Ito), the same order in every chart. */
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];

@customElement('studenka-sms-chart')
export class StudenkaSmsChartElement extends UmbLitElement {
  @property() type: 'line' | 'bar' = 'line';
  @property({ type: Boolean }) stacked = false;
  @property({ type: Boolean }) horizontal = false;
  @property({ attribute: false }) labels: string[] = [];
  @property({ attribute: false }) datasets: ChartDataset[] = [];
  @property() caption = '';

  #chart?: Chart;

  /** The drawn chart (the browser tests compare its data with the API's numbers). */
  get chart(): Chart | undefined {
    return this.#chart;
  }

  override updated(changed: PropertyValues) {
    super.updated(changed);
    const canvas = this.renderRoot.querySelector('canvas');
    if (!canvas) return;
    this.#chart?.destroy();
    this.#chart = new Chart(canvas, this.#config());
    this.dataset.drawn = String(this.datasets.length);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#chart?.destroy();
    this.#chart = undefined;
  }

  #config(): ChartConfiguration {
    const datasets = this.datasets.map((d, i) => ({
      label: d.label,
      data: [...d.data],
      borderColor: COLOURS[i % COLOURS.length],
      backgroundColor: COLOURS[i % COLOURS.length],
    }));
    return {
      type: this.type,
      data: { labels: [...this.labels], datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: this.horizontal ? 'y' : 'x',
        scales: {
          x: { stacked: this.stacked, beginAtZero: true },
          y: { stacked: this.stacked, beginAtZero: true, ticks: { precision: 0 } },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    } as ChartConfiguration;
  }

  override render() {
    return html`<figure><div class="canvas"><canvas role="img" aria-label=${this.caption}></canvas></div>
      <figcaption>${this.caption}</figcaption></figure>`;
  }

  static override styles = css`
    figure { margin: 0; }
    .canvas { position: relative; height: 280px; width: 100%; }
    figcaption { font-size: var(--uui-type-small-size, 12px); color: var(--uui-color-text-alt, #555); margin-top: var(--uui-size-space-2, 6px); }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'studenka-sms-chart': StudenkaSmsChartElement;
  }
}
