/**
 * Proof that a supervisor has just entered their password. Only the operators module
 * makes one (Operators.approveAsSupervisor checks the password, the role and the lockout);
 * the services here trust it and record `operatorId` in the audit log. It never comes
 * from the renderer: the IPC handler receives the supervisor's number and password,
 * asks the operators module for the approval, and passes it on.
 */
export interface SupervisorApproval {
  readonly operatorId: string;
  readonly at: string;
}
