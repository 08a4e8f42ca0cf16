// What every view needs from the backoffice: the API with the current token, and Czech error toasts.
import { UMB_AUTH_CONTEXT } from '@umbraco-cms/backoffice/auth';
import type { UmbLitElement } from '@umbraco-cms/backoffice/lit-element';
import { UMB_NOTIFICATION_CONTEXT } from '@umbraco-cms/backoffice/notification';
import { ApiError, MeCache, SmsApi } from '../api/sms-api.js';
import type { Me } from '../api/types.js';

/** Dispatched on window when compose created a campaign, so an open list shows it at once. */
export const CAMPAIGN_CREATED = 'studenka-sms-campaign-created';

export async function apiFor(host: UmbLitElement): Promise<SmsApi> {
  const auth = await host.getContext(UMB_AUTH_CONTEXT);
  if (!auth) throw new Error('UMB_AUTH_CONTEXT is not available');
  return new SmsApi({ token: () => auth.getLatestToken() });
}

const me = new MeCache();

/** What the signed-in operator may do (`GET me`), fetched once per token and shared by the views. */
export async function meFor(host: UmbLitElement): Promise<Me> {
  const auth = await host.getContext(UMB_AUTH_CONTEXT);
  if (!auth) throw new Error('UMB_AUTH_CONTEXT is not available');
  const token = await auth.getLatestToken();
  return me.get(token, () => new SmsApi({ token: () => auth.getLatestToken() }).me());
}

/** Shows the server's Czech problem text (detail, else title) as a backoffice notification. */
export async function notifyError(host: UmbLitElement, error: unknown): Promise<void> {
  if (error instanceof DOMException && error.name === 'AbortError') return;
  const notifications = await host.getContext(UMB_NOTIFICATION_CONTEXT);
  const headline = error instanceof ApiError && error.title ? error.title : host.localize.term('studenkaSms_errorTitle');
  const message = error instanceof Error ? error.message : String(error);
  notifications?.peek('danger', { data: { headline, message } });
}

export async function notifySuccess(host: UmbLitElement, message: string): Promise<void> {
  const notifications = await host.getContext(UMB_NOTIFICATION_CONTEXT);
  notifications?.peek('positive', { data: { message } });
}

export function pragueTime(host: UmbLitElement, value: string | null | undefined): string {
  return value ? host.localize.date(value, { timeZone: 'Europe/Prague', dateStyle: 'short', timeStyle: 'short' }) : '–';
}
