import 'reflect-metadata';
import { parse, validate } from 'graphql';
import { buildApiSchema } from '../graphql/schema';
import { exampleTabs } from './example-queries';

describe('the playground example queries', () => {
  it('are all valid against the API schema, so every opening tab runs as it stands', async () => {
    const schema = await buildApiSchema();
    const tabs = exampleTabs('2026-04-15');
    expect(tabs.length).toBeGreaterThanOrEqual(5);
    for (const tab of tabs) {
      expect(validate(schema, parse(tab.query)).map((e) => e.message)).toEqual([]);
    }
  });

  it('date their "next 30 days" window from the given today', () => {
    const due = exampleTabs('2026-04-15').find((t) => t.query.includes('DueInNext30Days'));
    expect(JSON.parse(due!.variables!)).toEqual({ from: '2026-04-15', to: '2026-05-15' });
  });
});
