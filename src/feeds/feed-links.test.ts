import { feedPath } from './feed-links';

describe('feed links', () => {
  it('writes the feed URL forms the routes answer', () => {
    expect(feedPath('atom')).toBe('/feeds/events.atom');
    expect(feedPath('json', { party: ['PK', 'CN'], kind: ['STATUS_CHANGED'] })).toBe('/feeds/events.json?party=PK,CN&kind=STATUS_CHANGED');
  });
});
