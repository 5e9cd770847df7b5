import { createSource } from '../support/factories';
import {
  ADD_EVIDENCE, ADD_FOLLOW_UP, admin, CITE_SOURCE, CREATE_COMMITMENT, CREATE_ENGAGEMENT, CREATE_PARTY, CREATE_SOURCE, createCommitmentViaApi, databaseState, gid,
  REPORT_PROGRESS, startWriteApp, UPDATE_COMMITMENT, UPDATE_SOURCE, WriteApp,
} from './write-app';

interface Fixture {
  commitmentId: string;
  followUpId: string;
  sourceId: string;
  reportId: string;
}

type Case = [name: string, mutation: string, input: (f: Fixture) => Record<string, unknown>, code: string, field: string];

const commitment = (extra: Record<string, unknown>) => () => ({ title: 'Valid title', partyCodes: ['PK'], ...extra });
const update = (extra: Record<string, unknown>) => (f: Fixture) => ({ id: f.commitmentId, expectedVersion: 1, ...extra });
const report = (extra: Record<string, unknown>) => (f: Fixture) => ({ followUpId: f.followUpId, state: 'DONE', reportedOn: '2026-03-01', ...extra });
const source = (extra: Record<string, unknown>) => () => ({ title: 'A source', ...extra });
const sourceUpdate = (extra: Record<string, unknown>) => (f: Fixture) => ({ id: f.sourceId, ...extra });
const engagement = (extra: Record<string, unknown>) => () => ({ title: 'A meeting', partyCodes: ['PK', 'CN'], ...extra });
const evidence = (extra: Record<string, unknown>) => (f: Fixture) => ({ reportId: f.reportId, sourceId: f.sourceId, stance: 'CONFIRMS', ...extra });

const CASES: Case[] = [
  ['an empty title', CREATE_COMMITMENT, commitment({ title: '' }), 'BAD_USER_INPUT', 'input.title'],
  ['a blank title', CREATE_COMMITMENT, commitment({ title: ' \t ' }), 'BAD_USER_INPUT', 'input.title'],
  ['a 301-character title', CREATE_COMMITMENT, commitment({ title: 'x'.repeat(301) }), 'BAD_USER_INPUT', 'input.title'],
  ['a NUL in the title', CREATE_COMMITMENT, commitment({ title: 'bad\u0000title' }), 'BAD_USER_INPUT', 'input.title'],
  ['a line break in the title', CREATE_COMMITMENT, commitment({ title: 'two\nlines' }), 'BAD_USER_INPUT', 'input.title'],
  ['a 5001-character description', CREATE_COMMITMENT, commitment({ description: 'x'.repeat(5001) }), 'BAD_USER_INPUT', 'input.description'],
  ['no parties', CREATE_COMMITMENT, commitment({ partyCodes: [] }), 'BAD_USER_INPUT', 'input.partyCodes'],
  ['an unknown party code', CREATE_COMMITMENT, commitment({ partyCodes: ['PK', 'ZZ'] }), 'BAD_USER_INPUT', 'input.partyCodes'],
  ['SQL in a party code', CREATE_COMMITMENT, commitment({ partyCodes: ["PK'; DROP TABLE party; --"] }), 'BAD_USER_INPUT', 'input.partyCodes'],
  ['a malformed engagement id', CREATE_COMMITMENT, commitment({ engagementId: 'not-an-id' }), 'BAD_USER_INPUT', 'input.engagementId'],
  ['an id of the wrong type as engagement', CREATE_COMMITMENT, commitment({ engagementId: gid('Party', 1) }), 'BAD_USER_INPUT', 'input.engagementId'],
  ['an unknown engagement', CREATE_COMMITMENT, commitment({ engagementId: gid('Engagement', 424242) }), 'NOT_FOUND', 'input.engagementId'],
  ['an unknown source', CREATE_COMMITMENT, (f) => commitment({ sourceIds: [f.sourceId, gid('Source', 424242)] })(), 'NOT_FOUND', 'input.sourceIds'],
  ['a due date before 1900', CREATE_COMMITMENT, commitment({ dueDate: '1066-10-14' }), 'BAD_USER_INPUT', 'input.dueDate'],
  ['both dueDate and recurrence', CREATE_COMMITMENT, commitment({ dueDate: '2026-05-01', recurrence: 'FREQ=MONTHLY', startsOn: '2026-05-01' }), 'BAD_USER_INPUT', 'input.dueDate'],
  ['recurrence without startsOn', CREATE_COMMITMENT, commitment({ recurrence: 'FREQ=MONTHLY' }), 'BAD_USER_INPUT', 'input.startsOn'],
  ['startsOn without recurrence', CREATE_COMMITMENT, commitment({ startsOn: '2026-05-01' }), 'BAD_USER_INPUT', 'input.startsOn'],
  ['a recurrence that is not an RRULE', CREATE_COMMITMENT, commitment({ recurrence: 'every other Tuesday', startsOn: '2026-05-01' }), 'BAD_USER_INPUT', 'input.recurrence'],
  ['an hourly recurrence', CREATE_COMMITMENT, commitment({ recurrence: 'FREQ=HOURLY', startsOn: '2026-05-01' }), 'BAD_USER_INPUT', 'input.recurrence'],
  ['a daily rule that would create thousands of follow-ups', CREATE_COMMITMENT, commitment({ recurrence: 'FREQ=DAILY', startsOn: '2020-01-01' }), 'BAD_USER_INPUT', 'input.recurrence'],
  ['a zero interval', CREATE_COMMITMENT, commitment({ recurrence: 'FREQ=DAILY;INTERVAL=0', startsOn: '2026-05-01' }), 'BAD_USER_INPUT', 'input.recurrence'],
  ['a negative interval', CREATE_COMMITMENT, commitment({ recurrence: 'FREQ=WEEKLY;INTERVAL=-1', startsOn: '2026-05-01' }), 'BAD_USER_INPUT', 'input.recurrence'],
  ['a rule that matches no date (February 30)', CREATE_COMMITMENT, commitment({ recurrence: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', startsOn: '2026-05-01' }), 'BAD_USER_INPUT', 'input.recurrence'],
  ['a rule with no occurrence', CREATE_COMMITMENT, commitment({ recurrence: 'FREQ=MONTHLY;UNTIL=20200101', startsOn: '2026-05-01' }), 'BAD_USER_INPUT', 'input.recurrence'],
  ['a rule smuggling a DTSTART', CREATE_COMMITMENT, commitment({ recurrence: 'FREQ=MONTHLY\nDTSTART:19000101T000000Z', startsOn: '2026-05-01' }), 'BAD_USER_INPUT', 'input.recurrence'],
  ['a 51-item source list', CREATE_COMMITMENT, (f) => commitment({ sourceIds: Array(51).fill(f.sourceId) })(), 'BAD_USER_INPUT', 'input.sourceIds'],
  ['a party listed twice', CREATE_COMMITMENT, commitment({ partyCodes: ['PK', ' pk'] }), 'BAD_USER_INPUT', 'input.partyCodes'],
  ['a party both obligor and beneficiary', CREATE_COMMITMENT, commitment({ otherParties: [{ partyCode: 'PK', role: 'BENEFICIARY' }] }), 'BAD_USER_INPUT', 'input.otherParties[0].partyCode'],
  ['a party listed twice among otherParties', CREATE_COMMITMENT, commitment({ otherParties: [{ partyCode: 'CN', role: 'HOST' }, { partyCode: 'CN', role: 'BENEFICIARY' }] }), 'BAD_USER_INPUT', 'input.otherParties[1].partyCode'],
  ['an unknown party among otherParties', CREATE_COMMITMENT, commitment({ otherParties: [{ partyCode: 'ZZ', role: 'HOST' }] }), 'BAD_USER_INPUT', 'input.otherParties[0].partyCode'],
  ['a malformed party code among otherParties', CREATE_COMMITMENT, commitment({ otherParties: [{ partyCode: 'China', role: 'HOST' }] }), 'BAD_USER_INPUT', 'input.otherParties[0].partyCode'],
  ['an OBLIGOR among otherParties', CREATE_COMMITMENT, commitment({ otherParties: [{ partyCode: 'CN', role: 'OBLIGOR' }] }), 'BAD_USER_INPUT', 'input.otherParties[0].role'],
  ['a REQUEST without an OBLIGOR', CREATE_COMMITMENT, commitment({ kind: 'REQUEST', partyCodes: [], otherParties: [{ partyCode: 'PK', role: 'BENEFICIARY' }] }), 'BAD_USER_INPUT', 'input.partyCodes'],
  ['an INVITATION without an OBLIGOR', CREATE_COMMITMENT, commitment({ kind: 'INVITATION', partyCodes: [], otherParties: [{ partyCode: 'CN', role: 'HOST' }] }), 'BAD_USER_INPUT', 'input.partyCodes'],
  ['an external id already taken', CREATE_COMMITMENT, commitment({ externalId: 'existing-commitment' }), 'BAD_USER_INPUT', 'input.externalId'],

  ['a malformed commitment id', UPDATE_COMMITMENT, update({ id: 'abc', title: 'x' }), 'BAD_USER_INPUT', 'input.id'],
  ['an unknown commitment', UPDATE_COMMITMENT, update({ id: gid('Commitment', 424242), title: 'x' }), 'NOT_FOUND', 'input.id'],
  ['version 0', UPDATE_COMMITMENT, update({ expectedVersion: 0, title: 'x' }), 'BAD_USER_INPUT', 'input.expectedVersion'],
  ['a null title', UPDATE_COMMITMENT, update({ title: null }), 'BAD_USER_INPUT', 'input.title'],
  ['nothing to change', UPDATE_COMMITMENT, update({}), 'BAD_USER_INPUT', 'input'],
  ['an over-long title on update', UPDATE_COMMITMENT, update({ title: 'y'.repeat(301) }), 'BAD_USER_INPUT', 'input.title'],
  ['an out-of-range due date on update', UPDATE_COMMITMENT, update({ dueDate: '2999-01-01' }), 'BAD_USER_INPUT', 'input.dueDate'],

  ['a malformed follow-up id', REPORT_PROGRESS, report({ followUpId: '%%%' }), 'BAD_USER_INPUT', 'input.followUpId'],
  ['a commitment id as follow-up id', REPORT_PROGRESS, (f) => report({ followUpId: f.commitmentId })(f), 'BAD_USER_INPUT', 'input.followUpId'],
  ['an unknown follow-up', REPORT_PROGRESS, report({ followUpId: gid('FollowUp', 424242) }), 'NOT_FOUND', 'input.followUpId'],
  ['a report dated two days ahead', REPORT_PROGRESS, report({ reportedOn: '2026-03-12' }), 'BAD_USER_INPUT', 'input.reportedOn'],
  ['a report dated years ahead', REPORT_PROGRESS, report({ reportedOn: '2099-01-01' }), 'BAD_USER_INPUT', 'input.reportedOn'],
  ['a 5001-character note', REPORT_PROGRESS, report({ note: 'n'.repeat(5001) }), 'BAD_USER_INPUT', 'input.note'],
  ['an unknown source on a report', REPORT_PROGRESS, report({ sourceId: gid('Source', 424242) }), 'NOT_FOUND', 'input.sourceId'],

  ['a javascript: URL', CREATE_SOURCE, source({ url: 'javascript:alert(1)' }), 'BAD_USER_INPUT', 'input.url'],
  ['an ftp URL', CREATE_SOURCE, source({ url: 'ftp://example.com/file' }), 'BAD_USER_INPUT', 'input.url'],
  ['a relative URL', CREATE_SOURCE, source({ url: '/news/1' }), 'BAD_USER_INPUT', 'input.url'],
  ['a URL with spaces', CREATE_SOURCE, source({ url: 'https://exa mple.com/' }), 'BAD_USER_INPUT', 'input.url'],
  ['a 2001-character URL', CREATE_SOURCE, source({ url: `https://example.com/${'a'.repeat(1982)}` }), 'BAD_USER_INPUT', 'input.url'],
  ['an empty source title', CREATE_SOURCE, source({ title: '' }), 'BAD_USER_INPUT', 'input.title'],
  ['a 201-character outlet', CREATE_SOURCE, source({ outlet: 'o'.repeat(201) }), 'BAD_USER_INPUT', 'input.outlet'],
  ['a publication date in the future', CREATE_SOURCE, source({ publishedOn: '2027-01-01' }), 'BAD_USER_INPUT', 'input.publishedOn'],
  ['an affiliation that is not a party', CREATE_SOURCE, source({ affiliationCode: 'ZZ' }), 'BAD_USER_INPUT', 'input.affiliationCode'],
  ['an affiliation that is not a party code', CREATE_SOURCE, source({ affiliationCode: 'China' }), 'BAD_USER_INPUT', 'input.affiliationCode'],
  ['an affiliation that is not a party, on update', UPDATE_SOURCE, sourceUpdate({ kind: 'OFFICIAL', affiliationCode: 'ZZ' }), 'BAD_USER_INPUT', 'input.affiliationCode'],
  ['an update of an unknown source', UPDATE_SOURCE, sourceUpdate({ id: gid('Source', 424242), title: 'x' }), 'NOT_FOUND', 'input.id'],
  ['a party id as source id', UPDATE_SOURCE, sourceUpdate({ id: gid('Party', 1), title: 'x' }), 'BAD_USER_INPUT', 'input.id'],
  ['a null source title', UPDATE_SOURCE, sourceUpdate({ title: null }), 'BAD_USER_INPUT', 'input.title'],
  ['a source update changing nothing', UPDATE_SOURCE, sourceUpdate({}), 'BAD_USER_INPUT', 'input'],

  ['evidence for an unknown report', ADD_EVIDENCE, evidence({ reportId: gid('ProgressReport', 424242) }), 'NOT_FOUND', 'input.reportId'],
  ['evidence for a follow-up id', ADD_EVIDENCE, (f) => evidence({ reportId: f.followUpId })(f), 'BAD_USER_INPUT', 'input.reportId'],
  ['evidence from an unknown source', ADD_EVIDENCE, evidence({ sourceId: gid('Source', 424242) }), 'NOT_FOUND', 'input.sourceId'],
  ['a 2001-character evidence note', ADD_EVIDENCE, evidence({ note: 'n'.repeat(2001) }), 'BAD_USER_INPUT', 'input.note'],

  ['an engagement without parties', CREATE_ENGAGEMENT, engagement({ partyCodes: [] }), 'BAD_USER_INPUT', 'input.partyCodes'],
  ['an engagement with an unknown party', CREATE_ENGAGEMENT, engagement({ partyCodes: ['PK', 'ZZ'] }), 'BAD_USER_INPUT', 'input.partyCodes'],
  ['an engagement listing a party twice', CREATE_ENGAGEMENT, engagement({ partyCodes: ['PK', 'CN', 'pk'] }), 'BAD_USER_INPUT', 'input.partyCodes'],
  ['an engagement citing an unknown source', CREATE_ENGAGEMENT, engagement({ sourceIds: [gid('Source', 424242)] }), 'NOT_FOUND', 'input.sourceIds'],
  ['an engagement without a title', CREATE_ENGAGEMENT, engagement({ title: ' ' }), 'BAD_USER_INPUT', 'input.title'],
  ['an engagement on an impossible date', CREATE_ENGAGEMENT, engagement({ heldOn: '1066-10-14' }), 'BAD_USER_INPUT', 'input.heldOn'],

  ['a party code that is not two letters', CREATE_PARTY, () => ({ code: 'PAK', name: 'Pakistan' }), 'BAD_USER_INPUT', 'input.code'],
  ['a party code already taken', CREATE_PARTY, () => ({ code: 'PK', name: 'Pakistan again' }), 'BAD_USER_INPUT', 'input.code'],
  ['a party without a name', CREATE_PARTY, () => ({ code: 'XU', name: '' }), 'BAD_USER_INPUT', 'input.name'],

  ['citing an unknown source', CITE_SOURCE, (f) => ({ commitmentId: f.commitmentId, sourceId: gid('Source', 424242), stance: 'OMITS' }), 'NOT_FOUND', 'input.sourceId'],
  ['citing on an unknown commitment', CITE_SOURCE, (f) => ({ commitmentId: gid('Commitment', 424242), sourceId: f.sourceId, stance: 'OMITS' }), 'NOT_FOUND', 'input.commitmentId'],
  ['a 2001-character citation note', CITE_SOURCE, (f) => ({ commitmentId: f.commitmentId, sourceId: f.sourceId, stance: 'OMITS', note: 'n'.repeat(2001) }), 'BAD_USER_INPUT', 'input.note'],
  ['a follow-up without a title', ADD_FOLLOW_UP, (f) => ({ commitmentId: f.commitmentId, title: ' ' }), 'BAD_USER_INPUT', 'input.title'],
  ['a follow-up on an unknown commitment', ADD_FOLLOW_UP, () => ({ commitmentId: gid('Commitment', 424242), title: 'x' }), 'NOT_FOUND', 'input.commitmentId'],
];

describe('input validation', () => {
  let app: WriteApp;
  let fixture: Fixture;
  beforeAll(async () => {
    app = await startWriteApp();
    const c = await createCommitmentViaApi(app, { title: 'Existing', dueDate: '2026-02-01', externalId: 'existing-commitment' });
    const sourceId = gid('Source', await createSource(app.db));
    const reported = await app.graphql(REPORT_PROGRESS, { input: { followUpId: c.followUps.nodes[0].id, state: 'DONE', reportedOn: '2026-02-01', sourceId } }, admin);
    fixture = { commitmentId: c.id, followUpId: c.followUps.nodes[0].id, sourceId, reportId: reported.data.reportProgress.report.id };
  });
  afterAll(() => app.stop());

  it.each(CASES)('refuses %s, naming the field, and writes nothing', async (_name, mutation, input, code, field) => {
    const before = await databaseState(app);
    const res = await app.graphql(mutation, { input: input(fixture) }, admin);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code, field });
    expect(res.errors![0].message).toContain(field === 'input' ? 'name at least one' : field.replace('input.', ''));
    expect(JSON.stringify(res.errors)).not.toMatch(/SELECT|INSERT|stack|at \//);
    expect(await databaseState(app)).toEqual(before);
  });

  it.each([
    ['an impossible calendar date', CREATE_COMMITMENT, { title: 't', partyCodes: ['PK'], dueDate: '2026-02-30' }, 'dueDate'],
    ['a date in another format', CREATE_SOURCE, { title: 't', publishedOn: '10/03/2026' }, 'publishedOn'],
    ['an unknown report state', REPORT_PROGRESS, { followUpId: 'x', state: 'FINISHED', reportedOn: '2026-03-01' }, 'state'],
    ['a missing required field', CREATE_COMMITMENT, { partyCodes: ['PK'] }, 'title'],
    ['an unknown role', CREATE_COMMITMENT, { title: 't', partyCodes: ['PK'], otherParties: [{ partyCode: 'CN', role: 'WITNESS' }] }, 'role'],
    ['an unknown kind', CREATE_COMMITMENT, { title: 't', partyCodes: ['PK'], kind: 'PROMISE' }, 'kind'],
    ['a stance that is not an enum value', ADD_EVIDENCE, { reportId: 'x', sourceId: 'y', stance: 'AGREES' }, 'stance'],
    ['an unknown source kind', CREATE_SOURCE, { title: 't', kind: 'BLOG' }, 'kind'],
  ])('refuses %s before any resolver runs, as BAD_USER_INPUT', async (_name, mutation, input, field) => {
    const before = await databaseState(app);
    const res = await app.graphql(mutation, { input }, admin);
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toContain(field);
    expect(await databaseState(app)).toEqual(before);
  });

  it('accepts a report dated tomorrow (time zones ahead of the server) but not the day after', async () => {
    const ok = await app.graphql(REPORT_PROGRESS, { input: { followUpId: fixture.followUpId, state: 'IN_PROGRESS', reportedOn: '2026-03-11' } }, admin);
    expect(ok.errors).toBeUndefined();
  });

  it('trims text and stores blank optional text as null', async () => {
    const res = await app.graphql(CREATE_SOURCE, { input: { title: '  Dawn  ', outlet: '   ', url: ' https://www.dawn.com/news/1 ' } }, admin);
    expect(res.data.createSource.source).toMatchObject({ title: 'Dawn', outlet: null, url: 'https://www.dawn.com/news/1' });
  });
});
