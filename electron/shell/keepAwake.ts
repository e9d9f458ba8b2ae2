// The counter's screen stays on while the cashier window is open (issue 16 §3): a dark
// screen mid-sale looks like a crash to the customer. Plain Node: main.ts passes Electron's
// powerSaveBlocker in.

export interface PowerSaveBlockerLike {
  start(type: 'prevent-app-suspension' | 'prevent-display-sleep'): number;
  stop(id: number): void;
  isStarted(id: number): boolean;
}

export class KeepAwake {
  private id: number | null = null;

  constructor(private readonly blocker: PowerSaveBlockerLike) {}

  /** Idempotent: a second hold does not stack a second blocker. */
  hold(): void {
    if (this.id !== null && this.blocker.isStarted(this.id)) return;
    this.id = this.blocker.start('prevent-display-sleep');
  }

  release(): void {
    if (this.id === null) return;
    if (this.blocker.isStarted(this.id)) this.blocker.stop(this.id);
    this.id = null;
  }

  get held(): boolean {
    return this.id !== null && this.blocker.isStarted(this.id);
  }
}
