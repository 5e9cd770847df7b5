import { commitmentStatus, completedOn, daysOverdue, followUpStatus, nextDueDate } from './status';

const due = (dueDate: string | null, reports: Parameters<typeof followUpStatus>[0]['reports'] = []) => ({ dueDate, reports });

describe('follow-up status', () => {
  it('is SCHEDULED more than 14 days ahead, DUE_SOON within 14 days, OVERDUE the day after', () => {
    expect(followUpStatus(due('2026-04-07'), '2026-03-23')).toBe('SCHEDULED');
    expect(followUpStatus(due('2026-04-07'), '2026-03-24')).toBe('DUE_SOON');
    expect(followUpStatus(due('2026-04-07'), '2026-04-07')).toBe('DUE_SOON');
    expect(followUpStatus(due('2026-04-07'), '2026-04-08')).toBe('OVERDUE');
  });

  it('is UNDATED without a due date', () => {
    expect(followUpStatus(due(null), '2026-01-01')).toBe('UNDATED');
  });

  it('becomes DONE from the report date on, and stays OVERDUE before it', () => {
    const f = due('2026-04-07', [{ state: 'DONE', reportedOn: '2026-04-20', sequence: 1 }]);
    expect(followUpStatus(f, '2026-04-10')).toBe('OVERDUE');
    expect(followUpStatus(f, '2026-04-20')).toBe('DONE');
    expect(daysOverdue(f, '2026-04-10')).toBe(3);
    expect(daysOverdue(f, '2026-04-20')).toBeNull();
  });

  it('lets the latest report win, by date then by recording order, ignoring IN_PROGRESS and superseded ones', () => {
    const f = due('2026-04-07', [
      { state: 'DONE', reportedOn: '2026-04-01', sequence: 5 },
      { state: 'CANCELLED', reportedOn: '2026-04-01', sequence: 6 },
      { state: 'IN_PROGRESS', reportedOn: '2026-04-02', sequence: 7 },
      { state: 'MISSED', reportedOn: '2026-04-03', sequence: 8, superseded: true },
    ]);
    expect(followUpStatus(f, '2026-04-05')).toBe('CANCELLED');
    expect(completedOn(f)).toBe('2026-04-01');
  });
});

describe('commitment status', () => {
  it('takes the first open status, then DONE, MISSED, CANCELLED; UNDATED when empty', () => {
    expect(commitmentStatus(['DONE', 'SCHEDULED', 'OVERDUE'])).toBe('OVERDUE');
    expect(commitmentStatus(['DONE', 'UNDATED'])).toBe('UNDATED');
    expect(commitmentStatus(['CANCELLED', 'MISSED', 'DONE'])).toBe('DONE');
    expect(commitmentStatus(['CANCELLED', 'MISSED'])).toBe('MISSED');
    expect(commitmentStatus([])).toBe('UNDATED');
  });

  it('gives the earliest open due date as the next one, even when past', () => {
    expect(nextDueDate([due('2026-04-07', [{ state: 'DONE', reportedOn: '2026-04-01', sequence: 1 }]), due('2026-07-07'), due(null)], '2026-05-01')).toBe('2026-07-07');
    expect(nextDueDate([due('2026-04-07')], '2026-05-01')).toBe('2026-04-07');
  });
});
