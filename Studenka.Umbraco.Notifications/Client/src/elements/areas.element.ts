import { css, customElement, html, nothing, query, state } from '@umbraco-cms/backoffice/external/lit';
import { AreasApi } from '../api/areas-api.js';
import type { AreasOverview, AreasPart, ImportCounts, ImportJob } from '../api/areas-types.js';
import { ApiError } from '../api/sms-api.js';
import { apiFor, notifyError, pragueTime } from './host.js';
import { StudenkaSmsElement } from './studenka-element.js';

const POLL_MS = 1000;

/** Areas view (administrators): RÚIAN import by upload or from ČÚZK with live progress; parts and streets with subscriber counts. */
@customElement('studenka-sms-areas')
export class StudenkaSmsAreasElement extends StudenkaSmsElement {
  @state() private overview?: AreasOverview;
  @state() private jobs: ImportJob[] = [];
  /** The job this view follows: the running one, else the last one started here. */
  @state() private job?: ImportJob;
  @state() private file?: File;
  @state() private refused: string[] = [];
  @query('input[type=file]') private input!: HTMLInputElement;

  #api?: AreasApi;
  #poll?: ReturnType<typeof setTimeout>;

  override async connectedCallback() {
    super.connectedCallback();
    try {
      this.#api = new AreasApi(await apiFor(this));
      await Promise.all([this.#loadOverview(), this.#loadJobs()]);
      const running = this.jobs.find((j) => j.state === 'running');
      if (running) this.#follow(running);
    } catch (error) {
      await notifyError(this, error);
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#poll);
  }

  async #loadOverview() {
    this.overview = await this.#api!.overview();
  }

  async #loadJobs() {
    this.jobs = await this.#api!.imports();
  }

  #follow(job: ImportJob) {
    this.job = job;
    clearTimeout(this.#poll);
    if (job.state !== 'running') {
      void Promise.all([this.#loadOverview(), this.#loadJobs()]).catch((e) => notifyError(this, e));
      return;
    }
    this.#poll = setTimeout(async () => {
      try {
        this.#follow(await this.#api!.job(job.id));
      } catch (error) {
        await notifyError(this, error);
      }
    }, POLL_MS);
  }

  async #start(start: () => Promise<ImportJob>) {
    this.refused = [];
    await this.act(async () => {
      this.#follow(await start());
      this.file = undefined;
      if (this.input) this.input.value = '';
    }, undefined, (error) => {
      if (error instanceof ApiError && error.errors['file']) this.refused = error.errors['file'];
    });
  }


  get #running() {
    return this.job?.state === 'running';
  }

  override render() {
    return html`
      <uui-box headline=${this.t('areasImportTitle')}>
        <p class="hint">${this.t('areasImportHint')}</p>
        <div class="actions">
          <input type="file" accept=".csv,.zip" data-testid="areas-file" aria-label=${this.t('areasChooseFile')}
            @change=${(e: Event) => (this.file = (e.target as HTMLInputElement).files?.[0])} />
          <uui-button look="primary" data-testid="areas-upload" label=${this.t('areasUpload')}
            ?disabled=${!this.file || this.busy || this.#running}
            @click=${() => this.file && this.#start(() => this.#api!.upload(this.file!))}></uui-button>
        </div>
        <div class="actions">
          <uui-button look="outline" data-testid="areas-cuzk" label=${this.t('areasCuzk', this.overview?.municipalityCode ?? '')}
            ?disabled=${this.busy || this.#running} @click=${() => this.#start(() => this.#api!.downloadFromCuzk())}></uui-button>
        </div>
        ${this.refused.length ? html`<ul class="errors" data-testid="areas-refused">${this.refused.map((e) => html`<li>${e}</li>`)}</ul>` : nothing}
        ${this.job ? this.#renderJob(this.job) : nothing}
      </uui-box>
      ${this.#renderParts()}
      ${this.#renderHistory()}
    `;
  }

  #renderJob(job: ImportJob) {
    const percent = job.total ? Math.min(100, Math.round((job.processed / job.total) * 100)) : undefined;
    return html`
      <div class="job" data-testid="areas-progress" data-state=${job.state} data-phase=${job.phase}>
        <p>
          <uui-tag color=${job.state === 'failed' ? 'danger' : job.state === 'succeeded' ? 'positive' : 'default'}>${this.t(`areasState_${job.state}`)}</uui-tag>
          <span data-testid="areas-phase">${this.t(`areasPhase_${job.phase}`)}</span>
          ${job.state === 'running' && job.total ? html`<span>${job.processed} / ${job.total}</span>` : nothing}
          ${job.fileName ? html`<small>${job.fileName}</small>` : nothing}
        </p>
        ${job.state === 'running' ? html`<uui-loader-bar progress=${percent ?? 0} ?animationDuration=${percent === undefined}></uui-loader-bar>` : nothing}
        ${job.counts ? this.#renderCounts(job.counts) : nothing}
        ${job.errors.length ? html`<ul class="errors" data-testid="areas-errors">${job.errors.map((e) => html`<li>${e}</li>`)}</ul>` : nothing}
      </div>
    `;
  }

  #renderCounts(counts: ImportCounts) {
    const items: [string, number][] = [
      ['added', counts.streetsAdded],
      ['confirmed', counts.streetsConfirmed],
      ['unchanged', counts.streetsUnchanged],
      ['retired', counts.streetsRetired],
    ];
    return html`
      <dl class="counts" data-testid="areas-result">
        ${items.map(([key, value]) => html`<div data-testid=${`areas-count-${key}`} data-value=${value}><dt>${this.t(`areasCount_${key}`)}</dt><dd>${value}</dd></div>`)}
      </dl>
      <p class="hint">${this.t('areasResultDetail', counts.rowsRead, counts.moves.length, counts.streetsNeedingMapping + counts.unlistedStreets)}</p>
      ${counts.moves.length ? html`<ul class="moves">${counts.moves.map((m) => html`<li>${m}</li>`)}</ul>` : nothing}
    `;
  }

  #renderParts() {
    if (!this.overview) return html`<uui-box><uui-loader-bar></uui-loader-bar></uui-box>`;
    return html`
      <uui-box headline=${this.t('areasPartsTitle')} data-testid="areas-parts">
        ${this.overview.parts.map((part) => this.#renderPart(part))}
      </uui-box>
    `;
  }

  #renderPart(part: AreasPart) {
    return html`
      <section data-testid=${`areas-part-${part.id}`} data-subscribers=${part.subscribers}>
        <h4>${part.name} <small>${this.t('areasSubscribers', part.subscribers)}</small></h4>
        ${part.streets.length === 0 ? html`<p class="hint">${this.t('areasNoStreets')}</p>` : nothing}
        <ul class="streets">
          ${part.streets.map(
            (s) => html`<li data-testid=${`areas-street-${s.id}`} data-subscribers=${s.subscribers} class=${s.active ? '' : 'retired'}>
              <span class="name">${s.name}</span>
              ${s.active ? nothing : html`<uui-tag look="secondary">${this.t('areasRetired')}</uui-tag>`}
              ${s.needsMapping ? html`<uui-tag color="warning">${this.t('areasNeedsMapping')}</uui-tag>`
                : s.source === 'seed' && s.active ? html`<uui-tag look="outline">${this.t('areasSeed')}</uui-tag>` : nothing}
              <span class="count">${s.subscribers}</span>
            </li>`,
          )}
        </ul>
      </section>
    `;
  }

  #renderHistory() {
    if (this.jobs.length === 0) return nothing;
    return html`
      <uui-box headline=${this.t('areasHistoryTitle')}>
        <ul class="history" data-testid="areas-history">
          ${this.jobs.map(
            (j) => html`<li data-state=${j.state}>
              <uui-tag color=${j.state === 'failed' ? 'danger' : j.state === 'succeeded' ? 'positive' : 'default'}>${this.t(`areasState_${j.state}`)}</uui-tag>
              <span>${pragueTime(this, j.startedAt)} · ${j.actor} · ${j.fileName ?? this.t('areasSource_' + j.source)}</span>
            </li>`,
          )}
        </ul>
      </uui-box>
    `;
  }

  static override styles = css`
    :host { display: flex; flex-direction: column; gap: var(--uui-size-layout-1); padding: var(--uui-size-layout-1); }
    .hint { color: var(--uui-color-text-alt); margin: 0 0 var(--uui-size-space-3); }
    .actions { display: flex; flex-wrap: wrap; align-items: center; gap: var(--uui-size-space-3); margin-bottom: var(--uui-size-space-3); }
    input[type=file] { max-width: 100%; }
    .job { border-top: 1px solid var(--uui-color-divider); padding-top: var(--uui-size-space-3); }
    .job p { display: flex; flex-wrap: wrap; align-items: center; gap: var(--uui-size-space-3); }
    .counts { display: grid; grid-template-columns: repeat(auto-fit, minmax(8rem, 1fr)); gap: var(--uui-size-space-3); margin: 0 0 var(--uui-size-space-3); }
    .counts div { border: 1px solid var(--uui-color-border); border-radius: var(--uui-border-radius); padding: var(--uui-size-space-3); }
    .counts dt { font-size: 0.85em; color: var(--uui-color-text-alt); }
    .counts dd { margin: 0; font-size: 1.5em; font-weight: bold; }
    .errors { color: var(--uui-color-danger); }
    ul { margin: 0; padding: 0; list-style: none; }
    .errors, .moves { padding-left: var(--uui-size-space-5); list-style: disc; word-break: break-word; }
    section + section { margin-top: var(--uui-size-space-5); }
    h4 { margin: 0 0 var(--uui-size-space-2); }
    .streets li, .history li { display: flex; flex-wrap: wrap; align-items: center; gap: var(--uui-size-space-2);
      padding: var(--uui-size-space-2) 0; border-bottom: 1px solid var(--uui-color-divider); }
    .streets .name { flex: 1 1 10rem; word-break: break-word; }
    .streets .count { min-width: 3ch; text-align: right; font-variant-numeric: tabular-nums; }
    .retired .name { color: var(--uui-color-text-alt); text-decoration: line-through; }
    @media (max-width: 600px) { :host { padding: var(--uui-size-space-3); gap: var(--uui-size-space-4); } }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'studenka-sms-areas': StudenkaSmsAreasElement;
  }
}
