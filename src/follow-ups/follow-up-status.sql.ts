import type { CalendarDate } from '../domain/dates';
import { CLOSED_STATUSES, Status } from '../domain/status';
import { bindKnownRelations, KnownRelations } from '../known-at/known-at.sql';

/**
 * The SQL form of the status rules (the pure form is src/domain/status.ts; the two are proven to
 * agree by test/status-agreement.test.ts). Everything here builds SQL text around table aliases and
 * bound parameters, so filtering, counting and ordering by status all happen in Postgres.
 *
 * The key fact the definitions lean on: follow_up.first_closed_on (kept by a trigger) is the
 * earliest date of an effective DONE/MISSED/CANCELLED report. Since a closing report can only be
 * followed by another closing report (IN_PROGRESS changes nothing), "closed as of D" is exactly
 * `first_closed_on <= D`, a plain column test the due-date indexes can serve. The same trigger
 * keeps last_closed_on / last_closed_state (the latest effective closing report), so a follow-up
 * closed as of D reads its reports only when D falls before its latest closing report.
 */

/**
 * Placeholders (with casts) for the two inputs every status depends on, and the relations it is
 * read from: the tables, or the tables as known at an instant (src/known-at/known-at.sql.ts).
 */
export interface StatusParams extends KnownRelations {
  asOf: string;
  dueSoonDays: string;
}

/**
 * Placeholders for asOf and dueSoonDays in `params`. Each value is appended the first time its
 * placeholder is used, so a statement that needs neither (a count without a status filter) binds
 * none: Postgres refuses parameters a statement does not use. With `knownAt` (an ISO instant),
 * the relations are those known then; without, the tables, and the statement is today's.
 */
export function bindStatusParams(params: unknown[], asOf: CalendarDate, dueSoonDays: number, knownAt: string | null = null): StatusParams {
  let asOfPlaceholder: string | undefined;
  let dueSoonPlaceholder: string | undefined;
  const relations = bindKnownRelations(params, knownAt);
  return {
    get followUp() {
      return relations.followUp;
    },
    get report() {
      return relations.report;
    },
    get commitment() {
      return relations.commitment;
    },
    get citation() {
      return relations.citation;
    },
    get evidence() {
      return relations.evidence;
    },
    commitmentKind: (c) => relations.commitmentKind(c),
    get asOf() {
      return (asOfPlaceholder ??= `$${params.push(asOf)}::date`);
    },
    get dueSoonDays() {
      return (dueSoonPlaceholder ??= `$${params.push(dueSoonDays)}::int`);
    },
  };
}

const quoted = (statuses: readonly Status[]) => statuses.map((s) => `'${s}'`).join(', ');

/** True while follow-up `f` has no effective closing report dated on or before asOf. */
export function isOpenSql(f: string, p: StatusParams): string {
  return `(${f}.first_closed_on IS NULL OR ${f}.first_closed_on > ${p.asOf})`;
}

/**
 * The follow_up columns the status expressions read: a subquery whose rows feed
 * followUpStatusSql must select them.
 */
export function statusFactColumnsSql(f: string): string {
  return `${f}.due_date, ${f}.first_closed_on, ${f}.last_closed_on, ${f}.last_closed_state`;
}

/**
 * The state of the report that decides a closed follow-up: the latest effective (not superseded)
 * non-IN_PROGRESS report dated on or before asOf; same-day ties go to the later recorded.
 * Null while the follow-up is open. From asOf = last_closed_on on, that report is the cached
 * latest one; only an asOf between the first and the latest closing report reads reports.
 */
export function closedStateSql(f: string, p: StatusParams): string {
  return `CASE WHEN ${f}.last_closed_on <= ${p.asOf} THEN ${f}.last_closed_state
      WHEN ${f}.first_closed_on <= ${p.asOf} THEN (
      SELECT r.state FROM ${p.report} r
       WHERE r.follow_up_id = ${f}.id AND r.state <> 'IN_PROGRESS' AND r.reported_on <= ${p.asOf}
         AND NOT EXISTS (SELECT 1 FROM ${p.report} s WHERE s.supersedes_id = r.id)
       ORDER BY r.reported_on DESC, r.id DESC LIMIT 1) END`;
}

/**
 * The id of the report that decides follow-up `f`'s status as of asOf (the one closedStateSql
 * reads the state of); null while the follow-up is open.
 */
export function decidingReportIdSql(f: string, p: StatusParams): string {
  return `CASE WHEN ${f}.first_closed_on <= ${p.asOf} THEN (
      SELECT r.id FROM ${p.report} r
       WHERE r.follow_up_id = ${f}.id AND r.state <> 'IN_PROGRESS' AND r.reported_on <= ${p.asOf}
         AND NOT EXISTS (SELECT 1 FROM ${p.report} s WHERE s.supersedes_id = r.id)
       ORDER BY r.reported_on DESC, r.id DESC LIMIT 1) END`;
}

/** The status of an open follow-up, from its due date alone. */
function openStatusSql(f: string, p: StatusParams): string {
  return `CASE WHEN ${f}.due_date IS NULL THEN 'UNDATED'
      WHEN ${f}.due_date < ${p.asOf} THEN 'OVERDUE'
      WHEN ${f}.due_date <= ${p.asOf} + ${p.dueSoonDays} THEN 'DUE_SOON'
      ELSE 'SCHEDULED' END`;
}

/** Follow-up `f`'s status as of asOf: a text expression with one of the seven status values. */
export function followUpStatusSql(f: string, p: StatusParams): string {
  return `(CASE WHEN ${f}.first_closed_on <= ${p.asOf} THEN ${closedStateSql(f, p)} ELSE ${openStatusSql(f, p)} END)`;
}

/**
 * A predicate equivalent to `followUpStatusSql(f) IN (statuses)`, written so that open statuses
 * are plain ranges on due_date (served by follow_up_due_idx / follow_up_never_closed_due_idx)
 * and only closed statuses read reports.
 */
export function followUpStatusFilterSql(f: string, statuses: readonly Status[], p: StatusParams): string {
  const wanted = new Set(statuses);
  const parts: string[] = [];
  if (wanted.has('OVERDUE')) parts.push(`${f}.due_date < ${p.asOf}`);
  if (wanted.has('DUE_SOON')) parts.push(`${f}.due_date BETWEEN ${p.asOf} AND ${p.asOf} + ${p.dueSoonDays}`);
  if (wanted.has('SCHEDULED')) parts.push(`${f}.due_date > ${p.asOf} + ${p.dueSoonDays}`);
  if (wanted.has('UNDATED')) parts.push(`${f}.due_date IS NULL`);
  // Built only when used: it binds asOf, and a parameter bound but never referenced makes Postgres
  // refuse the whole statement (status: [] used to fail that way).
  const openPart = parts.length ? `(${isOpenSql(f, p)} AND (${parts.join(' OR ')}))` : null;
  const closed = CLOSED_STATUSES.filter((s) => wanted.has(s));
  const closedPart = closed.length
    ? `(${f}.first_closed_on <= ${p.asOf} AND ${closedStateSql(f, p)} IN (${quoted(closed)}))`
    : null;
  const all = [openPart, closedPart].filter((x): x is string => x !== null);
  return all.length ? `(${all.join(' OR ')})` : 'FALSE';
}

/**
 * Aggregates over the follow-ups of one commitment (rows aliased `f`, produced by
 * `followUpFactsSql`): how many there are, the earliest open due date, whether an open one is
 * undated, and whether any closed one was DONE or MISSED. Usable with GROUP BY or in a LATERAL.
 */
export function commitmentAggregateColumnsSql(f: string): string {
  return `count(${f}.id)::int AS follow_up_count,
    min(${f}.due_date) FILTER (WHERE ${f}.is_open AND ${f}.due_date IS NOT NULL) AS next_due,
    coalesce(bool_or(${f}.is_open AND ${f}.due_date IS NULL), false) AS has_open_undated,
    coalesce(bool_or(${f}.closed_state = 'DONE'), false) AS any_done,
    coalesce(bool_or(${f}.closed_state = 'MISSED'), false) AS any_missed`;
}

/** The columns `commitmentAggregateColumnsSql` expects, selected from follow_up aliased `f`. */
export function followUpFactsSql(f: string, p: StatusParams): string {
  return `${f}.id, ${f}.commitment_id, ${f}.due_date, ${isOpenSql(f, p)} AS is_open, ${closedStateSql(f, p)} AS closed_state`;
}

/**
 * A commitment's status from the aggregate row `a`. The open statuses depend on next_due alone,
 * which is why a status filter on open statuses is a range test on the earliest open due date.
 * `closed` replaces a.any_done / a.any_missed with other expressions (see closedFlagsSql): CASE
 * evaluates them only for a commitment whose follow-ups are all closed.
 */
export function commitmentStatusFromAggregateSql(a: string, p: StatusParams, closed = { anyDone: `${a}.any_done`, anyMissed: `${a}.any_missed` }): string {
  return `(CASE WHEN ${a}.next_due < ${p.asOf} THEN 'OVERDUE'
      WHEN ${a}.next_due <= ${p.asOf} + ${p.dueSoonDays} THEN 'DUE_SOON'
      WHEN ${a}.next_due IS NOT NULL THEN 'SCHEDULED'
      WHEN ${a}.has_open_undated OR ${a}.follow_up_count = 0 THEN 'UNDATED'
      WHEN ${closed.anyDone} THEN 'DONE'
      WHEN ${closed.anyMissed} THEN 'MISSED'
      ELSE 'CANCELLED' END)`;
}

/**
 * any_done / any_missed of commitment `id` as subqueries, for commitmentStatusFromAggregateSql:
 * only commitments with nothing open read reports, not every closed follow-up of every commitment.
 */
export function closedFlagsSql(id: string, p: StatusParams): { anyDone: string; anyMissed: string } {
  const any = (state: Status) => `EXISTS (SELECT 1 FROM ${p.followUp} cf
      WHERE cf.commitment_id = ${id} AND cf.first_closed_on <= ${p.asOf} AND ${closedStateSql('cf', p)} = '${state}')`;
  return { anyDone: any('DONE'), anyMissed: any('MISSED') };
}

/**
 * The aggregate columns commitmentStatusFromAggregateSql needs besides the closed flags, over
 * follow-ups `f` of follow_up itself: due dates and first_closed_on only, no reports.
 */
export function commitmentOpenAggregateColumnsSql(f: string, p: StatusParams): string {
  return `count(${f}.id)::int AS follow_up_count,
    min(${f}.due_date) FILTER (WHERE ${isOpenSql(f, p)} AND ${f}.due_date IS NOT NULL) AS next_due,
    coalesce(bool_or(${isOpenSql(f, p)} AND ${f}.due_date IS NULL), false) AS has_open_undated`;
}

/**
 * A LATERAL subquery giving commitment `c`'s aggregate (columns of commitmentAggregateColumnsSql)
 * plus `status`: `CROSS JOIN LATERAL ${commitmentStatusLateralSql('c', p)} AS agg`.
 */
export function commitmentStatusLateralSql(c: string, p: StatusParams): string {
  return `(SELECT a.*, ${commitmentStatusFromAggregateSql('a', p)} AS status FROM (
      SELECT ${commitmentAggregateColumnsSql('f')}
        FROM (SELECT ${followUpFactsSql('fu', p)} FROM ${p.followUp} fu WHERE fu.commitment_id = ${c}.id) f
    ) a)`;
}

/**
 * Commitment `c`'s status given `nextDue`, an expression already known to be its next due date
 * (as a page of commitments has it): the date alone decides, and only a commitment without one
 * reads its follow-ups for the full aggregate.
 */
export function commitmentStatusGivenNextDueSql(c: string, nextDue: string, p: StatusParams): string {
  return `(CASE WHEN ${nextDue} IS NULL THEN (SELECT agg.status FROM ${commitmentStatusLateralSql(c, p)} agg)
      WHEN ${nextDue} < ${p.asOf} THEN 'OVERDUE'
      WHEN ${nextDue} <= ${p.asOf} + ${p.dueSoonDays} THEN 'DUE_SOON'
      ELSE 'SCHEDULED' END)`;
}

/** The earliest due date among commitment `c`'s open dated follow-ups: one index probe. */
export function nextDueSql(c: string, p: StatusParams): string {
  return `(SELECT min(nf.due_date) FROM ${p.followUp} nf
      WHERE nf.commitment_id = ${c}.id AND nf.due_date IS NOT NULL AND ${isOpenSql('nf', p)})`;
}

/** The statuses a commitment has by its next due date alone: the order of these ranges is the order of the list. */
const DATED_STATUSES: readonly Status[] = ['OVERDUE', 'DUE_SOON', 'SCHEDULED'];

/** The statuses a commitment can have only when it has no next due date. */
const UNDATED_OR_CLOSED_STATUSES: readonly Status[] = ['UNDATED', ...CLOSED_STATUSES];

/**
 * A predicate on `due`, a commitment's next due date: true when it gives one of `statuses`
 * (any of the dated ones when null). FALSE when no dated status is wanted.
 */
export function nextDueInStatusesSql(due: string, statuses: readonly Status[] | null, p: StatusParams): string {
  const wanted = new Set(statuses ?? DATED_STATUSES);
  if (DATED_STATUSES.every((s) => wanted.has(s))) return `${due} IS NOT NULL`;
  const ranges: string[] = [];
  if (wanted.has('OVERDUE')) ranges.push(`${due} < ${p.asOf}`);
  if (wanted.has('DUE_SOON')) ranges.push(`${due} BETWEEN ${p.asOf} AND ${p.asOf} + ${p.dueSoonDays}`);
  if (wanted.has('SCHEDULED')) ranges.push(`${due} > ${p.asOf} + ${p.dueSoonDays}`);
  return ranges.length ? `(${ranges.join(' OR ')})` : 'FALSE';
}

/** Whether any of `statuses` (null: any status) is one a commitment with a next due date has. */
export function wantsDatedStatuses(statuses: readonly Status[] | null): boolean {
  return !statuses || statuses.some((s) => DATED_STATUSES.includes(s));
}

/** Whether any of `statuses` (null: any status) is one a commitment without a next due date has. */
export function wantsUndatedOrClosedStatuses(statuses: readonly Status[] | null): boolean {
  return !statuses || statuses.some((s) => UNDATED_OR_CLOSED_STATUSES.includes(s));
}

/**
 * True when the dated statuses wanted are a prefix of OVERDUE, DUE_SOON, SCHEDULED. Then any open
 * follow-up due in their range puts its commitment's next due date in that range too (the next
 * due date is the earliest open one, so it can only be earlier, and earlier is still wanted).
 */
export function datedStatusesFromTheStart(statuses: readonly Status[] | null): boolean {
  const wanted = new Set(statuses ?? DATED_STATUSES);
  const firstMissing = DATED_STATUSES.findIndex((s) => !wanted.has(s));
  return firstMissing === -1 || DATED_STATUSES.slice(firstMissing).every((s) => !wanted.has(s));
}

/**
 * True when open dated follow-up `f` is its commitment's earliest open dated one (due date, then
 * id), so `f.due_date` is the commitment's next due date. Walking open follow-ups in due-date order
 * and keeping those that pass gives each commitment once, at its place in the commitment list.
 * One probe of follow_up_commitment_due_closed_idx, bounded by f's due date.
 */
export function isNextDueFollowUpSql(f: string, p: StatusParams): string {
  return `NOT EXISTS (SELECT 1 FROM ${p.followUp} ef
      WHERE ef.commitment_id = ${f}.commitment_id AND ef.due_date <= ${f}.due_date
        AND (ef.due_date < ${f}.due_date OR ef.id < ${f}.id) AND ${isOpenSql('ef', p)})`;
}

/** True when commitment `c` has no open dated follow-up, so no next due date. */
export function hasNoNextDueSql(c: string, p: StatusParams): string {
  return `NOT EXISTS (SELECT 1 FROM ${p.followUp} xf WHERE xf.commitment_id = ${c}.id AND xf.due_date IS NOT NULL AND ${isOpenSql('xf', p)})`;
}

/**
 * For commitment `c` with no next due date: true when its status is one of `statuses` (any when
 * null). Its status then needs the full aggregate.
 */
export function undatedOrClosedStatusFilterSql(c: string, statuses: readonly Status[] | null, p: StatusParams): string {
  if (!statuses) return 'TRUE';
  const wanted = statuses.filter((s) => UNDATED_OR_CLOSED_STATUSES.includes(s));
  return wanted.length ? `(SELECT agg.status FROM ${commitmentStatusLateralSql(c, p)} agg) IN (${quoted(wanted)})` : 'FALSE';
}

/**
 * A predicate equivalent to "commitment `c`'s status is one of `statuses`", given `nextDue`, an
 * expression for its earliest open due date (see nextDueSql). Open statuses are ranges on
 * nextDue; the rest need the full aggregate, computed only when nextDue is null. A sargable
 * pre-filter comes first: a commitment has a status only if one of its follow-ups has it (or, for
 * UNDATED, it has none), which lets Postgres start from the follow_up due-date indexes.
 */
export function commitmentStatusFilterSql(c: string, nextDue: string, statuses: readonly Status[], p: StatusParams): string {
  const wanted = new Set(statuses);
  const exact = `(CASE WHEN ${nextDue} IS NOT NULL THEN ${nextDueInStatusesSql(nextDue, statuses, p)}
      ELSE ${undatedOrClosedStatusFilterSql(c, statuses, p)} END)`;
  const preFilter = [`${c}.id IN (SELECT pf.commitment_id FROM ${p.followUp} pf WHERE ${followUpStatusFilterSql('pf', statuses, p)})`];
  if (wanted.has('UNDATED')) preFilter.push(`NOT EXISTS (SELECT 1 FROM ${p.followUp} pe WHERE pe.commitment_id = ${c}.id)`);
  return `((${preFilter.join(' OR ')}) AND ${exact})`;
}

/**
 * reportedOn of follow-up `f`'s latest effective DONE report, whatever the asOf. When the latest
 * closing report is that DONE report, it is cached; without an effective DONE report
 * (first_done_on null) there is none.
 */
export function completedOnSql(f: string, p: KnownRelations): string {
  return `(CASE WHEN ${f}.last_closed_state = 'DONE' THEN ${f}.last_closed_on
      WHEN ${f}.first_done_on IS NOT NULL THEN (SELECT r.reported_on FROM ${p.report} r
      WHERE r.follow_up_id = ${f}.id AND r.state = 'DONE'
        AND NOT EXISTS (SELECT 1 FROM ${p.report} s WHERE s.supersedes_id = r.id)
      ORDER BY r.reported_on DESC, r.id DESC LIMIT 1) END)`;
}

/**
 * True when follow-up `f` was done on time: an effective DONE report dated on or before its due
 * date (first_done_on is the earliest such report's date). Not asOf-dependent: such a report
 * predates any asOf the follow-up counts as due for.
 */
export function doneOnTimeSql(f: string): string {
  return `(${f}.first_done_on <= ${f}.due_date)`;
}

/**
 * True when follow-up `f` was done late as of asOf: no DONE report by its due date, but one dated
 * after it and on or before asOf (first_done_on is the earliest effective DONE report's date).
 */
export function doneLateSql(f: string, p: StatusParams): string {
  return `(${f}.first_done_on > ${f}.due_date AND ${f}.first_done_on <= ${p.asOf})`;
}

/** True when follow-up `f` has no effective report of any state dated on or before asOf. */
export function unreportedSql(f: string, p: StatusParams): string {
  return `(${f}.first_reported_on IS NULL OR ${f}.first_reported_on > ${p.asOf})`;
}
