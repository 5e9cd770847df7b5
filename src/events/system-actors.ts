/**
 * The actor names the system itself writes under, in the event log and in report history. An API
 * key must never be named like one of them, or its edits would read as time-driven or seeded
 * changes (see createApiKey).
 */
export const SYSTEM_ACTORS = {
  /** Status changes that happen because a day passed (src/scheduler). */
  scheduler: 'scheduler',
  /** The data loaded by `npm run seed`. */
  seed: 'seed',
  /** The ADMIN key made from ADMIN_API_KEY at start. */
  bootstrapAdmin: 'bootstrap-admin',
} as const;

/** How a name looks to a reader: case, spaces, dashes and underscores do not tell "Bootstrap_Admin" from "bootstrap-admin". */
const looks = (name: string) => name.normalize('NFKC').toLowerCase().replace(/[\s\-_.]+/g, '');
const RESERVED = new Set(Object.values(SYSTEM_ACTORS).map(looks));

/** True when `name` reads like one of the system's own actor names. */
export function looksLikeSystemActor(name: string): boolean {
  return RESERVED.has(looks(name));
}
