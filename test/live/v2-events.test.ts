import { encodeEventCursor } from '../../src/events/event-cursor';
import { pause, subscribe } from '../support/live-client';
import { bearer, startWriteApp, WriteApp } from '../writes/write-app';

/**
 * Version 2's events, end to end: a kind changed, a deadline moved, evidence added and a report
 * corrected each appear once, with the actor, in the history and on a subscription (filtered by a
 * party in any role), in the same order.
 */
describe('kind changes, deadline moves, evidence and corrections as events', () => {
  let app: WriteApp;
  beforeAll(async () => {
    app = await startWriteApp();
  });
  afterAll(() => app.stop());

  it('appear once each, with the actor, in the history and on the subscription', async () => {
    const desk = bearer(await app.newKey('desk', 'EDITOR'));
    const call = async (query: string, input: Record<string, unknown>) => {
      const res = await app.graphql(query, { input }, desk);
      expect(res.errors).toBeUndefined();
      return Object.values(res.data!)[0] as any;
    };
    const { commitment } = await call(`mutation ($input: CreateCommitmentInput!) { createCommitment(input: $input) { commitment { id followUps { nodes { id } } } } }`, {
      title: 'Visit Xinjiang', partyCodes: ['PK'], kind: 'INVITATION', otherParties: [{ partyCode: 'CN', role: 'HOST' }], dueDate: '2026-06-01',
    });
    const followUpId = commitment.followUps.nodes[0].id;
    const s = subscribe(app.url, { filter: { involvingPartyCodes: ['CN'] }, after: encodeEventCursor('0') }, 'cursor kind actor previousStatus status followUp { id }');
    try {
      await s.waitForCount(1);
      const UPDATE = `mutation ($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { commitment { version } } }`;
      await call(UPDATE, { id: commitment.id, expectedVersion: 1, kind: 'AGREEMENT' });
      await call(UPDATE, { id: commitment.id, expectedVersion: 2, dueDate: '2026-03-01' });
      const source = (await call(`mutation ($input: CreateSourceInput!) { createSource(input: $input) { source { id } } }`, { title: 'PTI wire' })).source.id;
      const { report } = await call(`mutation ($input: ReportProgressInput!) { reportProgress(input: $input) { report { id } } }`, {
        followUpId, state: 'DONE', reportedOn: '2026-03-02', sourceId: source,
      });
      await call(`mutation ($input: AddEvidenceInput!) { addEvidence(input: $input) { report { id } } }`, { reportId: report.id, sourceId: source, stance: 'CONTRADICTS' });
      await call(`mutation ($input: CorrectReportInput!) { correctReport(input: $input) { report { id } } }`, { reportId: report.id, state: 'MISSED', reportedOn: '2026-03-05' });

      const expected = [
        ['CREATED', null, 'SCHEDULED'], ['UPDATED', null, null], ['KIND_CHANGED', null, null],
        ['UPDATED', null, null], ['DEADLINE_MOVED', null, null], ['STATUS_CHANGED', 'SCHEDULED', 'OVERDUE'],
        ['PROGRESS_REPORTED', null, null], ['STATUS_CHANGED', 'OVERDUE', 'DONE'],
        ['EVIDENCE_ADDED', null, null],
        ['REPORT_CORRECTED', null, null], ['STATUS_CHANGED', 'DONE', 'MISSED'],
      ];
      const received = await s.waitForCount(expected.length);
      await pause(300);
      expect(received.map((e: any) => [e.kind, e.previousStatus, e.status])).toEqual(expected);
      expect(received.every((e: any) => e.actor === 'desk')).toBe(true);
      const history = await app.graphql(`query ($id: ID!) { node(id: $id) { ... on Commitment { history(first: 100) { nodes { cursor kind actor } } } } }`, { id: commitment.id });
      expect(history.data.node.history.nodes).toEqual(received.map((e: any) => ({ cursor: e.cursor, kind: e.kind, actor: e.actor })));
    } finally {
      await s.dispose();
    }
  });
});
