// How many of the loaded bars (newest first) the chart should hold. Every attach re-sends the whole
// series to lightweight-charts (it has no prepend, and its data layer costs a few microseconds per bar
// and series), so background pages are not attached one by one: the chart gets the first page at once
// (the window it opens on), history in doubling chunks while the user scrolls towards the oldest drawn
// bar, and everything when loading is done. The total drawing work stays linear in the bar count.
export class AttachPolicy {
  attached = 0;

  /** `minChunk`: the smallest history chunk attached on a scroll. */
  constructor(private readonly minChunk = 50_000) {}

  /** Bars to attach now (the newest `n` of `loaded`), or 0 to wait. */
  target(loaded: number, done: boolean, nearOldestBar: boolean): number {
    if (loaded <= this.attached) return 0;
    if (this.attached === 0 || done) return loaded;
    if (nearOldestBar) return Math.min(loaded, this.attached + Math.max(this.attached, this.minChunk));
    return 0;
  }

  /** Starts over for a different series. */
  reset(): void {
    this.attached = 0;
  }
}
