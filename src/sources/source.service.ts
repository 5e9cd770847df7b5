import type { RequestContext } from '../graphql/context';
import { badInput, notFound } from '../graphql/errors';
import { unusedExternalId, writingExternalId } from '../graphql/external-id';
import { expectGlobalId } from '../graphql/global-id';
import { checkPartyCodes } from '../graphql/list-filters';
import { checkDate, latestPastDate, LIMITS, optionalHttpUrl, optionalText, requiredText } from '../graphql/validate';
import { partiesByCodes } from '../parties/party.repository';
import { SOURCE_KINDS, SourceKind } from './source.entity';
import { CreateSourceInput, UpdateSourceInput } from './source.input';
import { SourceRow, sourcesByIds } from './source.repository';

/** A source's kind as given: undefined (not given), null (unknown), or a SourceKind. */
function checkSourceKind(kind: SourceKind | null | undefined): SourceKind | null | undefined {
  if (kind != null && !SOURCE_KINDS.includes(kind)) throw badInput('input.kind', `must be one of ${SOURCE_KINDS.join(', ')}`);
  return kind;
}

/** The party id of an affiliation code: undefined (not given), null (none: independent), or a known party's id. */
async function affiliationOf(ctx: RequestContext, code: string | null | undefined): Promise<string | null | undefined> {
  if (code === undefined) return undefined;
  if (code === null || code.trim() === '') return null;
  const [checked] = checkPartyCodes([code], 'input.affiliationCode');
  const [party] = await partiesByCodes(ctx.db, [checked]);
  if (!party) throw badInput('input.affiliationCode', `unknown party code "${checked}"; Query.parties lists the known ones`);
  return party.id;
}

function publishedOnOf(ctx: RequestContext, value: string | null | undefined): string | null | undefined {
  return value == null ? value : checkDate(value, 'input.publishedOn', latestPastDate(ctx.today));
}

/** Records a published account; it touches no commitment until cited, so it writes no event. */
export async function createSource(ctx: RequestContext, input: CreateSourceInput): Promise<SourceRow> {
  const title = requiredText(input.title, 'input.title', { max: LIMITS.title });
  const outlet = optionalText(input.outlet, 'input.outlet', { max: LIMITS.shortText }) ?? null;
  const url = optionalHttpUrl(input.url, 'input.url') ?? null;
  const publishedOn = publishedOnOf(ctx, input.publishedOn) ?? null;
  const kind = checkSourceKind(input.kind) ?? null;
  const affiliationPartyId = (await affiliationOf(ctx, input.affiliationCode)) ?? null;
  const externalId = await unusedExternalId(ctx.db, 'source', input.externalId, 'input.externalId');
  const [{ id }] = await writingExternalId('source', externalId, 'input.externalId', () => ctx.db.query(
    `INSERT INTO source (title, outlet, url, published_on, kind, affiliation_party_id, external_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [title, outlet, url, publishedOn, kind, affiliationPartyId, externalId, ctx.clock.now()],
  ));
  const [row] = await sourcesByIds(ctx.db, [id]);
  return row;
}

/**
 * Changes what is known about a source: fields left out stay, null clears an optional one (kind
 * null: unknown; affiliationCode null: independent). A source is not part of any commitment's
 * history, so this writes no event; commitments citing it show the change at once.
 */
export async function updateSource(ctx: RequestContext, input: UpdateSourceInput): Promise<SourceRow> {
  const id = expectGlobalId(input.id, 'Source', 'input.id');
  if (input.title === null) throw badInput('input.title', 'cannot be null; omit it to keep the current title');
  const changes: Record<string, unknown> = {
    title: input.title === undefined ? undefined : requiredText(input.title, 'input.title', { max: LIMITS.title }),
    outlet: optionalText(input.outlet, 'input.outlet', { max: LIMITS.shortText }),
    url: optionalHttpUrl(input.url, 'input.url'),
    published_on: publishedOnOf(ctx, input.publishedOn),
    kind: checkSourceKind(input.kind),
    affiliation_party_id: await affiliationOf(ctx, input.affiliationCode),
  };
  const given = Object.entries(changes).filter(([, v]) => v !== undefined);
  if (!given.length) throw badInput('input', 'name at least one of title, outlet, url, publishedOn, kind or affiliationCode to change');
  const params: unknown[] = [id];
  const sets = given.map(([column, value]) => `${column} = $${params.push(value)}`);
  const updated: unknown[] = await ctx.db.query(`WITH u AS (UPDATE source SET ${sets.join(', ')} WHERE id = $1 RETURNING id) SELECT id FROM u`, params);
  if (!updated.length) throw notFound('Source', input.id, 'input.id');
  const [row] = await sourcesByIds(ctx.db, [id]);
  return row;
}
