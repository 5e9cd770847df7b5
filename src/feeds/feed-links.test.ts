import { commitmentFeedLinks, feedPath } from './feed-links';

describe('feed links', () => {
  it('writes the feed URL forms the routes answer', () => {
    expect(feedPath('atom')).toBe('/feeds/events.atom');
    expect(feedPath('json', { party: ['PK', 'CN'], kind: ['STATUS_CHANGED'] })).toBe('/feeds/events.json?party=PK,CN&kind=STATUS_CHANGED');
  });

  it('gives a commitment page its two autodiscovery links, with the title escaped', () => {
    expect(commitmentFeedLinks('Q29tbWl0bWVudDox', 'Visas & "trade"')).toBe(
      '<link rel="alternate" type="application/atom+xml" title="Visas &amp; &quot;trade&quot;: changes (Atom)" href="/feeds/events.atom?commitment=Q29tbWl0bWVudDox">\n' +
        '<link rel="alternate" type="application/feed+json" title="Visas &amp; &quot;trade&quot;: changes (JSON Feed)" href="/feeds/events.json?commitment=Q29tbWl0bWVudDox">',
    );
  });
});
