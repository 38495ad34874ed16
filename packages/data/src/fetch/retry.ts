// Retrying a request with exponential backoff and jitter. Which errors are worth retrying is the
// caller's decision (network trouble and rate limits yes, a bad symbol no).

export interface RetryOptions {
  /** Attempts after the first. Default 5. */
  retries?: number;
  /** First delay in ms; doubles each attempt. Default 500. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  isRetryable: (err: unknown) => boolean;
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  const retries = options.retries ?? 5;
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= retries || !options.isRetryable(err)) throw err;
      // Full jitter keeps several clients from retrying in lock-step against a rate limit.
      const cap = Math.min(max, base * 2 ** attempt);
      const delay = Math.round(cap / 2 + (Math.random() * cap) / 2);
      options.onRetry?.(err, attempt + 1, delay);
      await sleep(delay);
    }
  }
}
