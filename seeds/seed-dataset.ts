import type { CommitmentKind, PartyRole } from '../src/domain/commitment-kinds';
import type { CalendarDate } from '../src/domain/dates';
import type { SourceStance } from '../src/sources/source-citation.entity';
import type { SourceKind } from '../src/sources/source.entity';

/**
 * The shape of a dataset the seeder loads. Records refer to each other by keys of the dataset's
 * own maps (type parameters), so a misspelt reference fails to compile rather than at seed time.
 * Every field that a source does not state is null: the seed data never guesses.
 */

export interface PartySeed {
  name: string;
}

export interface InstitutionSeed<P extends string = string> {
  party: P;
  name: string;
  acronym: string | null;
}

export interface PersonSeed<P extends string = string, I extends string = string> {
  party: P;
  name: string;
  institution: I | null;
  /** The title as the reports give it. */
  title: string | null;
}

export interface ParticipantSeed<H extends string = string> {
  person: H;
  role: string | null;
}

export interface EngagementSeed<P extends string = string, H extends string = string, S extends string = string> {
  /** The key a CSV import matches on; the seeder matches on it too. */
  externalId: string;
  title: string;
  heldOn: CalendarDate | null;
  location: string | null;
  summary: string | null;
  /** The parties that met. */
  parties: P[];
  participants: ParticipantSeed<H>[];
  /** The sources that report the meeting. */
  sources: CitationSeed<S>[];
}

export interface SourceSeed<P extends string = string> {
  externalId: string;
  title: string;
  outlet: string | null;
  url: string | null;
  publishedOn: CalendarDate | null;
  /** Who speaks through it; null where the articles do not say. */
  kind: SourceKind | null;
  /** The party whose government or state speaks through it; null when independent or unknown. */
  affiliation: P | null;
}

export interface CitationSeed<S extends string = string> {
  source: S;
  stance: SourceStance;
  note: string | null;
}

/** A one-off promise: one follow-up, due on a date or (when no source gives one) undated. */
export interface OneOffSchedule {
  kind: 'once';
  followUpTitle: string;
  dueDate: CalendarDate | null;
}

/**
 * A repeating promise. `countedFrom` is the date the sources give (the day it was agreed); the
 * first follow-up falls one interval after it, because agreeing at a meeting to meet "every three
 * months" promises the next meeting three months on, not a second one that same day.
 */
export interface RecurringSchedule {
  kind: 'recurring';
  rule: string;
  countedFrom: CalendarDate;
}

export interface CommitmentPartySeed<P extends string = string> {
  party: P;
  role: PartyRole;
}

export interface CommitmentSeed<P extends string = string, E extends string = string, S extends string = string> {
  externalId: string;
  title: string;
  description: string;
  engagement: E;
  kind: CommitmentKind;
  /** Each party once, with its role; the OBLIGORs are the responsible parties. */
  parties: CommitmentPartySeed<P>[];
  schedule: OneOffSchedule | RecurringSchedule;
  citations: CitationSeed<S>[];
}

export interface SeedDataset<
  P extends string = string,
  I extends string = string,
  H extends string = string,
  E extends string = string,
  S extends string = string,
> {
  parties: Record<P, PartySeed>;
  institutions: Record<I, InstitutionSeed<P>>;
  people: Record<H, PersonSeed<P, I>>;
  engagements: Record<E, EngagementSeed<P, H, S>>;
  sources: Record<S, SourceSeed<P>>;
  commitments: CommitmentSeed<P, E, S>[];
}
