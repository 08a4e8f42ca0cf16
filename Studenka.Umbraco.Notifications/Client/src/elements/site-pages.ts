// What the Site's page editor computes without the backoffice: Prague wall time, the reminders choice.
import type { PageDetail, PageRequest, PageType } from '../api/site-pages-api.js';

const PRAGUE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Prague', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** "2026-12-12T18:00" in Prague for an instant the API gave ("2026-12-12T17:00:00Z" or with any offset); '' for none. */
export function pragueWallTime(value: string | null | undefined): string {
  if (!value) return '';
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? '' : PRAGUE.format(at).replace(' ', 'T');
}

export type RemindersMode = 'defaults' | 'none' | 'custom';

export function remindersMode(reminders: string | null): RemindersMode {
  return reminders === null ? 'defaults' : reminders.trim() === '' ? 'none' : 'custom';
}

/** The API's value for the choice: null = the type's defaults, "" = none, else the typed offsets. */
export function remindersValue(mode: RemindersMode, custom: string): string | null {
  return mode === 'defaults' ? null : mode === 'none' ? '' : custom.trim();
}

/** The form of a page: what the editor edits, in the shape the API takes back. */
export interface PageForm extends PageRequest {
  startDate: string;
  startTime: string;
  remindersMode: RemindersMode;
  remindersCustom: string;
}

export function formOf(page: PageDetail | undefined, documentType: PageType, packages: number[]): PageForm {
  const start = pragueWallTime(page?.eventStart);
  const reminders = page ? page.reminders : null;
  return {
    documentType: page?.documentType ?? documentType,
    title: page?.title ?? '',
    body: page?.body ?? '',
    eventStart: start || null,
    place: page?.place ?? '',
    smsEnabled: page?.smsEnabled ?? false,
    smsText: page?.smsText ?? '',
    packageId: page ? page.packageId : packages.length === 1 ? packages[0]! : null,
    cityPartIds: [...(page?.cityPartIds ?? [])],
    streetIds: [...(page?.streetIds ?? [])],
    reminders,
    startDate: start.slice(0, 10),
    startTime: start.slice(11, 16),
    remindersMode: remindersMode(reminders),
    remindersCustom: reminders ?? '',
  };
}

export function requestOf(form: PageForm): PageRequest {
  const event = form.documentType === 'eventPage';
  // Half a start goes as typed, so the server names what is missing in its Czech message.
  const start = form.startDate && form.startTime ? `${form.startDate}T${form.startTime}` : form.startDate || form.startTime || null;
  return {
    documentType: form.documentType,
    title: form.title,
    body: form.body,
    eventStart: event ? start : null,
    place: event && form.place?.trim() ? form.place : null,
    smsEnabled: form.smsEnabled,
    smsText: form.smsText?.trim() ? form.smsText : null,
    packageId: form.packageId,
    cityPartIds: form.cityPartIds,
    streetIds: form.streetIds,
    reminders: event ? remindersValue(form.remindersMode, form.remindersCustom) : null,
  };
}
