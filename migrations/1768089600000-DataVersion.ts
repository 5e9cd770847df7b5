import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table an API read can see; api_key is left out because only authenticated reads see it, and those are never cached. */
const READ_TABLES = [
  'party', 'institution', 'person', 'engagement', 'engagement_participant', 'source', 'commitment',
  'commitment_party', 'source_citation', 'follow_up', 'progress_report', 'commitment_event',
];

/**
 * data_version: a number that rises with every committed transaction that changes what a read
 * can see, however it was written (the API, the seeder, the scheduler, plain SQL). The response
 * cache keys its entries by it (src/response-cache), so an answer is reused only while the data
 * it came from is unchanged.
 *
 * The bump is a deferred constraint trigger, so it runs at commit: the single row is locked only
 * for the last instant of a writing transaction, after every other lock it takes, which keeps
 * writers from queueing on it and cannot close a deadlock cycle. A transaction bumps once,
 * however many rows it writes (a transaction-local setting remembers it did). TRUNCATE cannot
 * fire a constraint trigger; a statement trigger covers it, at once rather than at commit.
 */
export class DataVersion1768089600000 implements MigrationInterface {
  name = 'DataVersion1768089600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE data_version (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version bigint NOT NULL
      );
      INSERT INTO data_version (version) VALUES (1);

      CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('tracker.data_version_bumped', true) IS DISTINCT FROM txid_current()::text THEN
          UPDATE data_version SET version = version + 1;
          PERFORM set_config('tracker.data_version_bumped', txid_current()::text, true);
        END IF;
        RETURN NULL;
      END $$;
    `);
    for (const table of READ_TABLES) {
      await q.query(`
        CREATE CONSTRAINT TRIGGER ${table}_bumps_data_version AFTER INSERT OR UPDATE OR DELETE ON ${table}
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version();
        CREATE TRIGGER ${table}_truncate_bumps_data_version AFTER TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of READ_TABLES) {
      await q.query(`
        DROP TRIGGER ${table}_bumps_data_version ON ${table};
        DROP TRIGGER ${table}_truncate_bumps_data_version ON ${table};
      `);
    }
    await q.query(`DROP FUNCTION bump_data_version(); DROP TABLE data_version;`);
  }
}
