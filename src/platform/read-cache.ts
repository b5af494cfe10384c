// A small in-process cache for hot reads: entries live a bounded time, the oldest go first when it
// is full, concurrent misses of one key share one load, and a load that raced an invalidation is
// not kept (it may have read the state from before the change). Time here is the machine's
// monotonic clock, not the injected business clock: how stale a copy may be is an operational
// bound, and a test's frozen ManualClock must not make an entry live for ever.
import { performance } from 'node:perf_hooks';
import { ALL_KEYS, type InvalidationBus } from './invalidation.ts';

export interface ReadCacheOptions {
  /** How long an entry may be served, in milliseconds; 0 turns the cache off. */
  ttlMs: number;
  /** At most this many entries; the oldest are dropped first. */
  max: number;
  /** Monotonic milliseconds; tests pass their own. */
  now?: () => number;
}

interface Entry<V> {
  value: V;
  until: number;
}

export class ReadCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly loading = new Map<string, Promise<V>>();
  /** Bumped by every invalidation: a load that began before one does not store its result. */
  private generation = 0;
  private readonly now: () => number;

  constructor(private readonly options: ReadCacheOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V, ttlMs = this.options.ttlMs): void {
    if (ttlMs <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { value, until: this.now() + ttlMs });
    if (this.entries.size > this.options.max) this.entries.delete(this.entries.keys().next().value!);
  }

  /** The cached value, or `load()`'s, stored unless the key was invalidated while it ran. */
  async getOrLoad(key: string, load: () => Promise<V>, ttlOf?: (value: V) => number): Promise<V> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    if (this.options.ttlMs <= 0) return load();
    const inFlight = this.loading.get(key);
    if (inFlight) return inFlight;
    const generation = this.generation;
    const promise = load().then(
      (value) => {
        if (this.loading.get(key) === promise) this.loading.delete(key);
        if (generation === this.generation) this.set(key, value, ttlOf ? Math.min(ttlOf(value), this.options.ttlMs) : undefined);
        return value;
      },
      (err) => {
        if (this.loading.get(key) === promise) this.loading.delete(key);
        throw err;
      },
    );
    this.loading.set(key, promise);
    return promise;
  }

  /**
   * `load()`'s value, not shared with concurrent callers (it runs in the caller's transaction and
   * fails with it), kept for the next caller unless the key was invalidated while it ran. Sound for
   * statements at READ COMMITTED: a change is published after it commits, so a read that starts
   * after the invalidation sees the change.
   */
  async loadAlone(key: string, load: () => Promise<V>): Promise<V> {
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation && this.options.ttlMs > 0) this.set(key, value);
    return value;
  }

  delete(key: string): void {
    this.generation++;
    this.entries.delete(key);
    this.loading.delete(key);
  }

  /** Drop every entry whose value matches (for example every session of one user). */
  deleteWhere(match: (value: V, key: string) => boolean): void {
    this.generation++;
    for (const [key, entry] of this.entries) if (match(entry.value, key)) this.entries.delete(key);
    this.loading.clear();
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.loading.clear();
  }

  /**
   * Drop entries when the bus says a topic's key changed (`*`: all of them), and everything after
   * a gap in the bus. `drop` decides what a published key removes; by default the entry of that key.
   */
  follow(bus: InvalidationBus, topic: string, drop: (key: string, cache: this) => void = (key, cache) => cache.delete(key)): () => void {
    const off = bus.subscribe(topic, (key) => (key === ALL_KEYS ? this.clear() : drop(key, this)));
    const offGap = bus.onGap(() => this.clear());
    return () => {
      off();
      offGap();
    };
  }
}
