// Shapes of umbraco/sms/api/v1/operators (the standalone Site only: Backoffice/Operators/OperatorsController.cs).

export type OperatorRoleName = 'Administrator' | 'Editor' | 'Dispatch';

export interface OperatorItem {
  userName: string;
  displayName: string;
  role: OperatorRoleName;
  roleName: string;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface NewOperator {
  userName: string;
  displayName: string;
  role: OperatorRoleName;
  password: string;
}
