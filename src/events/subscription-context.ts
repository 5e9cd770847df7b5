import type { RequestContext } from '../graphql/context';
import type { EventStream } from './event-stream';
import type { ReplayReader } from './replay-reader';

/** The context of a subscription operation: a request's, plus the live feed and the client's connection. */
export interface SubscriptionContext extends RequestContext {
  events: EventStream;
  /** The process's one shared, bounded reader of the log for replays. */
  replays: ReplayReader;
  /** Closes this client's WebSocket (every operation on it) with a code and a reason it can read. */
  closeConnection(code: number, reason: string): void;
}
