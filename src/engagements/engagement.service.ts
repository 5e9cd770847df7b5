import { writeTransaction } from '../db/write-transaction';
import type { RequestContext } from '../graphql/context';
import { badInput } from '../graphql/errors';
import { unusedExternalId, writingExternalId } from '../graphql/external-id';
import { checkPartyCodes } from '../graphql/list-filters';
import { checkDate, globalIdList, latestPlannedDate, LIMITS, optionalText, requireAllFound, requiredText } from '../graphql/validate';
import { partiesByCodes } from '../parties/party.repository';
import { sourcesByIds } from '../sources/source.repository';
import type { CreateEngagementInput } from './engagement.input';
import { engagementsByIds, EngagementRow } from './engagement.repository';

/**
 * Records a meeting or visit with the parties that met and the sources that report it (as
 * CONFIRMS). It touches no commitment, so it writes no event. Everything is checked first; a
 * refused call writes nothing.
 */
export async function createEngagement(ctx: RequestContext, input: CreateEngagementInput): Promise<EngagementRow> {
  const title = requiredText(input.title, 'input.title', { max: LIMITS.title });
  const heldOn = input.heldOn == null ? null : checkDate(input.heldOn, 'input.heldOn', latestPlannedDate(ctx.today));
  const location = optionalText(input.location, 'input.location', { max: LIMITS.title }) ?? null;
  if (!input.partyCodes?.length) throw badInput('input.partyCodes', 'name at least one party that took part, e.g. ["PK", "CN"]');
  const codes = checkPartyCodes(input.partyCodes, 'input.partyCodes');
  if (codes.length < input.partyCodes.length) throw badInput('input.partyCodes', 'lists a party twice; name each party once');
  const parties = await partiesByCodes(ctx.db, codes);
  const unknown = codes.find((c) => !parties.some((p) => p.code === c));
  if (unknown !== undefined) throw badInput('input.partyCodes', `unknown party code "${unknown}"; Query.parties lists the known ones`);
  const sourceIds = globalIdList(input.sourceIds, 'Source', 'input.sourceIds');
  if (sourceIds.length) requireAllFound(sourceIds, (await sourcesByIds(ctx.db, sourceIds)).map((s) => s.id), 'Source', 'input.sourceIds');
  const externalId = await unusedExternalId(ctx.db, 'engagement', input.externalId, 'input.externalId');

  const id = await writingExternalId('engagement', externalId, 'input.externalId', () => writeTransaction(ctx.db, async (m) => {
    const now = ctx.clock.now();
    const [{ id }] = await m.query(
      `INSERT INTO engagement (title, held_on, location, external_id, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [title, heldOn, location, externalId, now],
    );
    await m.query(`INSERT INTO engagement_party (engagement_id, party_id) SELECT $1, unnest($2::bigint[])`, [id, parties.map((p) => p.id)]);
    if (sourceIds.length) {
      await m.query(
        `INSERT INTO engagement_source (engagement_id, source_id, stance, created_at) SELECT $1, unnest($2::bigint[]), 'CONFIRMS', $3`,
        [id, sourceIds, now],
      );
    }
    return id as string;
  }));
  const [row] = await engagementsByIds(ctx.db, [id]);
  return row;
}
