import { InitialModel1767744000000 } from './1767744000000-InitialModel';
import { SchedulerState1767830400000 } from './1767830400000-SchedulerState';

/** Every migration, in order. Listed explicitly so compiled and ts-run code load the same set. */
export const migrations = [InitialModel1767744000000, SchedulerState1767830400000];
