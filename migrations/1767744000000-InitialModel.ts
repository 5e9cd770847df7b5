import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole first model. Status is not a column anywhere: follow_up.first_closed_on is a cache
 * of report dates (kept by trigger) that makes "open as of D" indexable.
 */
export class InitialModel1767744000000 implements MigrationInterface {
  name = 'InitialModel1767744000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE party (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z]{2}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200)
      );

      CREATE TABLE institution (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        party_id bigint NOT NULL REFERENCES party(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        acronym text CHECK (length(acronym) BETWEEN 1 AND 30),
        UNIQUE (party_id, name)
      );

      CREATE TABLE person (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        party_id bigint NOT NULL REFERENCES party(id),
        institution_id bigint REFERENCES institution(id),
        title text CHECK (length(title) BETWEEN 1 AND 300),
        UNIQUE (party_id, name)
      );
      CREATE INDEX person_institution_idx ON person (institution_id);

      CREATE TABLE engagement (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        held_on date,
        location text CHECK (length(location) BETWEEN 1 AND 300),
        summary text CHECK (length(summary) <= 5000),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX engagement_held_on_idx ON engagement (held_on, id);

      CREATE TABLE engagement_participant (
        engagement_id bigint NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        person_id bigint NOT NULL REFERENCES person(id),
        role text CHECK (length(role) BETWEEN 1 AND 300),
        PRIMARY KEY (engagement_id, person_id)
      );
      CREATE INDEX engagement_participant_person_idx ON engagement_participant (person_id);

      CREATE TABLE source (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
        outlet text CHECK (length(outlet) BETWEEN 1 AND 200),
        url text CHECK (url ~ '^https?://[^\\s]+$' AND length(url) <= 2000),
        published_on date,
        kind text NOT NULL DEFAULT 'ARTICLE' CHECK (kind IN ('ARTICLE', 'PRESS_RELEASE', 'STATEMENT', 'OTHER')),
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE commitment (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        description text CHECK (length(description) <= 5000),
        engagement_id bigint REFERENCES engagement(id),
        recurrence text CHECK (length(recurrence) BETWEEN 1 AND 500),
        starts_on date,
        materialized_through date,
        version int NOT NULL DEFAULT 1 CHECK (version >= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((recurrence IS NULL) = (starts_on IS NULL)),
        CHECK (materialized_through IS NULL OR recurrence IS NOT NULL)
      );
      CREATE INDEX commitment_engagement_idx ON commitment (engagement_id, id);

      CREATE TABLE commitment_party (
        commitment_id bigint NOT NULL REFERENCES commitment(id) ON DELETE CASCADE,
        party_id bigint NOT NULL REFERENCES party(id),
        PRIMARY KEY (commitment_id, party_id)
      );
      CREATE INDEX commitment_party_party_idx ON commitment_party (party_id, commitment_id);

      CREATE TABLE source_citation (
        commitment_id bigint NOT NULL REFERENCES commitment(id) ON DELETE CASCADE,
        source_id bigint NOT NULL REFERENCES source(id),
        stance text NOT NULL CHECK (stance IN ('CONFIRMS', 'OMITS', 'CONTRADICTS')),
        note text CHECK (length(note) <= 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (commitment_id, source_id)
      );
      CREATE INDEX source_citation_source_idx ON source_citation (source_id);

      CREATE TABLE follow_up (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        commitment_id bigint NOT NULL REFERENCES commitment(id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        due_date date,
        occurrence int CHECK (occurrence >= 0),
        first_closed_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (commitment_id, occurrence)
      );
      -- Lists ordered by due date (none last), then id; and per-commitment aggregates.
      CREATE INDEX follow_up_due_idx ON follow_up (due_date, id);
      CREATE INDEX follow_up_commitment_due_idx ON follow_up (commitment_id, due_date, id);
      -- The never-closed follow-ups: the usual answer to "what is open".
      CREATE INDEX follow_up_never_closed_due_idx ON follow_up (due_date, id) WHERE first_closed_on IS NULL;

      CREATE TABLE progress_report (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        follow_up_id bigint NOT NULL REFERENCES follow_up(id),
        state text NOT NULL CHECK (state IN ('IN_PROGRESS', 'DONE', 'MISSED', 'CANCELLED')),
        reported_on date NOT NULL,
        note text CHECK (length(note) <= 5000),
        source_id bigint REFERENCES source(id),
        supersedes_id bigint UNIQUE REFERENCES progress_report(id),
        recorded_by text NOT NULL CHECK (length(recorded_by) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX progress_report_follow_up_idx ON progress_report (follow_up_id, reported_on, id);
      CREATE INDEX progress_report_source_idx ON progress_report (source_id) WHERE source_id IS NOT NULL;

      CREATE TABLE commitment_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        commitment_id bigint NOT NULL REFERENCES commitment(id),
        follow_up_id bigint REFERENCES follow_up(id),
        kind text NOT NULL CHECK (kind IN ('CREATED', 'UPDATED', 'PROGRESS_REPORTED', 'STATUS_CHANGED')),
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
        previous_status text CHECK (previous_status IN ('UNDATED','SCHEDULED','DUE_SOON','OVERDUE','DONE','MISSED','CANCELLED')),
        status text CHECK (status IN ('UNDATED','SCHEDULED','DUE_SOON','OVERDUE','DONE','MISSED','CANCELLED')),
        details jsonb,
        CHECK (kind <> 'STATUS_CHANGED' OR (follow_up_id IS NOT NULL AND status IS NOT NULL))
      );
      CREATE INDEX commitment_event_commitment_idx ON commitment_event (commitment_id, id);

      CREATE TABLE api_key (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
        role text NOT NULL CHECK (role IN ('EDITOR', 'ADMIN')),
        key_hash bytea NOT NULL UNIQUE CHECK (length(key_hash) = 32),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      );

      -- History and reports are facts: nobody, not even the application, may rewrite them.
      CREATE FUNCTION refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
      END $$;
      CREATE TRIGGER commitment_event_append_only BEFORE UPDATE OR DELETE ON commitment_event
        FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
      CREATE TRIGGER commitment_event_no_truncate BEFORE TRUNCATE ON commitment_event
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();
      CREATE TRIGGER progress_report_append_only BEFORE UPDATE OR DELETE ON progress_report
        FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
      CREATE TRIGGER progress_report_no_truncate BEFORE TRUNCATE ON progress_report
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();

      -- Keeps follow_up.first_closed_on equal to the earliest effective closing report's date.
      CREATE FUNCTION refresh_first_closed_on() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE follow_up f SET first_closed_on = (
          SELECT min(r.reported_on) FROM progress_report r
          WHERE r.follow_up_id = f.id AND r.state <> 'IN_PROGRESS'
            AND NOT EXISTS (SELECT 1 FROM progress_report s WHERE s.supersedes_id = r.id)
        ) WHERE f.id = NEW.follow_up_id;
        RETURN NULL;
      END $$;
      CREATE TRIGGER progress_report_refresh_first_closed_on AFTER INSERT ON progress_report
        FOR EACH ROW EXECUTE FUNCTION refresh_first_closed_on();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE api_key, commitment_event, progress_report, follow_up, source_citation, commitment_party,
        commitment, source, engagement_participant, engagement, person, institution, party;
      DROP FUNCTION refresh_first_closed_on();
      DROP FUNCTION refuse_rewrite();
    `);
  }
}
