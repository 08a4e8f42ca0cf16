// The standalone Site's event and news pages ("Obsah webu"; Studenka.Umbraco.Site/Content/): only the Site
// has this API, under Umbraco the pages are Umbraco's content. Administrators and Editors.
import type { SmsApi } from './sms-api.js';

export type PageType = 'eventPage' | 'newsPage';
export type PageState = 'draft' | 'published' | 'unpublished';

export interface PageSummary {
  key: string;
  documentType: PageType;
  title: string;
  state: PageState;
  hasUnpublishedChanges: boolean;
  /** With the town's offset: "2026-12-12T18:00:00+01:00". */
  eventStart: string | null;
  place: string | null;
  smsEnabled: boolean;
  packageId: number | null;
  updatedAt: string;
  publishedAt: string | null;
  /** The public address once published. */
  url: string | null;
}

export interface PageDetail extends PageSummary {
  body: string;
  smsText: string | null;
  cityPartIds: number[];
  streetIds: number[];
  /** Editors' format ("1d@09:00, 2h"); null = the document type's defaults; "" = none. */
  reminders: string | null;
  updatedBy: string;
  publishedBy: string | null;
}

export interface PageRequest {
  documentType: PageType;
  title: string;
  body: string;
  /** Prague wall time without an offset: "2026-12-12T18:00". */
  eventStart: string | null;
  place: string | null;
  smsEnabled: boolean;
  smsText: string | null;
  packageId: number | null;
  cityPartIds: number[];
  streetIds: number[];
  reminders: string | null;
}

export class SitePagesApi {
  constructor(private readonly api: SmsApi) {}

  list = () => this.api.request<PageSummary[]>('GET', 'pages');
  get = (key: string) => this.api.request<PageDetail>('GET', `pages/${encodeURIComponent(key)}`);
  create = (page: PageRequest) => this.api.request<PageDetail>('POST', 'pages', page);
  save = (key: string, page: PageRequest) => this.api.request<PageDetail>('PUT', `pages/${encodeURIComponent(key)}`, page);
  publish = (key: string) => this.api.request<PageDetail>('POST', `pages/${encodeURIComponent(key)}/publish`);
  unpublish = (key: string) => this.api.request<PageDetail>('POST', `pages/${encodeURIComponent(key)}/unpublish`);
  trash = (key: string) => this.api.request<void>('DELETE', `pages/${encodeURIComponent(key)}`);
}
