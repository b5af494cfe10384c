// Redis is an optional accelerator: nothing is stored only there.
import { Redis } from 'ioredis';

export type { Redis };

export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true, connectTimeout: 3000 });
  redis.on('error', () => {}); // reported through /health, not as an unhandled event
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    throw new Error(`cannot reach Redis at ${new URL(url).host}: ${(err as Error).message}`);
  }
  return redis;
}
