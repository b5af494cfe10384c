// Exponential backoff for retries (events, jobs, webhook deliveries): base·2^attempts, capped.
export function backoffMs(attempts: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** Math.min(attempts, 30));
}
