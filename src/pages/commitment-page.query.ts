import type { ApiReader } from './api-read';

/** What a commitment page shows, as the public API gives it. */

export interface PageSource {
  id: string;
  title: string;
  outlet: string | null;
  url: string | null;
  publishedOn: string | null;
  kind: string | null;
  affiliation: { code: string; name: string } | null;
}

export interface PageEvidence {
  stance: 'CONFIRMS' | 'OMITS' | 'CONTRADICTS';
  note: string | null;
  recordedAt: string;
  source: PageSource;
}

export interface PageReport {
  id: string;
  state: 'IN_PROGRESS' | 'DONE' | 'MISSED' | 'CANCELLED';
  reportedOn: string;
  note: string | null;
  createdAt: string;
  source: PageSource | null;
  supersedes: { id: string } | null;
  verification: string;
  evidence: PageEvidence[];
}

export interface PageFollowUp {
  id: string;
  title: string;
  dueDate: string | null;
  status: string;
  statusToday: string;
  daysOverdue: number | null;
  completedOn: string | null;
  verification: string | null;
  reports: PageReport[];
}

export interface PageEvent {
  cursor: string;
  kind: string;
  occurredAt: string;
  actor: string;
  previousStatus: string | null;
  status: string | null;
  details: Record<string, unknown> | null;
  followUp: { id: string; title: string } | null;
}

export interface PageCommitment {
  id: string;
  title: string;
  description: string | null;
  kind: string;
  externalId: string | null;
  recurrence: string | null;
  status: string;
  statusToday: string;
  nextDueDate: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  madeAt: { id: string; title: string; heldOn: string | null; location: string | null } | null;
  responsibleParties: { code: string; name: string }[];
  parties: { role: 'OBLIGOR' | 'BENEFICIARY' | 'HOST'; party: { code: string; name: string } }[];
  sources: { stance: 'CONFIRMS' | 'OMITS' | 'CONTRADICTS'; note: string | null; source: PageSource }[];
  followUps: PageFollowUp[];
  history: PageEvent[];
}

export interface CommitmentPageData {
  /** The date statuses are shown for: ?asOf= or the server's today. */
  asOf: string;
  today: string;
  commitment: PageCommitment | null;
}

const SOURCE = 'id title outlet url publishedOn kind affiliation { code name }';
const FOLLOW_UPS = `pageInfo { hasNextPage endCursor } nodes {
  id title dueDate status statusToday: status(asOf: $today) daysOverdue completedOn verification
  reports { id state reportedOn note createdAt verification source { ${SOURCE} } supersedes { id }
    evidence { stance note recordedAt source { ${SOURCE} } } }
}`;
const HISTORY = `pageInfo { hasNextPage endCursor } nodes {
  cursor kind occurredAt actor previousStatus status details followUp { id title }
}`;

const PAGE = `query CommitmentPage($id: ID!, $asOf: Date, $today: Date) {
  shown: followThrough(asOf: $asOf) { asOf }
  node(id: $id) {
    ... on Commitment {
      id title description kind externalId recurrence version createdAt updatedAt
      parties { role party { code name } }
      status(asOf: $asOf) statusToday: status(asOf: $today) nextDueDate(asOf: $asOf)
      madeAt { id title heldOn location }
      responsibleParties { code name }
      sources { stance note source { ${SOURCE} } }
      followUps(asOf: $asOf, first: 100) { ${FOLLOW_UPS} }
      history(first: 100) { ${HISTORY} }
    }
  }
}`;

const MORE_FOLLOW_UPS = `query CommitmentPageFollowUps($id: ID!, $asOf: Date, $today: Date, $after: String) {
  node(id: $id) { ... on Commitment { followUps(asOf: $asOf, first: 100, after: $after) { ${FOLLOW_UPS} } } }
}`;
const MORE_HISTORY = `query CommitmentPageHistory($id: ID!, $after: String) {
  node(id: $id) { ... on Commitment { history(first: 100, after: $after) { ${HISTORY} } } }
}`;

/** A page stops following a list after this many pages of 100 (a commitment recurring daily for decades). */
const MAX_PAGES = 50;

interface Page<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
}

async function rest<T>(first: Page<T>, next: (after: string) => Promise<Page<T> | undefined>): Promise<T[]> {
  const all = [...first.nodes];
  let info = first.pageInfo;
  for (let n = 1; info.hasNextPage && info.endCursor && n < MAX_PAGES; n++) {
    const page = await next(info.endCursor);
    if (!page) break;
    all.push(...page.nodes);
    info = page.pageInfo;
  }
  return all;
}

type RawCommitment = Omit<PageCommitment, 'followUps' | 'history'> & { followUps: Page<PageFollowUp>; history: Page<PageEvent> };

/** The page's data for a Commitment global id, or commitment null when there is none. */
export async function commitmentPageData(api: ApiReader, id: string, asOf: string | undefined): Promise<CommitmentPageData> {
  // "today" first, so both statuses in one answer are read against the same date even across midnight.
  const { followThrough } = await api.read<{ followThrough: { asOf: string } }>('query Today { followThrough { asOf } }');
  const today = followThrough.asOf;
  const vars = { id, asOf: asOf ?? today, today };
  const data = await api.read<{ shown: { asOf: string }; node: RawCommitment | Record<string, never> | null }>(PAGE, vars);
  const node = data.node && 'id' in data.node ? (data.node as RawCommitment) : null;
  if (!node) return { asOf: data.shown.asOf, today, commitment: null };
  const followUps = await rest(node.followUps, async (after) => {
    const more = await api.read<{ node: { followUps: Page<PageFollowUp> } | null }>(MORE_FOLLOW_UPS, { ...vars, after });
    return more.node?.followUps;
  });
  const history = await rest(node.history, async (after) => {
    const more = await api.read<{ node: { history: Page<PageEvent> } | null }>(MORE_HISTORY, { id, after });
    return more.node?.history;
  });
  return { asOf: data.shown.asOf, today, commitment: { ...node, followUps, history } };
}
