import type { CommitmentEventRow } from '../events/commitment-event.repository';
import { BatchFacts, compileEventFilter, EventFilter } from '../events/event-filter';
import type { WebhookRow } from './webhook.repository';

/**
 * The events a webhook is owed: its CommitmentFilter with the meaning it has for subscriptions
 * (src/events/event-filter.ts), and its kinds (none listed: every kind, including kinds added later).
 */
export function webhookFilter(webhook: Pick<WebhookRow, 'criteria' | 'kinds'>): EventFilter {
  const filter = compileEventFilter(webhook.criteria);
  const kinds = new Set<string>(webhook.kinds);
  return {
    needs: filter.needs,
    matches: (event: CommitmentEventRow, facts: BatchFacts) => (kinds.size === 0 || kinds.has(event.kind)) && filter.matches(event, facts),
  };
}
