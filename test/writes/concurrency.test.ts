import { parseGlobalId } from '../../src/graphql/global-id';
import { admin, bearer, createCommitmentViaApi, HISTORY, REPORT_PROGRESS, startWriteApp, UPDATE_COMMITMENT, WriteApp } from './write-app';

const LIGHT_UPDATE = `mutation ($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { commitment { version } } }`;
const codeOf = (res: { errors?: any[] }) => res.errors?.[0]?.extensions?.code;

describe('concurrent writes', () => {
  let app: WriteApp;
  let editors: Record<string, string>[];
  beforeAll(async () => {
    app = await startWriteApp();
    editors = [admin, bearer(await app.newKey('editor-a')), bearer(await app.newKey('editor-b'))];
  });
  afterAll(() => app.stop());

  it('lets exactly one of many updates from the same version win; the others get CONFLICT and change nothing', async () => {
    const c = await createCommitmentViaApi(app, { title: 'Raced', dueDate: '2026-09-01' });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        app.graphql(UPDATE_COMMITMENT, { input: { id: c.id, expectedVersion: 1, title: `Edit ${i}` } }, editors[i % editors.length]),
      ),
    );
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => codeOf(r) === 'CONFLICT')).toHaveLength(29);
    const history = (await app.graphql(HISTORY, { id: c.id })).data.node;
    expect(history.version).toBe(2);
    expect(history.history.nodes.map((e: any) => e.kind)).toEqual(['CREATED', 'UPDATED']);
    const [row] = await app.db.query(`SELECT title FROM commitment WHERE id = (SELECT max(id) FROM commitment)`);
    expect(row.title).toBe(winners[0].data.updateCommitment.commitment.title);
  });

  it('counts every accepted change when editors retry on CONFLICT: version = 1 + accepted, and history has each one', async () => {
    const c = await createCommitmentViaApi(app, { title: 'Flooded' });
    const editsPerWorker = 5;
    const workers = 4;
    const accepted: string[] = [];
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        let version = 1;
        for (let e = 0; e < editsPerWorker; e++) {
          const title = `worker ${w} edit ${e}`;
          for (;;) {
            const res = await app.graphql(LIGHT_UPDATE, { input: { id: c.id, expectedVersion: version, title } }, editors[w % editors.length]);
            if (!res.errors) {
              accepted.push(title);
              version = res.data.updateCommitment.commitment.version;
              break;
            }
            // A refused edit says which version to retry from.
            expect(codeOf(res)).toBe('CONFLICT');
            version = res.errors[0].extensions.currentVersion;
          }
        }
      }),
    );
    expect(accepted).toHaveLength(workers * editsPerWorker);
    const node = (await app.graphql(HISTORY, { id: c.id })).data.node;
    expect(node.version).toBe(1 + accepted.length);
    expect(node.history.nodes.filter((e: any) => e.kind === 'UPDATED')).toHaveLength(accepted.length);
    const logged = await app.db.query(
      `SELECT details->'title'->>'after' AS title, details->'version'->>'after' AS version FROM commitment_event
        WHERE kind = 'UPDATED' AND commitment_id = (SELECT max(id) FROM commitment) ORDER BY id`,
    );
    expect(logged.map((r: any) => r.title).sort()).toEqual([...accepted].sort());
    // Versions in the log run 2, 3, 4 ... in event order: no change was lost or applied twice.
    expect(logged.map((r: any) => Number(r.version))).toEqual(Array.from({ length: accepted.length }, (_, i) => i + 2));
  }, 120_000);

  it('keeps every one of several reports racing on one follow-up, in recording order', async () => {
    const c = await createCommitmentViaApi(app, { title: 'Reported on', dueDate: '2026-03-01' });
    const followUpId = c.followUps.nodes[0].id;
    const states = ['IN_PROGRESS', 'IN_PROGRESS', 'DONE', 'IN_PROGRESS', 'MISSED', 'IN_PROGRESS', 'IN_PROGRESS', 'DONE'];
    const results = await Promise.all(
      states.map((state, i) =>
        app.graphql(REPORT_PROGRESS, { input: { followUpId, state, reportedOn: '2026-03-05', note: `report ${i}` } }, editors[i % editors.length]),
      ),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    const reports = (await app.graphql(`query ($id: ID!) { node(id: $id) { ... on FollowUp { reports { id note } } } }`, { id: followUpId })).data.node.reports;
    expect(reports).toHaveLength(states.length);
    expect(reports.map((r: any) => r.note).sort()).toEqual(states.map((_, i) => `report ${i}`).sort());
    // Listed in recording order, and the log recorded them in the same order.
    const ids = reports.map((r: any) => Number(parseGlobalId(r.id)!.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const logged = await app.db.query(`SELECT details->>'reportId' AS "reportId" FROM commitment_event WHERE kind = 'PROGRESS_REPORTED' ORDER BY id`);
    expect(logged.map((e: any) => e.reportId)).toEqual(reports.map((r: any) => r.id));
    // Each status change starts where the previous one ended: every writer saw its predecessor's report.
    const changes = await app.db.query(`SELECT previous_status AS "from", status AS "to" FROM commitment_event WHERE kind = 'STATUS_CHANGED' ORDER BY id`);
    expect(changes[0].from).toBe('OVERDUE');
    changes.slice(1).forEach((c: any, i: number) => expect(c.from).toBe(changes[i].to));
    const node = (await app.graphql(HISTORY, { id: c.id })).data.node;
    expect(node.version).toBe(1 + states.length);
    expect(node.history.nodes.filter((e: any) => e.kind === 'PROGRESS_REPORTED')).toHaveLength(states.length);
  });
});
