import { randomBytes } from 'node:crypto';
import type { Actor } from '../api-keys/authenticate';
import { commitmentCriteria } from '../commitments/commitment-criteria';
import { EVENT_KINDS, EventKind } from '../events/commitment-event.entity';
import { loadBatchFacts, readEventsAfter } from '../events/event-feed.repository';
import type { RequestContext } from '../graphql/context';
import { badInput, notConfigured, notFound } from '../graphql/errors';
import { expectGlobalId, toGlobalId } from '../graphql/global-id';
import { HOW_TO_SET_A_KEY, SecretBox } from './secret-box';
import type { CreateWebhookInput } from './webhook.input';
import { webhookFilter } from './webhook-filter';
import { checkWebhookUrl } from './webhook-url';
import { deleteWebhookRow, insertWebhook, WebhookRow } from './webhook.repository';

export interface NewWebhook {
  webhook: WebhookRow;
  secret: string;
}

/** The Standard Webhooks secret format: "whsec_" + base64 of the key bytes. */
const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/**
 * Checks everything before writing (a refused createWebhook writes nothing), then stores the secret
 * encrypted and returns it this once. Deliveries start with the next event written.
 */
export async function createWebhook(ctx: RequestContext, actor: Actor, input: CreateWebhookInput): Promise<NewWebhook> {
  const key = ctx.config.webhookSecretKey;
  if (!key) throw notConfigured(`${HOW_TO_SET_A_KEY}. Then restart the server and call createWebhook again.`);
  const url = checkWebhookUrl(input.url, ctx.config.webhookAllowHosts);
  const kinds = [...new Set(input.kinds ?? [])];
  const unknown = kinds.filter((k) => !(EVENT_KINDS as readonly string[]).includes(k));
  if (unknown.length) throw badInput('input.kinds', `unknown event kind ${unknown.join(', ')}; one of ${EVENT_KINDS.join(', ')}`);
  const criteria = await commitmentCriteria(ctx.db, input.filter, 'input.filter.');
  const secret = newSecret();
  const webhook = await insertWebhook(ctx.db, {
    url: url.href,
    criteria,
    kinds: kinds as EventKind[],
    secretEncrypted: new SecretBox(key).seal(secret),
    createdAt: ctx.clock.now(),
    createdBy: actor.name,
  });
  return { webhook, secret };
}

export async function deleteWebhook(ctx: RequestContext, globalId: string): Promise<WebhookRow> {
  const id = expectGlobalId(globalId, 'Webhook', 'id');
  const row = await deleteWebhookRow(ctx.db, id);
  if (!row) throw notFound('Webhook', toGlobalId('Webhook', id), 'id');
  return row;
}

const COUNT_PAGE = 1_000;

/**
 * Events after the webhook's position that it is owed, judged by the very filter deliveries use
 * (so the count and what arrives agree), read a page at a time.
 */
export async function pendingDeliveries(ctx: RequestContext, webhook: WebhookRow): Promise<number> {
  const filter = webhookFilter(webhook);
  let after = webhook.deliveredThrough;
  let pending = 0;
  for (;;) {
    const events = await readEventsAfter(ctx.db, after, COUNT_PAGE);
    if (!events.length) return pending;
    const facts = await loadBatchFacts(ctx.db, events, filter.needs, ctx.config);
    pending += events.filter((e) => filter.matches(e, facts)).length;
    if (events.length < COUNT_PAGE) return pending;
    after = events[events.length - 1].id;
  }
}
