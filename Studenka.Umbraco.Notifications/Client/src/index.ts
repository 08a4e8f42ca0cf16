// The one bundle: the manifest points every section view here and picks its element by elementName.
export { StudenkaSmsComposeElement } from './elements/compose.element.js';
export { StudenkaSmsCampaignsElement } from './elements/campaigns.element.js';
export { StudenkaSmsSettingsElement } from './elements/settings.element.js';
export { StudenkaSmsOperatorsElement } from './elements/operators.element.js';
