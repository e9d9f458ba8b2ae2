// Named points in the money path where the crash-safety test (issue 6) kills the
// process with SIGKILL. Inert unless CASHDESK_FAULT_POINT names the point; a shop's
// installation never sets it.
export type FaultPoint = 'before-send' | 'after-reply' | 'after-approval' | 'during-signature';

export function faultPoint(name: FaultPoint): void {
  if (process.env.CASHDESK_FAULT_POINT === name) process.kill(process.pid, 'SIGKILL');
}
