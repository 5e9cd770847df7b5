import { entryTitle, tagAuthority } from './feed-entry';
import type { FeedEventRow } from './feed.repository';

const event = (o: Partial<FeedEventRow>): FeedEventRow => ({
  id: '7', kind: 'UPDATED', occurredAt: new Date('2026-07-08T00:00:00Z'), actor: 'editor', previousStatus: null, status: null, details: null,
  commitmentId: '3', commitmentTitle: 'Joint working group', followUpTitle: null, dueDate: null, parties: [], sources: [], ...o,
});

describe('entryTitle', () => {
  it('says what a follow-up became', () => {
    expect(entryTitle(event({ kind: 'STATUS_CHANGED', followUpTitle: 'Quarterly JWG meeting #2', dueDate: '2026-07-07', previousStatus: 'DUE_SOON', status: 'OVERDUE' })))
      .toBe('Quarterly JWG meeting #2 (2026-07-07) is now OVERDUE');
  });

  it('names the report, the edit or the creation', () => {
    expect(entryTitle(event({ kind: 'PROGRESS_REPORTED', followUpTitle: 'Visit', details: { state: 'DONE', reportedOn: '2026-05-02' } }))).toBe('Visit: reported DONE on 2026-05-02');
    expect(entryTitle(event({ details: { version: {}, title: {}, dueDate: {} } }))).toBe('Joint working group was updated (title, due date)');
    expect(entryTitle(event({ details: { followUpAdded: { title: 'x' } } }))).toBe('Joint working group was updated (follow-up added)');
    expect(entryTitle(event({ kind: 'CREATED' }))).toBe('New commitment: Joint working group');
  });

  it('titles a kind it has no sentence for in plain words, with the status it leads to', () => {
    expect(entryTitle(event({ kind: 'DEADLINE_MOVED', followUpTitle: 'Visit', dueDate: '2026-09-01', status: 'SCHEDULED' }))).toBe('Visit (2026-09-01): deadline moved, now SCHEDULED');
    expect(entryTitle(event({ kind: 'EVIDENCE_ADDED' }))).toBe('Joint working group: evidence added');
  });
});

describe('tagAuthority', () => {
  it('is the public host name, or localhost when there is none or it is an address', () => {
    expect(tagAuthority('https://Tracker.Example.org/base')).toBe('tracker.example.org');
    expect(tagAuthority(undefined)).toBe('localhost');
    expect(tagAuthority('http://127.0.0.1:4000')).toBe('localhost');
  });
});
