/**
 * Collects items and writes them together: a write starts `delayMs` after the first item of a
 * batch (or when 200 are waiting), so under load one statement records many deliveries instead
 * of one each. `settled()` waits until everything added so far is written; `flush()` writes now.
 */
export class Batch<T> {
  private items: T[] = [];
  private flushing: Promise<void> = Promise.resolve();
  /** The batch being collected: resolved once its write (and every earlier one) is done. */
  private open: { written: Promise<void>; release: () => void; timer: NodeJS.Timeout } | undefined;

  constructor(
    private readonly write: (items: T[]) => Promise<unknown>,
    private readonly delayMs = 50,
  ) {}

  add(item: T): void {
    this.items.push(item);
    if (!this.open) {
      let release!: () => void;
      const written = new Promise<void>((resolve) => (release = resolve));
      this.open = { written, release, timer: setTimeout(() => this.flush(), this.delayMs) };
    }
    if (this.items.length >= 200) this.flush();
  }

  settled(): Promise<void> {
    return this.open ? this.open.written : this.flushing;
  }

  flush(): void {
    const batch = this.open;
    if (!batch) return;
    clearTimeout(batch.timer);
    this.open = undefined;
    const items = this.items;
    this.items = [];
    this.flushing = this.flushing.then(() => this.write(items).then(() => undefined));
    void this.flushing.then(batch.release);
  }
}
