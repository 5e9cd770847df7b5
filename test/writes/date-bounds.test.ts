import { createEngagement } from '../support/factories';
import { admin, CREATE_COMMITMENT, createCommitmentViaApi, databaseState, gid, REPORT_PROGRESS, startWriteApp, TODAY, WriteApp } from './write-app';

/**
 * Dates that cannot be right are refused with the rule they break (src/domain/date-bounds.ts):
 * every date from 1945-01-01 to 50 years after today; a report no earlier than the engagement its
 * commitment was made at. And the messages say what is wrong: the day that does not exist, "an"
 * before a vowel, the field in variables' errors too.
 */
describe('date bounds and messages', () => {
  let app: WriteApp;
  beforeAll(async () => {
    app = await startWriteApp();
  });
  afterAll(() => app.stop());

  async function refused(mutation: string, input: Record<string, unknown>) {
    const before = await databaseState(app);
    const res = await app.graphql(mutation, { input }, admin);
    expect(res.errors).toHaveLength(1);
    expect(await databaseState(app)).toEqual(before);
    return res.errors![0];
  }

  it('refuses a due date of 1900-01-01, saying from when dates are accepted', async () => {
    const error = await refused(CREATE_COMMITMENT, { title: 'Old', partyCodes: ['PK'], dueDate: '1900-01-01' });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dueDate' });
    expect(error.message).toBe('input.dueDate: must not be before 1945-01-01: earlier dates are not accepted');
  });

  it('accepts a due date 50 years ahead and refuses the day after, naming the rule', async () => {
    expect(TODAY).toBe('2026-03-10');
    const ok = await createCommitmentViaApi(app, { title: 'Far ahead', dueDate: '2076-03-10' });
    expect(ok.followUps.nodes[0].dueDate).toBe('2076-03-10');
    const error = await refused(CREATE_COMMITMENT, { title: 'Too far', partyCodes: ['PK'], dueDate: '2076-03-11' });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dueDate' });
    expect(error.message).toBe('input.dueDate: must not be after 2076-03-10: dates may lie at most 50 years after today');
  });

  it('refuses a report dated before the engagement the commitment was made at, but allows backdating one without', async () => {
    const engagementId = gid('Engagement', await createEngagement(app.db, { heldOn: '2026-01-07' }));
    const made = await createCommitmentViaApi(app, { title: 'Made at the talks', engagementId, dueDate: '2026-06-01' });
    const error = await refused(REPORT_PROGRESS, { followUpId: made.followUps.nodes[0].id, state: 'DONE', reportedOn: '1990-05-01' });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reportedOn' });
    expect(error.message).toMatch(/^input\.reportedOn: must not be before 2026-01-07, the day of the engagement the commitment was made at/);

    const onTheDay = await app.graphql(REPORT_PROGRESS, { input: { followUpId: made.followUps.nodes[0].id, state: 'IN_PROGRESS', reportedOn: '2026-01-07' } }, admin);
    expect(onTheDay.errors).toBeUndefined();
    const older = await createCommitmentViaApi(app, { title: 'An older promise, recorded today', dueDate: '2000-01-01' });
    const backdated = await app.graphql(REPORT_PROGRESS, { input: { followUpId: older.followUps.nodes[0].id, state: 'DONE', reportedOn: '1999-12-01' } }, admin);
    expect(backdated.errors).toBeUndefined();
  });

  it('says which day does not exist, with the field, when a variable holds 2026-02-30', async () => {
    const error = await refused(CREATE_COMMITMENT, { title: 't', partyCodes: ['PK'], dueDate: '2026-02-30' });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dueDate' });
    expect(error.message).toContain('there is no 30 February 2026');
    expect(error.message).not.toContain('must be written');
  });

  it('names the variable as the field when a top-level variable is at fault', async () => {
    const res = await app.graphql('query ($asOf: Date) { followThrough(asOf: $asOf) { total } }', { asOf: '2026-13-01' });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
    expect(res.errors![0].message).toContain('there is no month 13');
  });

  it('writes "an Engagement id", not "a Engagement id"', async () => {
    const error = await refused(CREATE_COMMITMENT, { title: 't', partyCodes: ['PK'], engagementId: gid('Party', 1) });
    expect(error.message).toContain(`is not an Engagement id`);
  });
});
