// The Areas endpoints (administrators): parts and streets with subscriber counts, RÚIAN import jobs.
import type { SmsApi } from './sms-api.js';
import type { AreasOverview, ImportJob } from './areas-types.js';

export class AreasApi {
  constructor(private readonly api: SmsApi) {}

  overview = () => this.api.request<AreasOverview>('GET', 'areas/overview');
  imports = () => this.api.request<ImportJob[]>('GET', 'areas/imports');
  job = (id: number) => this.api.request<ImportJob>('GET', `areas/imports/${id}`);
  /** The file is the raw body (CSV or ČÚZK's zip); the server answers 202 with the started job. */
  upload = (file: File) =>
    this.api.upload<ImportJob>(`areas/imports?fileName=${encodeURIComponent(file.name)}`, { body: file, type: 'application/octet-stream' });
  downloadFromCuzk = () => this.api.request<ImportJob>('POST', 'areas/imports/cuzk');
}
