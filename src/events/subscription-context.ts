import type { RequestContext } from '../graphql/context';
import type { EventStream } from './event-stream';

/** The context of a subscription operation: a request's, plus the live feed and the client's connection. */
export interface SubscriptionContext extends RequestContext {
  events: EventStream;
  /** Closes this client's WebSocket (every operation on it) with a code and a reason it can read. */
  closeConnection(code: number, reason: string): void;
}
