// The one bundle: the manifest points every section view here and picks its element by elementName.
export { StudenkaSmsComposeElement } from './elements/compose.element.js';
export { StudenkaSmsCampaignsElement } from './elements/campaigns.element.js';
export { StudenkaSmsSubscribersElement } from './elements/subscribers.element.js';
export { StudenkaSmsStatsElement } from './elements/stats.element.js';
export { StudenkaSmsAuditElement } from './elements/audit.element.js';
export { StudenkaSmsHealthElement } from './elements/health.element.js';
export { StudenkaSmsAreasElement } from './elements/areas.element.js';
export { StudenkaSmsSettingsElement } from './elements/settings.element.js';
export { StudenkaSmsOperatorsElement } from './elements/operators.element.js';
export { StudenkaSmsContentElement } from './elements/content-sms.element.js';
export { StudenkaSmsRecurringElement } from './elements/recurring.element.js';
export { StudenkaSitePagesElement } from './elements/site-pages.element.js';
