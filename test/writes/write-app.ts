import { toGlobalId } from '../../src/graphql/global-id';
import { createParty } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** The bootstrap admin secret every write test starts its server with. */
export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';
/** The server's clock starts here, so "today" is 2026-03-10 throughout. */
export const TODAY = '2026-03-10';

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
export const admin = bearer(ADMIN_KEY);

export interface WriteApp extends TestApp {
  /** Creates a key through the API with the admin key and returns the secret. */
  newKey(name: string, role?: 'EDITOR' | 'ADMIN'): Promise<string>;
}

/** A server with ADMIN_API_KEY set, a fixed today, and parties PK and CN. */
export async function startWriteApp(env: Record<string, string> = {}): Promise<WriteApp> {
  const app = await startTestApp({ env: { ADMIN_API_KEY: ADMIN_KEY, CLOCK_START: `${TODAY}T12:00:00Z`, ...env } });
  await createParty(app.db, 'PK', 'Pakistan');
  await createParty(app.db, 'CN', 'China');
  return {
    ...app,
    async newKey(name, role = 'EDITOR') {
      const res = await app.graphql(CREATE_KEY, { input: { name, role } }, admin);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data.createApiKey.key;
    },
  };
}

export const CREATE_KEY = `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key name role } }`;

export const COMMITMENT_FIELDS = `id title description recurrence version createdAt updatedAt madeAt { id }
  responsibleParties { code }
  followUps(first: 100) { nodes { id title dueDate status } }
  sources { stance note source { id } }`;

export const CREATE_COMMITMENT = `mutation ($input: CreateCommitmentInput!) { createCommitment(input: $input) { commitment { ${COMMITMENT_FIELDS} } } }`;
export const UPDATE_COMMITMENT = `mutation ($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { commitment { ${COMMITMENT_FIELDS} } } }`;
export const REPORT_PROGRESS = `mutation ($input: ReportProgressInput!) {
  reportProgress(input: $input) { report { id state reportedOn note source { id } } followUp { id status completedOn } } }`;
export const CORRECT_REPORT = `mutation ($input: CorrectReportInput!) {
  correctReport(input: $input) { report { id state reportedOn supersedes { id } } followUp { id status completedOn } } }`;
export const CREATE_SOURCE = `mutation ($input: CreateSourceInput!) { createSource(input: $input) { source { id title outlet url publishedOn } } }`;
export const UPDATE_SOURCE = `mutation ($input: UpdateSourceInput!) { updateSource(input: $input) { source { id title kind affiliation { code } } } }`;
export const CREATE_ENGAGEMENT = `mutation ($input: CreateEngagementInput!) { createEngagement(input: $input) { engagement { id title parties { code } } } }`;
export const CREATE_PARTY = `mutation ($input: CreatePartyInput!) { createParty(input: $input) { party { id code name } } }`;
export const ADD_EVIDENCE = `mutation ($input: AddEvidenceInput!) { addEvidence(input: $input) { report { id verification } followUp { id } } }`;
export const CITE_SOURCE = `mutation ($input: CiteSourceInput!) { citeSource(input: $input) { commitment { ${COMMITMENT_FIELDS} } } }`;
export const ADD_FOLLOW_UP = `mutation ($input: AddFollowUpInput!) { addFollowUp(input: $input) { followUp { id title dueDate status commitment { id version } } } }`;
export const HISTORY = `query ($id: ID!) { node(id: $id) { ... on Commitment { version history(first: 100) { totalCount nodes {
  kind previousStatus status actor details followUp { id } } } } } }`;

/** Creates a commitment through the API (as admin unless told) and returns it. */
export async function createCommitmentViaApi(app: TestApp, input: Record<string, unknown>, headers: Record<string, string> = admin): Promise<any> {
  const res = await app.graphql(CREATE_COMMITMENT, { input: { partyCodes: ['PK'], ...input } }, headers);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.createCommitment.commitment;
}

const TABLES = [
  'party', 'engagement', 'engagement_party', 'engagement_source', 'source', 'commitment', 'commitment_party', 'source_citation', 'follow_up',
  'follow_up_due_date_change', 'progress_report', 'evidence', 'commitment_event', 'api_key',
];

/** Row counts of every table the API writes, plus the commitments' versions: equal snapshots mean nothing was written. */
export async function databaseState(app: TestApp): Promise<Record<string, unknown>> {
  const state: Record<string, unknown> = {};
  for (const t of TABLES) state[t] = (await app.db.query(`SELECT count(*)::int AS n FROM ${t}`))[0].n;
  state.versions = (await app.db.query(`SELECT id, version, title, description FROM commitment ORDER BY id`));
  state.dueDates = (await app.db.query(`SELECT id, due_date, title FROM follow_up ORDER BY id`));
  state.kinds = (await app.db.query(`SELECT id, kind FROM commitment ORDER BY id`));
  state.sources = (await app.db.query(`SELECT id, title, outlet, kind, affiliation_party_id FROM source ORDER BY id`));
  return state;
}

export const gid = toGlobalId;
