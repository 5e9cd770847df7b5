import type { Queryable } from '../../src/db/queryable';
import { createCommitment, createEngagement, createEvent, createFollowUp, createParty, createReport, createSource } from '../support/factories';

/**
 * A small hand-made world whose statuses as of 2026-03-01 (dueSoonDays 14) are known:
 *   C1 OVERDUE   (F1a due 02-15 open, F1b due 06-01)   PK CN  at E1
 *   C2 DUE_SOON  (F2 due 03-10)                        PK     at E1
 *   C3 DONE      (F3 due 02-01, DONE 01-30)            CN     at E1
 *   C4 UNDATED   (F4 undated)                          PK     at E2
 *   C5 MISSED    (F5 due 02-20, MISSED 02-25)          PK CN
 *   C6 UNDATED   (no follow-ups)                       CN
 *   C7 DONE      (F7 CANCELLED 01-10, F7b DONE 02-12)  PK
 *   C8 SCHEDULED (F8 due 05-01)                        CN     at E2
 */
export async function buildDataset(db: Queryable) {
  const pk = await createParty(db, 'PK', 'Pakistan');
  const cn = await createParty(db, 'CN', 'China');
  const us = await createParty(db, 'US', 'United States');
  const e1 = await createEngagement(db, { title: 'Islamabad security talks', heldOn: '2026-01-07' });
  const e2 = await createEngagement(db, { title: 'Follow-up consultations', heldOn: null });
  const s1 = await createSource(db, { title: 'Dawn: talks conclude' });
  const s2 = await createSource(db, { title: 'Xinhua: joint statement' });

  const c1 = await createCommitment(db, { title: 'Joint working group meeting', description: 'Hold the 100% quarterly JWG', engagementId: e1, partyIds: [pk, cn], sourceIds: [s1, s2] });
  const f1a = await createFollowUp(db, { commitmentId: c1, dueDate: '2026-02-15', title: 'Q1 meeting' });
  const f1b = await createFollowUp(db, { commitmentId: c1, dueDate: '2026-06-01', title: 'Q2 meeting' });
  await createReport(db, { followUpId: f1a, state: 'IN_PROGRESS', reportedOn: '2026-02-01', sourceId: s1 });

  const c2 = await createCommitment(db, { title: 'Security protection unit', description: 'Set up a special protection unit for projects', engagementId: e1, partyIds: [pk] });
  const f2 = await createFollowUp(db, { commitmentId: c2, dueDate: '2026-03-10' });

  const c3 = await createCommitment(db, { title: 'Counter-terrorism dialogue', engagementId: e1, partyIds: [cn] });
  const f3 = await createFollowUp(db, { commitmentId: c3, dueDate: '2026-02-01' });
  await createReport(db, { followUpId: f3, state: 'DONE', reportedOn: '2026-01-30', sourceId: s2 });

  const c4 = await createCommitment(db, { title: 'Visa facilitation', engagementId: e2, partyIds: [pk] });
  const f4 = await createFollowUp(db, { commitmentId: c4, dueDate: null });

  const c5 = await createCommitment(db, { title: 'Intelligence sharing', partyIds: [pk, cn] });
  const f5 = await createFollowUp(db, { commitmentId: c5, dueDate: '2026-02-20' });
  await createReport(db, { followUpId: f5, state: 'MISSED', reportedOn: '2026-02-25' });

  const c6 = await createCommitment(db, { title: 'Border fencing review', partyIds: [cn] });

  const c7 = await createCommitment(db, { title: 'Joint exercise', partyIds: [pk] });
  const f7 = await createFollowUp(db, { commitmentId: c7, dueDate: '2026-01-20' });
  await createReport(db, { followUpId: f7, state: 'CANCELLED', reportedOn: '2026-01-10' });
  const f7b = await createFollowUp(db, { commitmentId: c7, dueDate: '2026-02-10' });
  await createReport(db, { followUpId: f7b, state: 'DONE', reportedOn: '2026-02-12' });

  const c8 = await createCommitment(db, { title: 'Port security', engagementId: e2, partyIds: [cn] });
  const f8 = await createFollowUp(db, { commitmentId: c8, dueDate: '2026-05-01' });

  const events = [
    await createEvent(db, { commitmentId: c1, kind: 'CREATED' }),
    await createEvent(db, { commitmentId: c2, kind: 'CREATED' }),
    await createEvent(db, { commitmentId: c1, kind: 'UPDATED' }),
    await createEvent(db, { commitmentId: c1, kind: 'STATUS_CHANGED', followUpId: f1a, previousStatus: 'DUE_SOON', status: 'OVERDUE' }),
  ];
  return { pk, cn, us, e1, e2, s1, s2, c1, c2, c3, c4, c5, c6, c7, c8, f1a, f1b, f2, f3, f4, f5, f7, f7b, f8, events };
}
