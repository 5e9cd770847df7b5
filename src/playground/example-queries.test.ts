import 'reflect-metadata';
import { OperationDefinitionNode, parse, validate } from 'graphql';
import { buildApiSchema } from '../graphql/schema';
import { exampleTabs, lastFirstOfOctober } from './example-queries';

const tabs = exampleTabs('2026-04-15');
const operationsOf = (query: string) =>
  parse(query).definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
/** A tab is named by its first operation, as GraphiQL names it. */
const tabName = (query: string) => operationsOf(query)[0].name!.value;
const commentsOf = (query: string) => query.split('\n').filter((l) => l.startsWith('#')).join('\n');
const tab = (name: string) => tabs.find((t) => tabName(t.query) === name)!;

describe('the playground example queries', () => {
  it('are all valid against the API schema, so every opening tab runs as it stands', async () => {
    const schema = await buildApiSchema();
    expect(tabs.length).toBeGreaterThanOrEqual(9);
    const errors = tabs.flatMap((t) => validate(schema, parse(t.query)).map((e) => `${tabName(t.query)}: ${e.message}`));
    expect(errors).toEqual([]);
    for (const t of tabs) if (t.variables) expect(typeof JSON.parse(t.variables)).toBe('object');
  });

  it('answer the questions issue 12 and 13 ask for, one tab each', () => {
    expect(tabs.map((t) => tabName(t.query))).toEqual([
      'OverdueToday', 'DueInNext30Days', 'WhatHappenedTo', 'FollowThrough', 'WhatDidXinhuaLeaveOut',
      'WhatWasKnownOn1October', 'DoneReportsOnlyClaimed', 'ReportProgress', 'LiveEvents',
    ]);
    expect(tab('WhatDidXinhuaLeaveOut').query).toMatch(/sourceId: \$source, stances: \[OMITS\]/);
    expect(tab('DoneReportsOnlyClaimed').query).toMatch(/status: \[DONE\]/);
    expect(tab('FollowThrough').query).toMatch(/kinds: \[AGREEMENT, PLEDGE\]/);
  });

  it('point only to tabs and operations that exist', () => {
    const operations = new Set(tabs.flatMap((t) => operationsOf(t.query).map((o) => o.name!.value)));
    const tabNames = new Set(tabs.map((t) => tabName(t.query)));
    let references = 0;
    for (const t of tabs) {
      const comments = commentsOf(t.query);
      for (const [, name] of comments.matchAll(/\b([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+)\b/g)) {
        references++;
        expect({ in: tabName(t.query), name, exists: operations.has(name) }).toEqual({ in: tabName(t.query), name, exists: true });
      }
      for (const [, name] of comments.matchAll(/\b(\w+) tab\b/g)) {
        expect({ in: tabName(t.query), tab: name, exists: tabNames.has(name) }).toEqual({ in: tabName(t.query), tab: name, exists: true });
      }
    }
    expect(references).toBeGreaterThanOrEqual(5);
    expect(commentsOf(tab('LiveEvents').query)).toMatch(/ReportProgress tab/);
  });

  it('open the mutation tab with a placeholder key in the Headers pane, and say that is where the key goes', () => {
    const mutation = tab('ReportProgress');
    expect(operationsOf(mutation.query)[0].operation).toBe('mutation');
    expect(commentsOf(mutation.query)).toMatch(/key goes in the Headers pane/);
    expect(JSON.parse(mutation.headers!)).toEqual({ Authorization: expect.stringMatching(/^Bearer /) });
    expect(JSON.parse(mutation.variables!).input).toMatchObject({ reportedOn: '2026-04-15', state: 'IN_PROGRESS' });
    expect(tabs.filter((t) => t.headers)).toEqual([mutation]);
  });

  it('date their "next 30 days" window from the given today', () => {
    expect(JSON.parse(tab('DueInNext30Days').variables!)).toEqual({ from: '2026-04-15', to: '2026-05-15' });
  });

  it('ask about the latest 1 October that is wholly past in every time zone, so knownAt is never in the future', () => {
    expect(JSON.parse(tab('WhatWasKnownOn1October').variables!)).toEqual({ asOf: '2025-10-01', knownAt: '2025-10-01T23:59:59Z' });
    expect(lastFirstOfOctober('2026-10-02')).toBe('2025-10-01');
    expect(lastFirstOfOctober('2026-10-03')).toBe('2026-10-01');
    expect(lastFirstOfOctober('2026-12-04')).toBe('2026-10-01');
    expect(lastFirstOfOctober('2027-01-01')).toBe('2026-10-01');
  });
});
