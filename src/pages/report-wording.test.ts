import { correctedIds, overdueNote } from './report-wording';

describe('overdueNote', () => {
  it('says "no report recorded" when nothing was reported on or before the date shown', () => {
    expect(overdueNote([], '2026-04-15')).toBe('no report recorded');
    expect(overdueNote([{ state: 'IN_PROGRESS', reportedOn: '2026-05-01' }], '2026-04-15')).toBe('no report recorded');
  });

  it('tells a reported IN_PROGRESS apart from no report at all', () => {
    const reports = [{ state: 'IN_PROGRESS' as const, reportedOn: '2026-03-01' }, { state: 'IN_PROGRESS' as const, reportedOn: '2026-04-01' }];
    expect(overdueNote(reports, '2026-04-15')).toBe('in progress, reported 2026-04-01');
  });
});

describe('correctedIds', () => {
  it('lists the reports that later reports correct', () => {
    expect([...correctedIds([{ supersedes: null }, { supersedes: { id: 'a' } }])]).toEqual(['a']);
  });
});
