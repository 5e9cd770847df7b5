import { RecordedFact, replayKnownAt } from './known-at';
import { followUpStatus } from './status';
import { verification } from './verification';

const LOG: RecordedFact[] = [
  { kind: 'COMMITMENT_RECORDED', at: 100, commitmentId: 'c1' },
  { kind: 'FOLLOW_UP_RECORDED', at: 100, commitmentId: 'c1', followUpId: 'f1', dueDate: '2026-03-20' },
  { kind: 'REPORT_RECORDED', at: 200, followUpId: 'f1', sequence: 1, state: 'DONE', reportedOn: '2026-03-05', corrects: null },
  { kind: 'REPORT_RECORDED', at: 300, followUpId: 'f1', sequence: 2, state: 'IN_PROGRESS', reportedOn: '2026-03-06', corrects: 1 },
  { kind: 'DUE_DATE_MOVED', at: 400, followUpId: 'f1', dueDate: '2026-04-02' },
];

const statusAt = (knownAt: number, log = LOG) => {
  const f = replayKnownAt(log, knownAt).followUps.get('f1');
  return f && { dueDate: f.dueDate, originalDueDate: f.originalDueDate, status: followUpStatus(f, '2026-03-10') };
};

describe('replayKnownAt', () => {
  it('knows nothing before the first fact, and a fact from the instant it was recorded', () => {
    expect(replayKnownAt(LOG, 99).commitments.size).toBe(0);
    expect(statusAt(100)).toEqual({ dueDate: '2026-03-20', originalDueDate: '2026-03-20', status: 'DUE_SOON' });
  });

  it('counts a report from when it was recorded, and its correction only from when that was', () => {
    expect(statusAt(250)?.status).toBe('DONE');
    expect(statusAt(300)?.status).toBe('DUE_SOON');
  });

  it('gives the due date recorded at each instant, and the first one as the original', () => {
    expect(statusAt(399)).toEqual({ dueDate: '2026-03-20', originalDueDate: '2026-03-20', status: 'DUE_SOON' });
    expect(statusAt(400)).toEqual({ dueDate: '2026-04-02', originalDueDate: '2026-03-20', status: 'SCHEDULED' });
  });

  it('replays a log in recording order whatever order it is given in', () => {
    for (const at of [99, 100, 250, 300, 400]) {
      expect(statusAt(at, [...LOG].reverse())).toEqual(statusAt(at));
      expect(replayKnownAt([...LOG].reverse(), at).commitments).toEqual(replayKnownAt(LOG, at).commitments);
    }
    expect(replayKnownAt([...LOG].reverse(), 100).commitments.get('c1')?.map((f) => f.id)).toEqual(['f1']);
  });

  it('counts evidence from when it was recorded', () => {
    const log: RecordedFact[] = [
      ...LOG,
      { kind: 'EVIDENCE_RECORDED', at: 200, reportSequence: 1, evidence: { stance: 'CONFIRMS', affiliationPartyId: 'PK' } },
      { kind: 'EVIDENCE_RECORDED', at: 500, reportSequence: 1, evidence: { stance: 'CONFIRMS', affiliationPartyId: null } },
    ];
    const at = (k: number) => verification(replayKnownAt(log, k).evidence.get(1) ?? [], new Set(['PK']));
    expect([at(199), at(200), at(499), at(500)]).toEqual(['UNSOURCED', 'CLAIMED', 'CLAIMED', 'CORROBORATED']);
  });
});
