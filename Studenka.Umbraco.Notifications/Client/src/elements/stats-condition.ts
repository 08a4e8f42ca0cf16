// Shows the Statistics view only to roles whose `GET me` says seesStatistics (Administrators, Editors): no
// built-in condition knows the package's roles (an Editor is "any other group with the section").
import { UmbConditionBase } from '@umbraco-cms/backoffice/extension-registry';
import type { UmbConditionConfigBase, UmbConditionControllerArguments, UmbExtensionCondition } from '@umbraco-cms/backoffice/extension-api';
import type { UmbControllerHost } from '@umbraco-cms/backoffice/controller-api';
import { UMB_AUTH_CONTEXT } from '@umbraco-cms/backoffice/auth';
import { SmsApi } from '../api/sms-api.js';

export class StudenkaSeesStatisticsCondition extends UmbConditionBase<UmbConditionConfigBase> implements UmbExtensionCondition {
  constructor(host: UmbControllerHost, args: UmbConditionControllerArguments<UmbConditionConfigBase>) {
    super(host, args);
    this.consumeContext(UMB_AUTH_CONTEXT, (auth) => {
      if (!auth) return;
      new SmsApi({ token: () => auth.getLatestToken() }).me()
        .then((me) => { this.permitted = me.seesStatistics === true; })
        .catch(() => { this.permitted = false; });
    });
  }
}
