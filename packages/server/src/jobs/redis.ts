// Redis connection options for BullMQ from a redis:// URL. Commands wait through outages
// (maxRetriesPerRequest null) and reconnection backs off to at most 2 s, so queues and workers
// resume by themselves when Redis comes back.
import type { RedisOptions } from 'bullmq';

export const QUEUE_NAME = 'jobs';

export function redisConnection(url: string): RedisOptions {
  const u = new URL(url);
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error(`expected a redis:// URL, got ${u.protocol}`);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    retryStrategy: (times: number) => Math.min(2_000, 100 * 2 ** Math.min(times, 5)),
  };
}
