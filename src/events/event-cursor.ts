import { decodeCursor, encodeCursor } from '../graphql/connection';

/**
 * The cursor of a commitment event: an opaque encoding of its id. Ids increase in commit order
 * (see event-log.ts), so "events after this cursor" is `id > decoded`. The same encoding serves
 * CommitmentEvent.cursor, history edges and the subscription's `after`, so any of them resumes any
 * other.
 */
export function encodeEventCursor(eventId: string): string {
  return encodeCursor([eventId]);
}

/** The event id behind a cursor; BAD_USER_INPUT naming `field` if it is not one. */
export function decodeEventCursor(cursor: string, field = 'after'): string {
  return decodeCursor(cursor, 1, field)[0] as string;
}
