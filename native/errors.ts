/**
 * Every error that can reach a person carries a stable code and the same message in
 * Chinese and English (architecture.md: a code alone is never enough). Lower layers
 * throw subclasses; ipc.ts and the CLI turn them into `{ ok: false, code, message }`.
 */
export class CashdeskError extends Error {
  readonly code: string;
  readonly zh: string;
  readonly en: string;

  constructor(code: string, zh: string, en: string, options?: { cause?: unknown }) {
    super(`${zh} / ${en}`, options);
    this.name = 'CashdeskError';
    this.code = code;
    this.zh = zh;
    this.en = en;
  }
}

export function isCashdeskError(e: unknown): e is CashdeskError {
  return e instanceof CashdeskError;
}

/** Wraps anything thrown into a CashdeskError without losing the cause. */
export function toCashdeskError(e: unknown): CashdeskError {
  if (e instanceof CashdeskError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  return new CashdeskError('INTERNAL', `内部错误：${detail}。请重试，如仍失败请联系技术支持。`, `Internal error: ${detail}. Try again; if it keeps failing, call support.`, { cause: e });
}
