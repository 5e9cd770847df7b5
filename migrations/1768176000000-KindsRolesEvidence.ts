import { MigrationInterface, QueryRunner } from 'typeorm';

/** New tables an API read can see: each gets the data_version bump (see 1768089600000-DataVersion.ts). */
const NEW_READ_TABLES = ['engagement_party', 'engagement_source', 'evidence'];

const EVENT_KINDS_V1 = `'CREATED', 'UPDATED', 'PROGRESS_REPORTED', 'STATUS_CHANGED'`;
const EVENT_KINDS_V2 = `${EVENT_KINDS_V1}, 'EVIDENCE_ADDED', 'KIND_CHANGED', 'DEADLINE_MOVED', 'REPORT_CORRECTED'`;

/**
 * Version 2's model of who promised what and who says it happened:
 *
 * - commitment.kind (AGREEMENT, PLEDGE, REQUEST, INVITATION) and commitment_party.role (OBLIGOR,
 *   BENEFICIARY, HOST). Every existing party link was a responsible party, so it becomes an
 *   OBLIGOR; an existing commitment is a PLEDGE when it has one party and an AGREEMENT when it has
 *   several, the defaults createCommitment applies. The column default (AGREEMENT) only serves
 *   rows written by hand: the API and the seeder always say the kind.
 * - engagement_party and engagement_source: who met, and which sources report the meeting.
 *   Existing engagements get the parties of the people who took part and of their commitments,
 *   and every source cited on their commitments (any stance: an OMITS source still covers the
 *   meeting) as CONFIRMS.
 * - source.kind now says who speaks (OFFICIAL, STATE_MEDIA, ...), not the format (ARTICLE, ...):
 *   the old values say nothing about that, so every one becomes NULL (unknown) rather than a guess.
 *   source.affiliation_party_id: the party whose government or state speaks through the source.
 * - evidence: append-only like progress_report. Each existing report's source becomes its first
 *   piece of evidence, as CONFIRMS, recorded when the report was.
 * - follow_up.first_reported_on: the earliest effective report of any state (IN_PROGRESS
 *   included), cached by the same trigger as the closing facts, so followThrough's "unreported"
 *   stays an index-only count. follow_up_commitment_due_closed_idx carries it.
 * - source_citation_source_idx gains commitment_id, for Source.citedBy's pages.
 * - external_id on commitment, engagement and source: the key CSV imports match on.
 * - commitment_event.kind gains EVIDENCE_ADDED, KIND_CHANGED, DEADLINE_MOVED, REPORT_CORRECTED.
 */
export class KindsRolesEvidence1768176000000 implements MigrationInterface {
  name = 'KindsRolesEvidence1768176000000';

  async up(q: QueryRunner): Promise<void> {
    // Backfills and the index rebuild outlast the server's statement timeout on a big database.
    await q.query(`SET LOCAL statement_timeout = 0`);
    // The data_version bump is a deferred trigger, and Postgres refuses to ALTER a table with
    // trigger events pending: let the backfills' bumps run as they happen instead of at commit.
    await q.query(`SET CONSTRAINTS ALL IMMEDIATE`);
    await q.query(`
      ALTER TABLE commitment
        ADD COLUMN kind text NOT NULL DEFAULT 'AGREEMENT' CHECK (kind IN ('AGREEMENT', 'PLEDGE', 'REQUEST', 'INVITATION')),
        ADD COLUMN external_id text UNIQUE CHECK (length(external_id) BETWEEN 1 AND 200);
      UPDATE commitment c SET kind = 'PLEDGE'
       WHERE (SELECT count(*) FROM commitment_party cp WHERE cp.commitment_id = c.id) <= 1;

      ALTER TABLE commitment_party
        ADD COLUMN role text NOT NULL DEFAULT 'OBLIGOR' CHECK (role IN ('OBLIGOR', 'BENEFICIARY', 'HOST'));
      -- partyCodes filters and a party's followThrough look at obligors only.
      CREATE INDEX commitment_party_obligor_idx ON commitment_party (party_id, commitment_id) WHERE role = 'OBLIGOR';

      -- Source.citedBy pages a source's commitments in id order; the sourceId filter probes it too.
      DROP INDEX source_citation_source_idx;
      CREATE INDEX source_citation_source_idx ON source_citation (source_id, commitment_id);

      ALTER TABLE engagement ADD COLUMN external_id text UNIQUE CHECK (length(external_id) BETWEEN 1 AND 200);

      CREATE TABLE engagement_party (
        engagement_id bigint NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        party_id bigint NOT NULL REFERENCES party(id),
        PRIMARY KEY (engagement_id, party_id)
      );
      INSERT INTO engagement_party (engagement_id, party_id)
        SELECT ep.engagement_id, p.party_id FROM engagement_participant ep JOIN person p ON p.id = ep.person_id
        UNION
        SELECT c.engagement_id, cp.party_id FROM commitment c JOIN commitment_party cp ON cp.commitment_id = c.id WHERE c.engagement_id IS NOT NULL;

      CREATE TABLE engagement_source (
        engagement_id bigint NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        source_id bigint NOT NULL REFERENCES source(id),
        stance text NOT NULL CHECK (stance IN ('CONFIRMS', 'OMITS', 'CONTRADICTS')),
        note text CHECK (length(note) <= 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (engagement_id, source_id)
      );
      CREATE INDEX engagement_source_source_idx ON engagement_source (source_id);
      INSERT INTO engagement_source (engagement_id, source_id, stance)
        SELECT DISTINCT c.engagement_id, sc.source_id, 'CONFIRMS'
          FROM commitment c JOIN source_citation sc ON sc.commitment_id = c.id WHERE c.engagement_id IS NOT NULL;

      ALTER TABLE source DROP CONSTRAINT source_kind_check;
      ALTER TABLE source ALTER COLUMN kind DROP DEFAULT, ALTER COLUMN kind DROP NOT NULL;
      UPDATE source SET kind = NULL;
      ALTER TABLE source
        ADD CONSTRAINT source_kind_check CHECK (kind IN ('OFFICIAL', 'STATE_MEDIA', 'INDEPENDENT_MEDIA', 'RESEARCH', 'OTHER')),
        ADD COLUMN affiliation_party_id bigint REFERENCES party(id),
        ADD COLUMN external_id text UNIQUE CHECK (length(external_id) BETWEEN 1 AND 200);

      CREATE TABLE evidence (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        progress_report_id bigint NOT NULL REFERENCES progress_report(id),
        source_id bigint NOT NULL REFERENCES source(id),
        stance text NOT NULL CHECK (stance IN ('CONFIRMS', 'OMITS', 'CONTRADICTS')),
        note text CHECK (length(note) <= 2000),
        recorded_by text NOT NULL CHECK (length(recorded_by) BETWEEN 1 AND 200),
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX evidence_report_idx ON evidence (progress_report_id, id);
      CREATE INDEX evidence_source_idx ON evidence (source_id);
      INSERT INTO evidence (progress_report_id, source_id, stance, recorded_by, recorded_at)
        SELECT r.id, r.source_id, 'CONFIRMS', r.recorded_by, r.created_at FROM progress_report r WHERE r.source_id IS NOT NULL ORDER BY r.id;
      CREATE TRIGGER evidence_append_only BEFORE UPDATE OR DELETE ON evidence
        FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
      CREATE TRIGGER evidence_no_truncate BEFORE TRUNCATE ON evidence
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();

      ALTER TABLE commitment_event DROP CONSTRAINT commitment_event_kind_check;
      ALTER TABLE commitment_event ADD CONSTRAINT commitment_event_kind_check CHECK (kind IN (${EVENT_KINDS_V2}));

      ALTER TABLE follow_up ADD COLUMN first_reported_on date;
      CREATE OR REPLACE FUNCTION refresh_first_closed_on() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE follow_up f SET (first_closed_on, last_closed_on, last_closed_state, first_done_on, first_reported_on) = (
          SELECT min(r.reported_on) FILTER (WHERE r.state <> 'IN_PROGRESS'),
                 max(r.reported_on) FILTER (WHERE r.state <> 'IN_PROGRESS'),
                 (array_agg(r.state ORDER BY r.reported_on DESC, r.id DESC) FILTER (WHERE r.state <> 'IN_PROGRESS'))[1],
                 min(r.reported_on) FILTER (WHERE r.state = 'DONE'),
                 min(r.reported_on)
            FROM progress_report r
           WHERE r.follow_up_id = f.id
             AND NOT EXISTS (SELECT 1 FROM progress_report s WHERE s.supersedes_id = r.id)
        ) WHERE f.id = NEW.follow_up_id;
        RETURN NULL;
      END $$;
      DROP INDEX follow_up_commitment_due_closed_idx;
      UPDATE follow_up f SET first_reported_on = r.first_reported_on
        FROM (SELECT r.follow_up_id, min(r.reported_on) AS first_reported_on FROM progress_report r
               WHERE NOT EXISTS (SELECT 1 FROM progress_report s WHERE s.supersedes_id = r.id) GROUP BY r.follow_up_id) r
       WHERE f.id = r.follow_up_id;
      ALTER TABLE follow_up ADD CONSTRAINT follow_up_first_reported_check CHECK (first_reported_on <= first_closed_on);
      CREATE INDEX follow_up_commitment_due_closed_idx ON follow_up (commitment_id, due_date, id)
        INCLUDE (first_closed_on, last_closed_on, last_closed_state, first_done_on, first_reported_on);
    `);
    for (const table of NEW_READ_TABLES) {
      await q.query(`
        CREATE CONSTRAINT TRIGGER ${table}_bumps_data_version AFTER INSERT OR UPDATE OR DELETE ON ${table}
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version();
        CREATE TRIGGER ${table}_truncate_bumps_data_version AFTER TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`SET CONSTRAINTS ALL IMMEDIATE`);
    await q.query(`
      DROP INDEX follow_up_commitment_due_closed_idx;
      ALTER TABLE follow_up DROP CONSTRAINT follow_up_first_reported_check, DROP COLUMN first_reported_on;
      CREATE INDEX follow_up_commitment_due_closed_idx ON follow_up (commitment_id, due_date, id)
        INCLUDE (first_closed_on, last_closed_on, last_closed_state, first_done_on);
      CREATE OR REPLACE FUNCTION refresh_first_closed_on() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE follow_up f SET (first_closed_on, last_closed_on, last_closed_state, first_done_on) = (
          SELECT min(r.reported_on), max(r.reported_on),
                 (array_agg(r.state ORDER BY r.reported_on DESC, r.id DESC))[1],
                 min(r.reported_on) FILTER (WHERE r.state = 'DONE')
            FROM progress_report r
           WHERE r.follow_up_id = f.id AND r.state <> 'IN_PROGRESS'
             AND NOT EXISTS (SELECT 1 FROM progress_report s WHERE s.supersedes_id = r.id)
        ) WHERE f.id = NEW.follow_up_id;
        RETURN NULL;
      END $$;
      ALTER TABLE commitment_event DROP CONSTRAINT commitment_event_kind_check;
      ALTER TABLE commitment_event ADD CONSTRAINT commitment_event_kind_check CHECK (kind IN (${EVENT_KINDS_V1}));
      DROP TABLE evidence, engagement_source, engagement_party;
      ALTER TABLE source DROP CONSTRAINT source_kind_check, DROP COLUMN affiliation_party_id, DROP COLUMN external_id;
      UPDATE source SET kind = 'ARTICLE';
      ALTER TABLE source ALTER COLUMN kind SET DEFAULT 'ARTICLE', ALTER COLUMN kind SET NOT NULL,
        ADD CONSTRAINT source_kind_check CHECK (kind IN ('ARTICLE', 'PRESS_RELEASE', 'STATEMENT', 'OTHER'));
      ALTER TABLE engagement DROP COLUMN external_id;
      DROP INDEX commitment_party_obligor_idx;
      DROP INDEX source_citation_source_idx;
      CREATE INDEX source_citation_source_idx ON source_citation (source_id);
      ALTER TABLE commitment_party DROP COLUMN role;
      ALTER TABLE commitment DROP COLUMN kind, DROP COLUMN external_id;
    `);
  }
}
