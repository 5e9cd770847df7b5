import type { Actor } from '../api-keys/authenticate';
import { writeTransaction } from '../db/write-transaction';
import { defaultKind } from '../domain/commitment-kinds';
import type { CalendarDate } from '../domain/dates';
import { horizonFrom, normalizeRecurrence } from '../domain/recurrence';
import { commitmentStatus } from '../domain/status';
import { EngagementEntity } from '../engagements/engagement.entity';
import { appendEvents } from '../events/event-log';
import { snapshotStatuses, statusChangeEvents, statusesOf } from '../events/status-changes';
import { FollowUpEntity } from '../follow-ups/follow-up.entity';
import { materializeRecurringFollowUps } from '../follow-ups/recurring-follow-ups';
import type { RequestContext } from '../graphql/context';
import { badInput, notFound } from '../graphql/errors';
import { unusedExternalId, writingExternalId } from '../graphql/external-id';
import { expectGlobalId, toGlobalId } from '../graphql/global-id';
import { checkDate, globalIdList, latestPlannedDate, LIMITS, optionalText, positiveInt, requireAllFound, requiredText } from '../graphql/validate';
import { SOURCE_STANCES } from '../sources/source-citation.entity';
import { sourcesByIds } from '../sources/source.repository';
import {
  bumpCommitment, CommitmentChanges, findCommitment, firstFollowUps, followUpUpdateWrite, insertCommitment, insertFollowUp, lockAndBumpCommitment, lockCommitment,
  upsertCitation,
} from './commitment-write.repository';
import { CommitmentEntity } from './commitment.entity';
import { AddFollowUpInput, CiteSourceInput, CreateCommitmentInput, UpdateCommitmentInput } from './commitment.input';
import { checkCommitmentParties, checkKind } from './commitment-parties';
import { checkRecurrence } from './recurrence-check';

/**
 * Writes to commitments. Each one validates all of its input first (nothing is written for a
 * refused call), then runs one transaction that locks the commitment, changes it, bumps its
 * version and appends the matching events, so history and data never disagree.
 */

const TEXT = {
  title: { max: LIMITS.title },
  description: { max: LIMITS.description, multiline: true },
  note: { max: 2000, multiline: true },
} as const;

type Schedule =
  | { kind: 'undated' }
  | { kind: 'once'; dueDate: string }
  | { kind: 'recurring'; recurrence: string; startsOn: string };

function checkSchedule(input: CreateCommitmentInput, ctx: RequestContext): Schedule {
  const recurrence = optionalText(input.recurrence, 'input.recurrence', { max: 500 });
  if (recurrence) {
    if (input.dueDate != null) throw badInput('input.dueDate', 'give either dueDate (a one-off deadline) or recurrence with startsOn, not both');
    if (input.startsOn == null) throw badInput('input.startsOn', 'is required with recurrence: the rule counts from it');
    const startsOn = checkDate(input.startsOn, 'input.startsOn', latestPlannedDate(ctx.today));
    checkRecurrence(recurrence, startsOn, horizonFrom(ctx.today), 'input.recurrence');
    return { kind: 'recurring', recurrence: normalizeRecurrence(recurrence), startsOn };
  }
  if (input.startsOn != null) throw badInput('input.startsOn', 'only goes with recurrence; for a one-off deadline use dueDate');
  if (input.dueDate != null) return { kind: 'once', dueDate: checkDate(input.dueDate, 'input.dueDate', latestPlannedDate(ctx.today)) };
  return { kind: 'undated' };
}

async function sourceIdsOf(ctx: RequestContext, ids: readonly string[] | null | undefined, field: string): Promise<string[]> {
  const wanted = globalIdList(ids, 'Source', field);
  if (wanted.length) requireAllFound(wanted, (await sourcesByIds(ctx.db, wanted)).map((s) => s.id), 'Source', field);
  return wanted;
}

async function engagementIdOf(ctx: RequestContext, id: string | null | undefined): Promise<string | null> {
  if (id == null) return null;
  const dbId = expectGlobalId(id, 'Engagement', 'input.engagementId');
  if (!(await ctx.db.getRepository(EngagementEntity).existsBy({ id: dbId }))) throw notFound('Engagement', id, 'input.engagementId');
  return dbId;
}

/** The title to reject null for: GraphQL lets a caller send null to an optional field. */
function optionalTitle(value: string | null | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) throw badInput(field, 'cannot be null; omit it to keep the current title');
  return requiredText(value, field, TEXT.title);
}

function optionalVersion(value: number | null | undefined): number | undefined {
  return value == null ? undefined : positiveInt(value, 'input.expectedVersion');
}

export async function createCommitment(ctx: RequestContext, actor: Actor, input: CreateCommitmentInput): Promise<CommitmentEntity> {
  const title = requiredText(input.title, 'input.title', TEXT.title);
  const description = optionalText(input.description, 'input.description', TEXT.description) ?? null;
  const schedule = checkSchedule(input, ctx);
  const givenKind = checkKind(input.kind, 'input.kind');
  const parties = await checkCommitmentParties(ctx.db, input.partyCodes, input.otherParties, givenKind);
  const kind = givenKind ?? defaultKind(parties.filter((p) => p.role === 'OBLIGOR').length);
  const externalId = await unusedExternalId(ctx.db, 'commitment', input.externalId, 'input.externalId');
  const engagementId = await engagementIdOf(ctx, input.engagementId);
  const sourceIds = await sourceIdsOf(ctx, input.sourceIds, 'input.sourceIds');

  return writingExternalId('commitment', externalId, 'input.externalId', () => writeTransaction(ctx.db, async (m) => {
    const now = ctx.clock.now();
    const recurring = schedule.kind === 'recurring' ? schedule : null;
    const id = await insertCommitment(m, {
      title, description, kind, externalId, engagementId, now,
      parties: parties.map((p) => ({ partyId: p.party.id, role: p.role })),
      recurrence: recurring?.recurrence ?? null,
      startsOn: recurring?.startsOn ?? null,
    });
    const followUpIds = recurring
      ? await materializeRecurringFollowUps(m, { id, title, recurrence: recurring.recurrence, startsOn: recurring.startsOn }, horizonFrom(ctx.today), now)
      : [await insertFollowUp(m, { commitmentId: id, title, dueDate: schedule.kind === 'once' ? schedule.dueDate : null, now })];
    for (const sourceId of sourceIds) await upsertCitation(m, { commitmentId: id, sourceId, stance: 'CONFIRMS', note: null, now });
    const statuses = await snapshotStatuses(m, followUpIds, ctx.today, ctx.config.dueSoonDays);
    await appendEvents(m, [{
      commitmentId: id,
      kind: 'CREATED',
      actor: actor.name,
      occurredAt: now,
      status: commitmentStatus([...statuses.values()]),
      details: {
        title, description, kind, externalId,
        partyCodes: parties.filter((p) => p.role === 'OBLIGOR').map((p) => p.party.code).sort(),
        otherParties: parties.filter((p) => p.role !== 'OBLIGOR').map((p) => ({ partyCode: p.party.code, role: p.role })),
        engagementId: input.engagementId ?? null,
        dueDate: schedule.kind === 'once' ? schedule.dueDate : null,
        recurrence: recurring?.recurrence ?? null,
        startsOn: recurring?.startsOn ?? null,
        sourceIds: sourceIds.map((s) => toGlobalId('Source', s)),
        followUps: followUpIds.length,
      },
    }]);
    return findCommitment(m, id);
  }));
}

/**
 * Edits title, description, kind, or (for a one-off commitment) the due date of its single
 * follow-up, if the caller's expectedVersion is still current. Every accepted call bumps the
 * version by one and appends one UPDATED event, so versions count accepted edits exactly; a kind
 * that changes adds KIND_CHANGED, a due date that moves adds DEADLINE_MOVED, and a status that
 * moves STATUS_CHANGED, each once, in the same transaction.
 */
export async function updateCommitment(ctx: RequestContext, actor: Actor, input: UpdateCommitmentInput): Promise<CommitmentEntity> {
  const id = expectGlobalId(input.id, 'Commitment', 'input.id');
  const expectedVersion = positiveInt(input.expectedVersion, 'input.expectedVersion');
  const changes: CommitmentChanges = {
    title: optionalTitle(input.title, 'input.title'),
    description: optionalText(input.description, 'input.description', TEXT.description),
  };
  const dueDate = input.dueDate == null ? input.dueDate : checkDate(input.dueDate, 'input.dueDate', latestPlannedDate(ctx.today));
  const kind = checkKind(input.kind, 'input.kind');
  if (changes.title === undefined && changes.description === undefined && dueDate === undefined && kind === undefined) {
    throw badInput('input', 'name at least one of title, description, dueDate or kind to change');
  }

  // Four statements: lock and edit the commitment, read its first two follow-ups with their
  // reports, change the single follow-up along with appending the events, commit.
  return writeTransaction(ctx.db, async (m) => {
    const now = ctx.clock.now();
    const { before, after } = await lockAndBumpCommitment(m, {
      of: { commitmentId: id }, missing: () => notFound('Commitment', toGlobalId('Commitment', id), 'input.id'), now, expectedVersion,
      // Setting the kind it already has changes nothing; KIND_CHANGED below compares with the row as locked.
      changes: { ...changes, kind },
    });
    const followUps = await firstFollowUps(m, id, 2);
    // A one-off commitment has exactly one follow-up, titled like it; it follows edits.
    const single = !before.recurrence && followUps.length === 1 ? followUps[0] : undefined;
    if (dueDate !== undefined && !single) {
      throw badInput('input.dueDate', before.recurrence
        ? `this commitment recurs (${before.recurrence}); its follow-ups' due dates come from the rule. Report on or add follow-ups instead`
        : `this commitment has ${followUps.length ? 'several follow-ups' : 'no follow-up'}, so there is no single due date to move; add or report on follow-ups instead`);
    }
    const kindChanged = kind !== undefined && kind !== before.kind;
    const renamed = single && changes.title !== undefined && single.title === before.title ? changes.title : undefined;
    const facts = (due: CalendarDate | null) => new Map(single ? [[single.id, { dueDate: due, reports: single.reports }]] : []);
    const statusesBefore = statusesOf(facts(single?.dueDate ?? null), ctx.today, ctx.config.dueSoonDays);
    const statusesAfter = statusesOf(facts(dueDate !== undefined ? dueDate : single?.dueDate ?? null), ctx.today, ctx.config.dueSoonDays);

    const details: Record<string, { before: unknown; after: unknown }> = {};
    if (changes.title !== undefined) details.title = { before: before.title, after: changes.title };
    if (changes.description !== undefined) details.description = { before: before.description, after: changes.description };
    if (dueDate !== undefined) details.dueDate = { before: single!.dueDate, after: dueDate };
    if (kindChanged) details.kind = { before: before.kind, after: kind };
    const base = { commitmentId: id, actor: actor.name, occurredAt: now };
    const deadlineMoved = dueDate !== undefined && dueDate !== single!.dueDate;
    const appended = await appendEvents(m, [
      { ...base, kind: 'UPDATED', details: { version: { before: before.version, after: after.version }, ...details } },
      ...(kindChanged ? [{ ...base, kind: 'KIND_CHANGED' as const, details: { before: before.kind, after: kind } }] : []),
      ...(deadlineMoved ? [{ ...base, kind: 'DEADLINE_MOVED' as const, followUpId: single!.id, details: { before: single!.dueDate, after: dueDate } }] : []),
      ...statusChangeEvents(statusesBefore, statusesAfter, base),
    ], single ? followUpUpdateWrite(single.id, { dueDate, title: renamed }, now) : undefined);
    ctx.committedDataVersion = appended.dataVersion ?? undefined;
    return after;
  });
}

/** Cites a source with a stance, or changes the stance and note of an existing citation. */
export async function citeSource(ctx: RequestContext, actor: Actor, input: CiteSourceInput): Promise<CommitmentEntity> {
  const id = expectGlobalId(input.commitmentId, 'Commitment', 'input.commitmentId');
  const [sourceId] = await sourceIdsOf(ctx, [input.sourceId], 'input.sourceId');
  if (!SOURCE_STANCES.includes(input.stance)) throw badInput('input.stance', `must be one of ${SOURCE_STANCES.join(', ')}`);
  const note = optionalText(input.note, 'input.note', TEXT.note) ?? null;
  const expectedVersion = optionalVersion(input.expectedVersion);

  return writeTransaction(ctx.db, async (m) => {
    const before = await lockCommitment(m, id, 'input.commitmentId', expectedVersion);
    const now = ctx.clock.now();
    const previous = await upsertCitation(m, { commitmentId: id, sourceId, stance: input.stance, note, now });
    await bumpCommitment(m, id, before.version, now);
    await appendEvents(m, [{
      commitmentId: id, kind: 'UPDATED', actor: actor.name, occurredAt: now,
      details: {
        version: { before: before.version, after: before.version + 1 },
        citation: { sourceId: toGlobalId('Source', sourceId), before: previous, after: { stance: input.stance, note } },
      },
    }]);
    return findCommitment(m, id);
  });
}

/** Adds a follow-up by hand (occurrence null), e.g. a deliverable announced after the meeting. */
export async function addFollowUp(ctx: RequestContext, actor: Actor, input: AddFollowUpInput): Promise<FollowUpEntity> {
  const id = expectGlobalId(input.commitmentId, 'Commitment', 'input.commitmentId');
  const title = requiredText(input.title, 'input.title', TEXT.title);
  const dueDate = input.dueDate == null ? null : checkDate(input.dueDate, 'input.dueDate', latestPlannedDate(ctx.today));
  const expectedVersion = optionalVersion(input.expectedVersion);

  return writeTransaction(ctx.db, async (m) => {
    const before = await lockCommitment(m, id, 'input.commitmentId', expectedVersion);
    const now = ctx.clock.now();
    const followUpId = await insertFollowUp(m, { commitmentId: id, title, dueDate, now });
    await bumpCommitment(m, id, before.version, now);
    await appendEvents(m, [{
      commitmentId: id, followUpId, kind: 'UPDATED', actor: actor.name, occurredAt: now,
      details: {
        version: { before: before.version, after: before.version + 1 },
        followUpAdded: { id: toGlobalId('FollowUp', followUpId), title, dueDate },
      },
    }]);
    return m.getRepository(FollowUpEntity).findOneByOrFail({ id: followUpId });
  });
}
