import { toGlobalId } from '../graphql/global-id';
import type { FeedEventRow } from './feed.repository';

/** One entry, in the terms both formats share (Atom and JSON Feed only spell it differently). */
export interface FeedEntry {
  /** Never changes: see entryId. */
  id: string;
  title: string;
  /** The commitment's page. */
  url: string;
  summary: string;
  /** When it happened. */
  updated: Date;
  author: string;
  kind: string;
}

/**
 * The tagging entity of entry ids (RFC 4151): PUBLIC_URL's host name, or "localhost" without one.
 * The date is fixed, so an event's id stays the same for as long as the host does.
 */
export function tagAuthority(publicUrl: string | undefined): string {
  const host = publicUrl ? new URL(publicUrl).hostname.toLowerCase() : '';
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host) && !/^[\d.]+$/.test(host) ? host : 'localhost';
}

export const entryId = (authority: string, eventId: string) => `tag:${authority},2026:commitment-event:${eventId}`;

/** SCREAMING_SNAKE as words: EVIDENCE_ADDED → "evidence added". For kinds no title is written for. */
const words = (kind: string) => kind.toLowerCase().replace(/_+/g, ' ').trim();

const followUpName = (e: FeedEventRow) => (e.followUpTitle ? `${e.followUpTitle}${e.dueDate ? ` (${e.dueDate})` : ''}` : e.commitmentTitle);

/** The fields an UPDATED event changed, as its details name them. */
function changedFields(details: Record<string, unknown> | null): string[] {
  if (!details) return [];
  if (details.followUpAdded) return ['follow-up added'];
  if (details.citation) return ['source cited'];
  return Object.keys(details).filter((k) => k !== 'version').map((k) => k.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());
}

/**
 * A human title, e.g. "Quarterly JWG meeting #2 (2026-07-07) is now OVERDUE". The kinds known when
 * this was written get their own sentence; any other kind (new ones are added as the model grows)
 * reads "<commitment>: <kind in words>", with the status it leads to when it carries one.
 */
export function entryTitle(e: FeedEventRow): string {
  switch (e.kind) {
    case 'STATUS_CHANGED':
      return `${followUpName(e)} is now ${e.status}`;
    case 'CREATED':
      return `New commitment: ${e.commitmentTitle}`;
    case 'PROGRESS_REPORTED': {
      const state = typeof e.details?.state === 'string' ? e.details.state : 'progress';
      const on = typeof e.details?.reportedOn === 'string' ? ` on ${e.details.reportedOn}` : '';
      return `${followUpName(e)}: reported ${state}${on}`;
    }
    case 'UPDATED': {
      const fields = changedFields(e.details);
      return `${e.commitmentTitle} was updated${fields.length ? ` (${fields.join(', ')})` : ''}`;
    }
    default:
      return `${e.followUpTitle ? followUpName(e) : e.commitmentTitle}: ${words(e.kind)}${e.status ? `, now ${e.status}` : ''}`;
  }
}

/** Names the commitment, its parties and its sources, and the status change if there was one. */
export function entrySummary(e: FeedEventRow): string {
  const parts: string[] = [];
  if (e.previousStatus && e.status) parts.push(`Status ${e.previousStatus} → ${e.status}.`);
  else if (e.status) parts.push(`Status ${e.status}.`);
  parts.push(`Commitment: ${e.commitmentTitle}.`);
  if (e.parties.length) parts.push(`Parties: ${e.parties.join(', ')}.`);
  if (e.sources.length) parts.push(`Sources: ${e.sources.map((s) => (s.publishedOn ? `${s.title} (${s.publishedOn})` : s.title)).join('; ')}.`);
  else parts.push('Sources: none cited yet.');
  parts.push(`Recorded by ${e.actor}.`);
  return parts.join(' ');
}

export function feedEntry(e: FeedEventRow, o: { authority: string; commitmentUrl: (globalId: string) => string }): FeedEntry {
  return {
    id: entryId(o.authority, e.id),
    title: entryTitle(e),
    url: o.commitmentUrl(toGlobalId('Commitment', e.commitmentId)),
    summary: entrySummary(e),
    updated: new Date(e.occurredAt),
    author: e.actor,
    kind: e.kind,
  };
}
