import type { DataSource } from 'typeorm';
import { createPartyLoaders } from '../parties/party.loader';
import { createSourceLoaders } from '../sources/source.loader';

/** Every DataLoader, grouped by concept; each concept's loader file says what it batches. */
export function createLoaders(db: DataSource) {
  return {
    ...createPartyLoaders(db),
    ...createSourceLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
