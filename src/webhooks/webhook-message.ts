import { Webhook as Signer } from 'standardwebhooks';
import type { CommitmentEventRow } from '../events/commitment-event.repository';
import { encodeEventCursor } from '../events/event-cursor';
import { toGlobalId } from '../graphql/global-id';

/**
 * One delivery as the Standard Webhooks specification frames it. The body is the contract's
 * {id, kind, occurredAt, commitmentId, followUpId, previousStatus, status}, with id the event's
 * cursor (so a receiver that missed something can read the history after it). webhook-id is the
 * same on every attempt at one event for one webhook, which is what lets receivers drop repeats;
 * webhook-timestamp is the attempt's own time, because receivers refuse stale ones.
 */
export function deliveryBody(event: CommitmentEventRow): string {
  let body = bodies.get(event);
  if (body === undefined) bodies.set(event, (body = render(event)));
  return body;
}

// Every webhook gets the same bytes for one event (from a shared page of the log): render them once.
const bodies = new WeakMap<CommitmentEventRow, string>();

function render(event: CommitmentEventRow): string {
  return JSON.stringify({
    id: encodeEventCursor(event.id),
    kind: event.kind,
    occurredAt: new Date(event.occurredAt).toISOString(),
    commitmentId: toGlobalId('Commitment', event.commitmentId),
    followUpId: event.followUpId ? toGlobalId('FollowUp', event.followUpId) : null,
    previousStatus: event.previousStatus,
    status: event.status,
  });
}

export const messageId = (webhookId: string, eventId: string) => `msg_${webhookId}_${eventId}`;

/** The three headers of one attempt, signed with the webhook's secret ("whsec_…"). */
export function signedHeaders(signer: Signer, id: string, body: string, at: Date): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signer.sign(id, at, body),
  };
}
