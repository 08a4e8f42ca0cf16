// Shapes of GET/PUT umbraco/sms/api/v1/settings (Web/Management/SettingsController.cs).

export interface SettingValue<T> {
  value: T;
  default: T;
  changedAt: string | null;
  changedBy: string | null;
}

export interface QuietWindow {
  packageId: number;
  start: string;
  end: string;
}

/** Per role the senders it may choose; null = any valid sender. */
export interface RoleOriginators {
  administrator: string[] | null;
  editor: string[] | null;
  dispatch: string[] | null;
}

export interface MessageTemplate {
  key: string;
  name: string;
  package: number;
  text: string;
}

export interface PrivacyText {
  controllerName: string;
  controllerIco: string;
  controllerAddress: string;
  contactEmail: string;
  contactPhone: string | null;
  dataBox: string | null;
  dpoName: string | null;
  dpoEmail: string | null;
  smsProcessor: string;
  emailPurpose: string;
}

export interface VerificationCap {
  dailyCap: number;
  configuredDefault: number;
  sentToday: number;
  changedAt: string | null;
  changedBy: string | null;
}

export interface SettingsView {
  quietHours: SettingValue<QuietWindow[]>;
  pricePerSegmentCzk: SettingValue<number>;
  originators: SettingValue<RoleOriginators>;
  defaultOriginator: string;
  templates: SettingValue<MessageTemplate[]>;
  maxTemplateLength: number;
  privacy: SettingValue<PrivacyText>;
  verificationCap: VerificationCap;
}

/** The API path of each stored setting (`PUT settings/{name}`, `DELETE settings/{name}`). */
export type SettingName = 'quiet-hours' | 'price' | 'originators' | 'templates' | 'privacy';
