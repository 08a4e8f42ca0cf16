// The Operators view's calls, through SmsApi's one fetch/error path.
import type { SmsApi } from './sms-api.js';
import type { NewOperator, OperatorItem, OperatorRoleName } from './operators-types.js';

export class OperatorsApi {
  constructor(private readonly api: SmsApi) {}

  list = () => this.api.request<OperatorItem[]>('GET', 'operators');
  create = (operator: NewOperator) => this.api.request<OperatorItem>('POST', 'operators', operator);
  disable = (userName: string) => this.api.request<OperatorItem>('POST', `operators/${encodeURIComponent(userName)}/disable`);
  enable = (userName: string) => this.api.request<OperatorItem>('POST', `operators/${encodeURIComponent(userName)}/enable`);
  setRole = (userName: string, role: OperatorRoleName) => this.api.request<OperatorItem>('PUT', `operators/${encodeURIComponent(userName)}/role`, { role });
  resetPassword = (userName: string, password: string) =>
    this.api.request<OperatorItem>('PUT', `operators/${encodeURIComponent(userName)}/password`, { password });
}
