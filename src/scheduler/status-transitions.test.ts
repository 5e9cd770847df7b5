import { DatedFollowUp, timeDrivenTransitions } from './status-transitions';

const followUp = (id: string, dueDate: string, reports: DatedFollowUp['reports'] = []): DatedFollowUp => ({ id, commitmentId: '1', dueDate, reports });

describe('timeDrivenTransitions', () => {
  it('marks a follow-up overdue the day after its due date', () => {
    expect(timeDrivenTransitions([followUp('7', '2026-04-07')], '2026-04-07', '2026-04-08', 14)).toEqual([
      { followUpId: '7', commitmentId: '1', day: '2026-04-08', previousStatus: 'DUE_SOON', status: 'OVERDUE' },
    ]);
  });

  it('marks a follow-up due soon when it comes within dueSoonDays of its due date', () => {
    expect(timeDrivenTransitions([followUp('7', '2026-04-22')], '2026-04-07', '2026-04-08', 14)).toEqual([
      { followUpId: '7', commitmentId: '1', day: '2026-04-08', previousStatus: 'SCHEDULED', status: 'DUE_SOON' },
    ]);
  });

  it('reports nothing for a day already processed or not yet reached', () => {
    expect(timeDrivenTransitions([followUp('7', '2026-04-07')], '2026-04-08', '2026-04-20', 14)).toEqual([]);
    expect(timeDrivenTransitions([followUp('7', '2026-04-07')], '2026-04-01', '2026-04-07', 14)).toEqual([]);
  });

  it('replays both steps, each on its own day, when catching up across many missed days', () => {
    const result = timeDrivenTransitions([followUp('7', '2026-04-10')], '2026-03-01', '2026-04-30', 14);
    expect(result.map((t) => [t.day, t.previousStatus, t.status])).toEqual([
      ['2026-03-27', 'SCHEDULED', 'DUE_SOON'],
      ['2026-04-11', 'DUE_SOON', 'OVERDUE'],
    ]);
  });

  it('leaves alone a follow-up that a report closed', () => {
    const done = followUp('7', '2026-04-07', [{ state: 'DONE', reportedOn: '2026-04-06', sequence: 1 }]);
    expect(timeDrivenTransitions([done], '2026-04-07', '2026-04-08', 14)).toEqual([]);
  });

  it('still moves a follow-up whose closing report was superseded', () => {
    const reopened = followUp('7', '2026-04-07', [{ state: 'DONE', reportedOn: '2026-04-06', sequence: 1, superseded: true }]);
    expect(timeDrivenTransitions([reopened], '2026-04-07', '2026-04-08', 14)).toHaveLength(1);
  });

  it('announces a report dated ahead on its day, once, and one recorded on its day never', () => {
    const ahead = followUp('7', '2026-04-20', [{ state: 'DONE', reportedOn: '2026-04-09', recordedOn: '2026-04-08', sequence: 1 }]);
    expect(timeDrivenTransitions([ahead], '2026-04-08', '2026-04-09', 14)).toEqual([
      { followUpId: '7', commitmentId: '1', day: '2026-04-09', previousStatus: 'DUE_SOON', status: 'DONE' },
    ]);
    expect(timeDrivenTransitions([ahead], '2026-04-09', '2026-04-12', 14)).toEqual([]);
    const onTheDay = followUp('7', '2026-04-20', [{ state: 'DONE', reportedOn: '2026-04-09', recordedOn: '2026-04-09', sequence: 1 }]);
    expect(timeDrivenTransitions([onTheDay], '2026-04-08', '2026-04-09', 14)).toEqual([]);
  });

  it('announces an undated follow-up closed by a report dated ahead, and nothing for a superseded or IN_PROGRESS one', () => {
    const undated = { id: '8', commitmentId: '1', dueDate: null, reports: [{ state: 'MISSED' as const, reportedOn: '2026-04-09', recordedOn: '2026-04-08', sequence: 1 }] };
    expect(timeDrivenTransitions([undated], '2026-04-08', '2026-04-09', 14).map((t) => [t.previousStatus, t.status])).toEqual([['UNDATED', 'MISSED']]);
    const withdrawn = followUp('7', '2026-06-20', [{ state: 'DONE', reportedOn: '2026-04-09', recordedOn: '2026-04-08', sequence: 1, superseded: true }]);
    const inProgress = followUp('7', '2026-06-20', [{ state: 'IN_PROGRESS', reportedOn: '2026-04-09', recordedOn: '2026-04-08', sequence: 1 }]);
    expect(timeDrivenTransitions([withdrawn, inProgress], '2026-04-08', '2026-04-09', 14)).toEqual([]);
  });

  it('with dueSoonDays 0 goes SCHEDULED to DUE_SOON on the due date and OVERDUE the day after', () => {
    const result = timeDrivenTransitions([followUp('7', '2026-04-07')], '2026-04-01', '2026-04-08', 0);
    expect(result.map((t) => [t.day, t.previousStatus, t.status])).toEqual([
      ['2026-04-07', 'SCHEDULED', 'DUE_SOON'],
      ['2026-04-08', 'DUE_SOON', 'OVERDUE'],
    ]);
  });

  it('orders transitions by day, then by follow-up id numerically', () => {
    const result = timeDrivenTransitions([followUp('10', '2026-04-07'), followUp('9', '2026-04-07'), followUp('2', '2026-04-08')], '2026-04-07', '2026-04-09', 14);
    expect(result.map((t) => `${t.day}:${t.followUpId}`)).toEqual(['2026-04-08:9', '2026-04-08:10', '2026-04-09:2']);
  });
});
