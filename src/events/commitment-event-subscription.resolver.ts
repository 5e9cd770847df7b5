import { GraphQLError } from 'graphql';
import { Arg, Resolver, Root, Subscription } from 'type-graphql';
import type { SubscribeResolverData } from 'type-graphql';
import { commitmentCriteria } from '../commitments/commitment-criteria';
import { CommitmentFilterInput } from '../commitments/commitment-filter.input';
import type { CommitmentEventRow } from './commitment-event.repository';
import { CommitmentEventType } from './commitment-event.type';
import { decodeEventCursor } from './event-cursor';
import { compileEventFilter } from './event-filter';
import { EventSubscription } from './event-subscription';
import type { ReplayScope } from './replay-reader';
import type { SubscriptionContext } from './subscription-context';

/**
 * WebSocket close code for a client cut off for not reading: 1008, policy violation. The stock
 * graphql-ws client treats it as fatal instead of silently resubscribing with its original
 * variables (which would repeat or skip events); the application resumes with its last cursor.
 */
export const STALLED_CLOSE_CODE = 1008;

const SUBSCRIPTION_OVER_HTTP = () =>
  new GraphQLError('Subscriptions are served over WebSocket (the graphql-ws protocol) on this same path, not over HTTP POST.', {
    extensions: { code: 'BAD_REQUEST' },
  });

interface EventArgs {
  filter?: CommitmentFilterInput | null;
  after?: string | null;
}

/**
 * Checks the arguments (a bad cursor or filter is BAD_USER_INPUT before anything is sent) and
 * opens the subscriber's event iterator: replay from `after` if given, then live.
 */
async function subscribeToEvents({ args, context }: SubscribeResolverData<unknown, EventArgs, SubscriptionContext>): Promise<EventSubscription> {
  const afterId = args.after == null ? null : decodeEventCursor(args.after, 'after');
  const criteria = await commitmentCriteria(context.db, args.filter);
  const filter = compileEventFilter(criteria);
  const { config, replays } = context;
  // Asked at the first read, which comes after the subscription registered with the stream.
  let scope: Promise<ReplayScope> | undefined;
  return new EventSubscription({
    stream: context.events,
    filter,
    afterId,
    bufferLimit: config.subscriptionBufferLimit,
    stallMs: config.subscriptionStallMs,
    readPage: async (after, limit) => replays.read(after, limit, await (scope ??= replays.scopeOf(criteria)), filter.needs),
    onStalled: () =>
      context.closeConnection(
        STALLED_CLOSE_CODE,
        `Too far behind: took no event for ${config.subscriptionStallMs} ms; subscribe again with after: <last cursor received>`,
      ),
  });
}

@Resolver()
export class CommitmentEventSubscriptionResolver {
  @Subscription(() => CommitmentEventType, {
    subscribe: subscribeToEvents,
    description:
      'Live events over graphql-ws on the same path as queries. With `after`, first replays every event since that cursor, then goes live, with none lost or repeated in between.',
  })
  commitmentEvents(
    @Root() event: CommitmentEventRow | undefined,
    // Read by subscribeToEvents; declared here so they are in the schema.
    @Arg('filter', () => CommitmentFilterInput, { nullable: true }) _filter: CommitmentFilterInput | null,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
  ): CommitmentEventRow {
    // Without an event this runs as a plain HTTP request, which cannot carry a subscription.
    if (!event) throw SUBSCRIPTION_OVER_HTTP();
    return event;
  }
}

/**
 * type-graphql insists on a PubSub when any @Subscription exists, even though ours all bring their
 * own `subscribe`; this one is never called.
 */
export const unusedPubSub = {
  publish(): void {
    throw new Error('subscriptions here read the event log; nothing is published through type-graphql');
  },
  subscribe(): AsyncIterable<unknown> {
    throw new Error('subscriptions here read the event log; nothing is published through type-graphql');
  },
};
