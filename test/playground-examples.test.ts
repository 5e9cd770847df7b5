import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OperationDefinitionNode, parse } from 'graphql';
import { exampleTabs } from '../src/playground/example-queries';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The playground's example tabs and the README's worked examples, run against the seeded data:
 * they must not only be valid (src/playground/example-queries.test.ts) but answer what they say.
 */

const ADMIN_KEY = 'playground-examples-admin-key-0123456789';
const TODAY = '2026-12-04';
const admin = { authorization: `Bearer ${ADMIN_KEY}` };
const tabs = exampleTabs(TODAY);
const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

/** The nth ```graphql block (from 0) after a README heading. */
function readmeExample(heading: string, n = 0): string {
  const at = readme.indexOf(heading);
  const blocks = [...readme.slice(at).matchAll(/```graphql\n([\s\S]*?)```/g)];
  if (at < 0 || !blocks[n]) throw new Error(`no graphql example ${n} under "${heading}" in the README`);
  return blocks[n][1];
}

describe('the playground\'s example tabs and the README\'s examples, on the seeded data', () => {
  let app: TestApp;
  let xinhuaId: string;

  beforeAll(async () => {
    app = await startTestApp({ seed: true, env: { ADMIN_API_KEY: ADMIN_KEY, CLOCK_START: `${TODAY}T10:00:00Z` } });
    const found = await fetchOperation('FindSources');
    xinhuaId = found.data.sources.nodes.find((s: { outlet: string | null }) => s.outlet === 'Xinhua').id;
  });
  afterAll(() => app?.stop());

  async function fetchOperation(operationName: string, variables?: Record<string, unknown>) {
    const tab = tabs.find((t) => t.query.includes(`query ${operationName}`))!;
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: tab.query, operationName, variables }),
    });
    return (await res.json()) as { data?: any; errors?: any[] };
  }

  it('runs every query tab as it opens (Xinhua\'s id filled in) without an error', async () => {
    for (const tab of tabs) {
      const operations = parse(tab.query).definitions as OperationDefinitionNode[];
      for (const op of operations.filter((o) => o.operation === 'query')) {
        const variables = op.name!.value === 'WhatDidXinhuaLeaveOut' ? { source: xinhuaId } : tab.variables && JSON.parse(tab.variables);
        const res = await fetchOperation(op.name!.value, variables);
        expect({ operation: op.name!.value, errors: res.errors }).toEqual({ operation: op.name!.value, errors: undefined });
      }
    }
  });

  it('answers "what did Xinhua leave out" with the Special Protection Unit, which PTI says China\'s state media left out', async () => {
    const res = await fetchOperation('WhatDidXinhuaLeaveOut', { source: xinhuaId });
    expect(res.data.commitments.nodes.map((c: { title: string }) => c.title)).toEqual(['Special Protection Unit in Islamabad to guard Chinese nationals']);
    const xinhua = res.data.commitments.nodes[0].sources.find((s: { source: { outlet: string } }) => s.source.outlet === 'Xinhua');
    expect(xinhua).toMatchObject({ stance: 'OMITS', source: { kind: 'STATE_MEDIA', affiliation: { code: 'CN' } } });
  });

  it('answers the README\'s example of a kind: the NCCIA request, China responsible, and not among China\'s promises', async () => {
    const res = await app.graphql(readmeExample('### Who promised what', 0));
    expect(res.errors).toBeUndefined();
    expect(res.data.asked.nodes).toEqual([{
      title: 'Pakistan\'s request for Chinese institutional support to strengthen the NCCIA', responsibleParties: [{ code: 'CN' }],
    }]);
    expect(res.data.promised.total).toBe(10);
    expect(readme).toContain('China is an obligor of (10 in the seeds)');
  });

  it('answers the README\'s "how well does Pakistan keep its promises" with its agreements and pledges only', async () => {
    const res = await app.graphql(readmeExample('**How well does Pakistan keep its promises'));
    expect(res.errors).toBeUndefined();
    // 9 agreements, the Special Protection Unit and the further safety measures; not the two invitations to Naqvi.
    expect(res.data.followThrough.total).toBe(11);
  });

  it('answers the README\'s example of roles: an invitation to China, which would act, hosted by Pakistan', async () => {
    const example = readmeExample('### Who promised what', 1);
    const res = await app.graphql(example);
    expect(res.errors).toBeUndefined();
    expect(res.data.commitments.nodes).toEqual([{
      title: 'Invitation to Wang Xiaohong to visit Pakistan',
      kind: 'INVITATION',
      responsibleParties: [{ code: 'CN' }],
      parties: expect.arrayContaining([{ role: 'OBLIGOR', party: { code: 'CN' } }, { role: 'HOST', party: { code: 'PK' } }]),
    }]);
    const asObligor = await app.graphql(example.replace('involvingPartyCodes', 'partyCodes'));
    expect(asObligor.data.commitments.nodes).toEqual([]);
  });

  it('walks the README\'s verification example: CLAIMED on the obligor\'s word, CORROBORATED with PTI, DISPUTED once Xinhua contradicts it, and the tab shows each', async () => {
    const unit = await app.graphql(`{ commitments(filter: { search: "Special Protection Unit" }) { nodes { followUps { nodes { id } } } } }`);
    const followUpId = unit.data.commitments.nodes[0].followUps.nodes[0].id;
    const statement = await app.graphql(
      `mutation { createSource(input: { title: "Interior Ministry: Special Protection Unit operating", kind: OFFICIAL, affiliationCode: "PK" }) { source { id } } }`,
      undefined, admin);
    const reported = await app.graphql(
      `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { report { id verification } } }`,
      { input: { followUpId, state: 'DONE', reportedOn: '2026-06-01', sourceId: statement.data.createSource.source.id } }, admin);
    expect(reported.errors).toBeUndefined();
    expect(reported.data.reportProgress.report.verification).toBe('CLAIMED');

    const claimed = await fetchOperation('DoneReportsOnlyClaimed');
    expect(claimed.data.followUps.nodes).toEqual([expect.objectContaining({ title: 'Special Protection Unit operating in Islamabad', verification: 'CLAIMED' })]);

    const pti = await app.graphql(`{ sources(first: 100) { nodes { id outlet } } }`);
    const ptiId = pti.data.sources.nodes.find((s: { outlet: string | null }) => s.outlet === 'PTI').id;
    const added = await app.graphql(
      `mutation($input: AddEvidenceInput!) { addEvidence(input: $input) { report { verification } } }`,
      { input: { reportId: reported.data.reportProgress.report.id, sourceId: ptiId, stance: 'CONFIRMS' } }, admin);
    expect(added.errors).toBeUndefined();
    expect(added.data.addEvidence.report.verification).toBe('CORROBORATED');
    expect((await fetchOperation('DoneReportsOnlyClaimed')).data.followUps.nodes[0].verification).toBe('CORROBORATED');

    const xinhua = await app.graphql(
      `mutation($input: AddEvidenceInput!) { addEvidence(input: $input) { report { verification } } }`,
      { input: { reportId: reported.data.reportProgress.report.id, sourceId: xinhuaId, stance: 'CONTRADICTS' } }, admin);
    expect(xinhua.data.addEvidence.report.verification).toBe('DISPUTED');
    expect((await fetchOperation('DoneReportsOnlyClaimed')).data.followUps.nodes[0].verification).toBe('DISPUTED');
  });
});

describe('the README\'s knownAt example, on data seeded just before the instant it asks about', () => {
  // Seeded a moment before 12:00:00Z on 19 September; the deadline moved just after it.
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ seed: true, env: { ADMIN_API_KEY: ADMIN_KEY, CLOCK_START: '2026-09-19T11:59:59.500Z' } });
  });
  afterAll(() => app?.stop());

  it('answers with the due date known then, and today\'s answer with the moved one and the original beside it', async () => {
    const example = readmeExample('### What was known when');
    expect(example).toContain('knownAt: "2026-09-19T12:00:00Z"');
    while (app.clock.now() <= new Date('2026-09-19T12:00:00.050Z')) await new Promise((r) => setTimeout(r, 50));
    const forum = await app.graphql(`{ commitments(filter: { search: "Global Security Cooperation Forum" }) { nodes { id version } } }`);
    const { id, version } = forum.data.commitments.nodes[0];
    const moved = await app.graphql(
      `mutation($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { commitment { id } } }`,
      { input: { id, expectedVersion: version, dueDate: '2026-10-15' } }, admin);
    expect(moved.errors).toBeUndefined();

    const then = await app.graphql(example);
    expect(then.errors).toBeUndefined();
    expect(then.data.commitments.nodes).toEqual([
      { status: 'OVERDUE', followUps: { nodes: [{ dueDate: '2026-09-30', originalDueDate: '2026-09-30', status: 'OVERDUE' }] } },
    ]);
    const now = await app.graphql(example.replace(/,\s*knownAt: "[^"]+"/, ''));
    expect(now.data.commitments.nodes).toEqual([
      { status: 'DUE_SOON', followUps: { nodes: [{ dueDate: '2026-10-15', originalDueDate: '2026-09-30', status: 'DUE_SOON' }] } },
    ]);
  });
});
