import type { CommitmentCriteria } from '../commitments/commitment-criteria';
import type { CommitmentEventRow } from './commitment-event.repository';
import type { CommitmentFacts } from './event-feed.repository';
import { BatchFacts, compileEventFilter, ilikeToRegExp, widestNeeds } from './event-filter';

const none: CommitmentCriteria = {
  statuses: null, partyIds: null, involvingPartyIds: null, kinds: null, sourceId: null, stances: null, engagementId: null, dueFrom: null, dueTo: null, searchPatterns: [],
};
const event = (o: Partial<CommitmentEventRow> = {}) =>
  ({ id: '1', commitmentId: '7', followUpId: null, kind: 'UPDATED', occurredAt: new Date('2026-04-08T10:00:00Z'), previousStatus: null, status: null, ...o }) as CommitmentEventRow;
const commitment: CommitmentFacts = {
  id: '7',
  title: 'Joint Working Group on counter-terrorism',
  description: 'Meets every 100% quarter_ly',
  engagementId: '3',
  kind: 'REQUEST',
  partyIds: ['1', '2'],
  involvedPartyIds: ['1', '2', '5'],
  citations: [{ sourceId: '11', stance: 'CONFIRMS' }, { sourceId: '12', stance: 'OMITS' }],
  followUps: [
    { dueDate: '2026-04-07', reports: [] },
    { dueDate: '2026-06-30', reports: [] },
  ],
};
const facts = new BatchFacts(new Map([['7', commitment]]), 14, 'UTC');

describe('compileEventFilter', () => {
  it('matches everything and needs nothing without conditions', () => {
    const f = compileEventFilter(none);
    expect(f.needs).toBe('none');
    expect(f.matches(event({ commitmentId: 'unknown' }), facts)).toBe(true);
  });

  it('matches parties, engagement and search words against the commitment', () => {
    expect(compileEventFilter({ ...none, partyIds: ['2', '9'] }).matches(event(), facts)).toBe(true);
    expect(compileEventFilter({ ...none, partyIds: ['9'] }).matches(event(), facts)).toBe(false);
    expect(compileEventFilter({ ...none, engagementId: '3' }).matches(event(), facts)).toBe(true);
    expect(compileEventFilter({ ...none, engagementId: '4' }).matches(event(), facts)).toBe(false);
    expect(compileEventFilter({ ...none, searchPatterns: ['%working%', '%QUARTER\\_LY%'] }).matches(event(), facts)).toBe(true);
    expect(compileEventFilter({ ...none, searchPatterns: ['%working%', '%annual%'] }).matches(event(), facts)).toBe(false);
    expect(compileEventFilter({ ...none, partyIds: ['1'] }).needs).toBe('commitment');
  });

  it('matches obligors for partyIds, any role for involvingPartyIds, kinds, and cited sources and stances', () => {
    expect(compileEventFilter({ ...none, partyIds: ['5'] }).matches(event(), facts)).toBe(false);
    expect(compileEventFilter({ ...none, involvingPartyIds: ['5'] }).matches(event(), facts)).toBe(true);
    expect(compileEventFilter({ ...none, involvingPartyIds: ['9'] }).matches(event(), facts)).toBe(false);
    expect(compileEventFilter({ ...none, kinds: ['REQUEST', 'INVITATION'] }).matches(event(), facts)).toBe(true);
    expect(compileEventFilter({ ...none, kinds: ['AGREEMENT'] }).matches(event(), facts)).toBe(false);
    expect(compileEventFilter({ ...none, sourceId: '12' }).matches(event(), facts)).toBe(true);
    expect(compileEventFilter({ ...none, sourceId: '12', stances: ['CONFIRMS'] }).matches(event(), facts)).toBe(false);
    expect(compileEventFilter({ ...none, stances: ['OMITS'] }).matches(event(), facts)).toBe(true);
    expect(compileEventFilter({ ...none, stances: ['CONTRADICTS'] }).matches(event(), facts)).toBe(false);
    expect(compileEventFilter({ ...none, stances: ['OMITS'] }).needs).toBe('commitment');
  });

  it('matches a due range when any follow-up falls in it', () => {
    expect(compileEventFilter({ ...none, dueFrom: '2026-06-01', dueTo: '2026-06-30' }).matches(event(), facts)).toBe(true);
    expect(compileEventFilter({ ...none, dueFrom: '2026-07-01' }).matches(event(), facts)).toBe(false);
  });

  it('matches a status on the day of the event, or a change into or out of it', () => {
    // On 2026-04-08 the follow-up due 2026-04-07 is overdue, so the commitment is.
    expect(compileEventFilter({ ...none, statuses: ['OVERDUE'] }).matches(event(), facts)).toBe(true);
    expect(compileEventFilter({ ...none, statuses: ['OVERDUE'] }).matches(event({ occurredAt: new Date('2026-04-07T10:00:00Z') }), facts)).toBe(false);
    expect(compileEventFilter({ ...none, statuses: ['DUE_SOON'] }).matches(event({ kind: 'STATUS_CHANGED', previousStatus: 'DUE_SOON', status: 'OVERDUE' }), facts)).toBe(true);
    expect(compileEventFilter({ ...none, statuses: ['DONE'] }).matches(event(), facts)).toBe(false);
    expect(compileEventFilter({ ...none, statuses: ['DONE'] }).needs).toBe('followUps');
  });

  it('matches nothing about a commitment whose facts were not loaded', () => {
    expect(compileEventFilter({ ...none, partyIds: ['1'] }).matches(event({ commitmentId: '8' }), facts)).toBe(false);
  });
});

describe('ilikeToRegExp', () => {
  it('reads % and _ as wildcards and backslash-escaped ones literally, ignoring case', () => {
    expect(ilikeToRegExp('%a_c%').test('xxABCxx')).toBe(true);
    expect(ilikeToRegExp('%100\\%%').test('a 100% b')).toBe(true);
    expect(ilikeToRegExp('%100\\%%').test('a 1000 b')).toBe(false);
    expect(ilikeToRegExp('%(x)%').test('f(x)')).toBe(true);
  });
});

describe('widestNeeds', () => {
  it('is what the most demanding filter needs', () => {
    expect(widestNeeds(['none', 'followUps', 'commitment'])).toBe('followUps');
    expect(widestNeeds([])).toBe('none');
  });
});
