import { InitialModel1767744000000 } from './1767744000000-InitialModel';

/** Every migration, in order. Listed explicitly so compiled and ts-run code load the same set. */
export const migrations = [InitialModel1767744000000];
