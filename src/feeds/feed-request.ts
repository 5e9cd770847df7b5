import { EVENT_KINDS, EventKind } from '../events/commitment-event.entity';
import type { Queryable } from '../db/queryable';
import { ApiError } from '../graphql/errors';
import { parseGlobalId } from '../graphql/global-id';
import { partyIdsForCodes } from '../graphql/list-filters';

/** A feed request the server cannot answer as asked; answered 400 with this plain message. */
export class BadFeedRequest extends Error {}

/** The narrowing a feed URL asks for, as given (normalized), for links and entity tags. */
export interface FeedQuery {
  party: string[];
  engagement: string[];
  commitment: string[];
  kind: string[];
}

/** The same, checked and resolved to database ids; an empty list narrows nothing. */
export interface FeedCriteria {
  partyIds: string[];
  engagementIds: string[];
  commitmentIds: string[];
  kinds: EventKind[];
}

const PARAMS = ['party', 'engagement', 'commitment', 'kind'] as const;
const MAX_VALUES = 50;

/**
 * ?party=PK&party=CN, ?party=PK,CN and a mix of both mean the same; values are trimmed and
 * de-duplicated and sorted, so equal feeds have equal URLs and equal entity tags.
 */
export function parseFeedQuery(query: Record<string, unknown>): FeedQuery {
  const values = (name: (typeof PARAMS)[number]): string[] => {
    const raw = query[name];
    const given = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    if (given.some((v) => typeof v !== 'string')) throw new BadFeedRequest(`${name} must be given as plain values, e.g. ?${name}=a,b`);
    const list = [...new Set((given as string[]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean))];
    if (list.length > MAX_VALUES) throw new BadFeedRequest(`${name}: at most ${MAX_VALUES} values`);
    return list.sort();
  };
  const party = values('party').map((c) => c.toUpperCase());
  return { party: [...new Set(party)].sort(), engagement: values('engagement'), commitment: values('commitment'), kind: values('kind') };
}

/** The query string of a normalized FeedQuery ("" when it narrows nothing). */
export function feedQueryString(q: FeedQuery): string {
  const params = new URLSearchParams();
  for (const name of PARAMS) if (q[name].length) params.set(name, q[name].join(','));
  const text = params.toString().replace(/%2C/g, ',');
  return text ? `?${text}` : '';
}

/** Checks every value: unknown party codes, kinds, and ids that are malformed or name nothing are refused. */
export async function resolveFeedQuery(db: Queryable, q: FeedQuery): Promise<FeedCriteria> {
  const badKind = q.kind.find((k) => !(EVENT_KINDS as readonly string[]).includes(k));
  if (badKind !== undefined) throw new BadFeedRequest(`kind: "${badKind}" is not an event kind; use one of ${EVENT_KINDS.join(', ')}`);
  let partyIds: string[] = [];
  try {
    partyIds = q.party.length ? ((await partyIdsForCodes(db, q.party, 'party')) ?? []) : [];
  } catch (err) {
    if (err instanceof ApiError) throw new BadFeedRequest(err.message);
    throw err;
  }
  return {
    partyIds,
    engagementIds: await existingIds(db, q.engagement, 'Engagement', 'engagement'),
    commitmentIds: await existingIds(db, q.commitment, 'Commitment', 'commitment'),
    kinds: q.kind as EventKind[],
  };
}

async function existingIds(db: Queryable, globalIds: string[], type: 'Engagement' | 'Commitment', param: string): Promise<string[]> {
  const ids = globalIds.map((g) => {
    const parsed = parseGlobalId(g);
    if (!parsed || parsed.type !== type) throw new BadFeedRequest(`${param}: "${g}" is not ${type === 'Engagement' ? 'an' : 'a'} ${type} id (use the id the API gives, e.g. from Query.${type === 'Engagement' ? 'engagements' : 'commitments'})`);
    return parsed.id;
  });
  if (!ids.length) return [];
  const table = type === 'Engagement' ? 'engagement' : 'commitment';
  const found: { id: string }[] = await db.query(`SELECT id::text FROM ${table} WHERE id = ANY($1::bigint[])`, [ids]);
  const missing = globalIds.find((_g, i) => !found.some((f) => f.id === ids[i]));
  if (missing !== undefined) throw new BadFeedRequest(`${param}: no ${type.toLowerCase()} with id "${missing}"`);
  return ids;
}
