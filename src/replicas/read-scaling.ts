import type { AppServices } from '../graphql/context';
import { poolOf } from '../db/pool-of';
import { watchPool } from '../metrics/metrics';
import { ReadRouter } from './read-router';

/**
 * The services a server runs with once its read replicas (if any) are attached: the primary's
 * pool is reported in /metrics, and with DATABASE_READ_URLS a ReadRouter chooses where anonymous
 * reads go (see createContext). `stop` closes the replica pools and leaves the primary alone.
 */
export async function startReadScaling(services: AppServices): Promise<{ services: AppServices; stop(): Promise<void> }> {
  const unwatch = watchPool('primary', () => poolOf(services.db));
  const reads = services.config.databaseReadUrls.length ? await ReadRouter.start(services) : undefined;
  return {
    services: { ...services, reads },
    stop: async () => {
      unwatch();
      await reads?.stop();
    },
  };
}
