import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { STATUSES } from './peer.sql';
import { postgraphileCli } from './postgraphile/install';
import type { ServerCommand } from '../support/server-process';

/**
 * The servers the benchmark compares, each described by how to start it and how to ask it the
 * benchmark's questions: the tracker as shipped, the tracker with its response cache off (what
 * every cache miss costs), PostGraphile and the floor. Every peer answers the same questions over
 * HTTP with the same data; the runner checks that their answers agree before it times anything.
 */
export type PeerName = 'tracker' | 'tracker-uncached' | 'postgraphile' | 'floor';
export const PEERS: PeerName[] = ['tracker', 'tracker-uncached', 'postgraphile', 'floor'];
/** The rows the targets are reported for. */
export const TRACKERS: PeerName[] = ['tracker', 'tracker-uncached'];

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface FollowThroughAnswer {
  total: number;
  byStatus: Record<string, number>;
  onTimeRate: number | null;
}

export interface Peer {
  name: PeerName;
  command(env: { databaseUrl: string; port: number; today: string; poolSize: number }): ServerCommand;
  /** First `first` overdue commitments as of asOf, after a cursor this peer gave out. */
  overdue(asOf: string, first: number, after: string | null, idsOnly?: boolean): HttpRequest;
  /** Commitment ids (database ids, as strings) and the cursor after the last, from an overdue answer. */
  readOverdue(body: unknown): { ids: string[]; endCursor: string | null };
  followThrough(asOf: string, party: string): HttpRequest;
  readFollowThrough(body: unknown): FollowThroughAnswer;
  /** Records an IN_PROGRESS report on a follow-up (database id). */
  report(followUpId: string, reportedOn: string): HttpRequest;
  /** Whether a write's answer says it was recorded. */
  reportAccepted(body: unknown): boolean;
}

const ROOT = process.cwd();

/**
 * The tracker's Node arguments, read from package.json's start script (`node <flags> <entry>`), so
 * the benchmark runs the server exactly as `npm start` does, flags included.
 */
export const TRACKER_ARGS: string[] = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
  .scripts.start.split(/\s+/)
  .slice(1)
  .map((arg: string) => (arg.startsWith('-') ? arg : path.join(ROOT, arg)));
const json = { 'content-type': 'application/json' };
const gql = (query: string, variables: Record<string, unknown>): string => JSON.stringify({ query, variables });
const probe = (url: string, init?: RequestInit) => async () => (await fetch(url, init)).ok;

/** Sent as a Bearer key with the tracker's writes; a fresh one per run. */
export const BENCH_ADMIN_KEY = `bench-${randomBytes(18).toString('base64url')}`;

interface GraphQLBody {
  data?: Record<string, any>;
  errors?: { message: string }[];
}

function dataOf(body: unknown): Record<string, any> {
  const b = body as GraphQLBody;
  if (b.errors?.length || !b.data) throw new Error(`GraphQL errors: ${JSON.stringify(b.errors ?? b).slice(0, 500)}`);
  return b.data;
}

function countsByStatus(rows: { status: string; count: number }[]): Record<string, number> {
  return Object.fromEntries(STATUSES.map((s) => [s, Number(rows.find((r) => r.status === s)?.count ?? 0)]));
}

const OVERDUE_SELECTION = `id title status nextDueDate responsibleParties { code name } madeAt { title heldOn }
  sources { stance source { title url } } followUps(first: 20) { nodes { dueDate status } }`;

export const tracker: Peer = {
  name: 'tracker',
  command: ({ databaseUrl, port, today }) => ({
    name: 'tracker',
    args: TRACKER_ARGS,
    env: {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      CLOCK_START: `${today}T12:00:00Z`,
      ADMIN_API_KEY: BENCH_ADMIN_KEY,
      // The benchmark measures the API, not the per-IP limiter that would refuse one load generator.
      RATE_LIMIT_PER_MINUTE: '0',
    },
    port,
    ready: probe(`http://127.0.0.1:${port}/readyz`),
  }),
  overdue: (asOf, first, after, idsOnly) => ({
    method: 'POST',
    path: '/graphql',
    headers: json,
    body: gql(
      `query Overdue($asOf: Date!, $first: Int!, $after: String) {
        commitments(filter: { status: [OVERDUE] }, asOf: $asOf, first: $first, after: $after) {
          pageInfo { endCursor } nodes { ${idsOnly ? 'id' : OVERDUE_SELECTION} } } }`,
      { asOf, first, after },
    ),
  }),
  readOverdue: (body) => {
    const c = dataOf(body).commitments;
    const ids = c.nodes.map((n: { id: string }) => Buffer.from(n.id, 'base64url').toString('utf8').split(':')[1]);
    return { ids, endCursor: c.pageInfo.endCursor };
  },
  followThrough: (asOf, party) => ({
    method: 'POST',
    path: '/graphql',
    headers: json,
    body: gql(
      `query FollowThrough($asOf: Date!, $party: String!) {
        followThrough(asOf: $asOf, partyCode: $party) { asOf total byStatus { status count } onTimeRate } }`,
      { asOf, party },
    ),
  }),
  readFollowThrough: (body) => {
    const f = dataOf(body).followThrough;
    return { total: f.total, byStatus: countsByStatus(f.byStatus), onTimeRate: f.onTimeRate };
  },
  report: (followUpId, reportedOn) => ({
    method: 'POST',
    path: '/graphql',
    headers: { ...json, authorization: `Bearer ${BENCH_ADMIN_KEY}` },
    body: gql(
      `mutation Report($input: ReportProgressInput!) { reportProgress(input: $input) { report { id } } }`,
      { input: { followUpId: Buffer.from(`FollowUp:${followUpId}`).toString('base64url'), state: 'IN_PROGRESS', reportedOn, note: 'benchmark write' } },
    ),
  }),
  reportAccepted: (body) => Boolean(dataOf(body).reportProgress?.report?.id),
};

/** The same server with RESPONSE_CACHE_MB=0: every request runs its resolvers and SQL. */
export const trackerUncached: Peer = {
  ...tracker,
  name: 'tracker-uncached',
  command: (env) => {
    const command = tracker.command(env);
    return { ...command, name: 'tracker-uncached', env: { ...command.env, RESPONSE_CACHE_MB: '0' } };
  },
};

export const postgraphile: Peer = {
  name: 'postgraphile',
  command: ({ databaseUrl, port, poolSize }) => ({
    name: 'postgraphile',
    cwd: path.join(ROOT, 'bench/peers/postgraphile'),
    args: [
      '--require', './polyfill.cjs',
      postgraphileCli(path.join(ROOT, 'bench/peers/postgraphile')),
      '--config', './graphile.config.cjs',
    ],
    env: { DATABASE_URL: databaseUrl, PORT: String(port), POOL_SIZE: String(poolSize), NODE_ENV: 'production' },
    port,
    ready: probe(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST', headers: json, body: gql('{ __typename }', {}),
    }),
  }),
  overdue: (asOf, first, after, idsOnly) => ({
    method: 'POST',
    path: '/graphql',
    headers: json,
    body: gql(
      `query Overdue($asOf: Date!, $first: Int!, $after: Cursor) {
        benchApiOverdueCommitments(asOf: $asOf, first: $first, after: $after) {
          pageInfo { endCursor } nodes { rowId ${idsOnly ? '' : `title status(asOf: $asOf) nextDueDate(asOf: $asOf)
            commitmentPartiesByCommitmentId { nodes { partyByPartyId { code name } } }
            engagementByEngagementId { title heldOn }
            sourceCitationsByCommitmentId { nodes { stance sourceBySourceId { title url } } }
            followUpsByCommitmentId(first: 20, orderBy: [DUE_DATE_ASC, PRIMARY_KEY_ASC]) { nodes { dueDate status(asOf: $asOf) } }`} } } }`,
      { asOf, first, after },
    ),
  }),
  readOverdue: (body) => {
    const c = dataOf(body).benchApiOverdueCommitments;
    return { ids: c.nodes.map((n: { rowId: string }) => String(n.rowId)), endCursor: c.pageInfo.endCursor };
  },
  followThrough: (asOf, party) => ({
    method: 'POST',
    path: '/graphql',
    headers: json,
    body: gql(`query FollowThrough($asOf: Date!, $party: String!) { benchApiFollowThrough(asOf: $asOf, partyCode: $party) }`, { asOf, party }),
  }),
  readFollowThrough: (body) => floorFollowThrough(dataOf(body).benchApiFollowThrough),
  report: (followUpId, reportedOn) => ({
    method: 'POST',
    path: '/graphql',
    headers: json,
    body: gql(
      `mutation Report($input: CreateProgressReportInput!) { createProgressReport(input: $input) { progressReport { rowId } } }`,
      { input: { progressReport: { followUpId, state: 'IN_PROGRESS', reportedOn, note: 'benchmark write', recordedBy: 'bench-postgraphile' } } },
    ),
  }),
  reportAccepted: (body) => Boolean(dataOf(body).createProgressReport?.progressReport?.rowId),
};

function floorFollowThrough(f: { total: number; byStatus: { status: string; count: number }[]; onTimeRate: number | null }): FollowThroughAnswer {
  const value = typeof f === 'string' ? JSON.parse(f) : f;
  return { total: Number(value.total), byStatus: countsByStatus(value.byStatus), onTimeRate: value.onTimeRate };
}

export const floor: Peer = {
  name: 'floor',
  command: ({ databaseUrl, port, poolSize }) => ({
    name: 'floor',
    args: [path.join(ROOT, 'dist/bench/peers/floor-server.js')],
    env: { DATABASE_URL: databaseUrl, PORT: String(port), POOL_SIZE: String(poolSize), NODE_ENV: 'production' },
    port,
    ready: probe(`http://127.0.0.1:${port}/healthz`),
  }),
  overdue: (asOf, first, after) => ({
    method: 'GET',
    path: `/overdue?asOf=${asOf}&first=${first}${after ? `&after=${after}` : ''}`,
    headers: {},
  }),
  readOverdue: (body) => {
    const items = (body as { commitments: { id: number; nextDueDate: string }[] }).commitments;
    const last = items[items.length - 1];
    return { ids: items.map((i) => String(i.id)), endCursor: last ? `${last.nextDueDate},${last.id}` : null };
  },
  followThrough: (asOf, party) => ({ method: 'GET', path: `/follow-through?asOf=${asOf}&party=${party}`, headers: {} }),
  readFollowThrough: (body) => floorFollowThrough(body as never),
  report: (followUpId, reportedOn) => ({
    method: 'POST',
    path: '/reports',
    headers: json,
    body: JSON.stringify({ followUpId, state: 'IN_PROGRESS', reportedOn }),
  }),
  reportAccepted: (body) => Boolean((body as { id?: string }).id),
};

export const PEER_BY_NAME: Record<PeerName, Peer> = { tracker, 'tracker-uncached': trackerUncached, postgraphile, floor };
