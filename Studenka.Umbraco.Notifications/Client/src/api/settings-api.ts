// The Settings view's calls, through SmsApi's one fetch/error path.
import type { SmsApi } from './sms-api.js';
import type { MessageTemplate, PrivacyText, QuietWindow, RoleOriginators, SettingName, SettingsView, VerificationCap } from './settings-types.js';

export class SettingsApi {
  constructor(private readonly api: SmsApi) {}

  all = () => this.api.request<SettingsView>('GET', 'settings');
  setQuietHours = (quietHours: QuietWindow[]) => this.api.request<SettingsView>('PUT', 'settings/quiet-hours', { quietHours });
  setPrice = (pricePerSegmentCzk: number | null) => this.api.request<SettingsView>('PUT', 'settings/price', { pricePerSegmentCzk });
  setOriginators = (originators: RoleOriginators) => this.api.request<SettingsView>('PUT', 'settings/originators', originators);
  setTemplates = (templates: MessageTemplate[]) => this.api.request<SettingsView>('PUT', 'settings/templates', { templates });
  setPrivacy = (privacy: PrivacyText) => this.api.request<SettingsView>('PUT', 'settings/privacy', privacy);
  reset = (name: SettingName) => this.api.request<SettingsView>('DELETE', `settings/${name}`);
  setVerificationCap = (dailyCap: number | null) => this.api.request<VerificationCap>('PUT', 'settings/verification-cap', { dailyCap });
}
