/**
 * The generator's SQL. Postgres makes every row itself (INSERT … SELECT over generate_series), so
 * 100,000 commitments and a million follow-ups load in a couple of minutes without shipping rows
 * through Node. "Random" values come from pg_temp.rnd(key, salt), a hash of the row's key and the
 * seed: the same seed gives the same data whatever order or chunking Postgres uses.
 *
 * Every number interpolated here is an integer or a date checked by the caller.
 */

export interface Shape {
  commitments: number;
  seed: number;
  /** The data's "today": due dates and reports are spread around it. */
  today: string;
}

/** Recurring follow-ups exist through here, beyond today + HORIZON_DAYS, so the server never materializes more. */
export const MATERIALIZED_THROUGH = '2028-06-30';

export const PARTIES: [string, string][] = [
  ['PK', 'Pakistan'], ['CN', 'China'], ['AF', 'Afghanistan'], ['IR', 'Iran'], ['IN', 'India'], ['US', 'United States'],
  ['GB', 'United Kingdom'], ['RU', 'Russia'], ['SA', 'Saudi Arabia'], ['AE', 'United Arab Emirates'], ['TR', 'Türkiye'],
  ['QA', 'Qatar'], ['UZ', 'Uzbekistan'], ['KZ', 'Kazakhstan'], ['TJ', 'Tajikistan'], ['KG', 'Kyrgyzstan'],
  ['TM', 'Turkmenistan'], ['BD', 'Bangladesh'], ['LK', 'Sri Lanka'], ['NP', 'Nepal'], ['MV', 'Maldives'], ['MM', 'Myanmar'],
  ['TH', 'Thailand'], ['MY', 'Malaysia'], ['ID', 'Indonesia'], ['SG', 'Singapore'], ['VN', 'Viet Nam'], ['PH', 'Philippines'],
  ['JP', 'Japan'], ['KR', 'Republic of Korea'], ['MN', 'Mongolia'], ['EG', 'Egypt'], ['DE', 'Germany'], ['FR', 'France'],
  ['IT', 'Italy'], ['AZ', 'Azerbaijan'], ['OM', 'Oman'], ['KW', 'Kuwait'], ['BH', 'Bahrain'], ['JO', 'Jordan'],
];

export function engagementCount(s: Shape): number {
  return Math.max(10, Math.round(s.commitments / 25));
}

export function sourceCount(s: Shape): number {
  return Math.max(20, Math.round(s.commitments / 20));
}

export function setupSql(s: Shape): string {
  return `
    SET max_parallel_workers_per_gather = 0;
    SET synchronous_commit = off;
    CREATE FUNCTION pg_temp.rnd(k bigint, salt text) RETURNS double precision
      LANGUAGE sql IMMUTABLE AS
      $$ SELECT (hashtextextended(salt || ':' || k, ${s.seed}) & 9007199254740991)::double precision / 9007199254740992 $$;
    CREATE FUNCTION pg_temp.pick(k bigint, salt text, options text[]) RETURNS text
      LANGUAGE sql IMMUTABLE AS
      $$ SELECT options[1 + floor(pg_temp.rnd(k, salt) * array_length(options, 1))::int] $$;`;
}

export function partiesSql(): string {
  const values = PARTIES.map(([code, name], i) => `(${i + 1}, '${code}', '${name.replace(/'/g, "''")}')`).join(', ');
  return `INSERT INTO party (id, code, name) OVERRIDING SYSTEM VALUE VALUES ${values}`;
}

export function engagementsSql(s: Shape): string {
  return `
    INSERT INTO engagement (id, title, held_on, location, summary) OVERRIDING SYSTEM VALUE
    SELECT g,
           'Round ' || g || ' of talks on ' || pg_temp.pick(g, 'topic', ARRAY['security cooperation', 'counter-terrorism',
             'trade and transit', 'energy corridors', 'cyber crime', 'border management', 'maritime security',
             'water resources', 'public health', 'education exchanges']),
           DATE '2023-01-01' + floor(pg_temp.rnd(g, 'held') * (DATE '${s.today}' - DATE '2023-01-01' + 90))::int,
           pg_temp.pick(g, 'loc', ARRAY['Islamabad', 'Beijing', 'Kabul', 'Tehran', 'Tashkent', 'Doha', 'Riyadh',
             'Dushanbe', 'Ankara', 'Urumqi']),
           CASE WHEN pg_temp.rnd(g, 'sum') < 0.5 THEN 'Delegations met and agreed a joint statement.' END
      FROM generate_series(1, ${engagementCount(s)}) g`;
}

export function sourcesSql(s: Shape): string {
  return `
    INSERT INTO source (id, title, outlet, url, published_on, kind, affiliation_party_id) OVERRIDING SYSTEM VALUE
    SELECT g,
           'Report ' || g || ': ' || pg_temp.pick(g, 'st', ARRAY['talks conclude', 'joint statement issued',
             'ministers review progress', 'working group meets', 'agreement signed', 'officials brief press']),
           pg_temp.pick(g, 'outlet', ARRAY['Dawn', 'Xinhua', 'The Express Tribune', 'Global Times', 'APP', 'Reuters',
             'Geo News', 'The News', 'CGTN', 'Ministry of Foreign Affairs', 'AP', 'Al Jazeera']),
           'https://news.example/articles/' || g,
           DATE '2023-01-01' + floor(pg_temp.rnd(g, 'pub') * (DATE '${s.today}' - DATE '2023-01-01'))::int,
           k.kind,
           -- Official sources and state media speak for a party; the others for none.
           CASE WHEN k.kind IN ('OFFICIAL', 'STATE_MEDIA') THEN 1 + floor(pg_temp.rnd(g, 'aff') * ${PARTIES.length})::int END
      FROM generate_series(1, ${sourceCount(s)}) g
      CROSS JOIN LATERAL (SELECT pg_temp.pick(g, 'kind', ARRAY['INDEPENDENT_MEDIA', 'INDEPENDENT_MEDIA', 'STATE_MEDIA', 'OFFICIAL', 'RESEARCH']) AS kind) k`;
}

/** A quarter recur (monthly, quarterly, a few weekly); starts fall on day 1–28 so RRULE and SQL agree. */
export function commitmentsSql(s: Shape): string {
  return `
    INSERT INTO commitment (id, title, description, engagement_id, recurrence, starts_on, materialized_through)
    OVERRIDING SYSTEM VALUE
    SELECT g,
           pg_temp.pick(g, 'verb', ARRAY['Establish', 'Expand', 'Review', 'Fund', 'Train', 'Deploy', 'Share', 'Upgrade',
             'Hold', 'Publish']) || ' ' ||
           pg_temp.pick(g, 'obj', ARRAY['a joint working group', 'security for project sites', 'cyber crime capacity',
             'border crossing points', 'intelligence exchanges', 'a special protection unit', 'port facilities',
             'counter-narcotics teams', 'a hotline between ministries', 'police training']) || ' (' || g || ')',
           CASE WHEN pg_temp.rnd(g, 'desc') < 0.6 THEN 'Agreed at the talks; both sides to report progress.' END,
           CASE WHEN pg_temp.rnd(g, 'eng') < 0.9 THEN 1 + floor(pg_temp.rnd(g, 'engid') * ${engagementCount(s)})::int END,
           rec.rule,
           CASE WHEN rec.rule IS NOT NULL THEN date_trunc('month', d.day)::date + (least(extract(day FROM d.day)::int, 28) - 1) END,
           CASE WHEN rec.rule IS NOT NULL THEN DATE '${MATERIALIZED_THROUGH}' END
      FROM generate_series(1, ${s.commitments}) g
      CROSS JOIN LATERAL (SELECT DATE '2024-01-01' + floor(pg_temp.rnd(g, 'start') * 880)::int AS day) d
      CROSS JOIN LATERAL (SELECT CASE WHEN pg_temp.rnd(g, 'rec') < 0.25 THEN
               CASE WHEN pg_temp.rnd(g, 'freq') < 0.65 THEN 'FREQ=MONTHLY'
                    WHEN pg_temp.rnd(g, 'freq') < 0.95 THEN 'FREQ=MONTHLY;INTERVAL=3'
                    ELSE 'FREQ=WEEKLY' END END AS rule) rec`;
}

/** One to three responsible parties each, skewed so that PK and CN take part in about a quarter. */
export function commitmentPartiesSql(s: Shape): string {
  return `
    INSERT INTO commitment_party (commitment_id, party_id)
    SELECT DISTINCT g, 1 + floor(power(pg_temp.rnd(g * 4 + k, 'party'), 1.8) * ${PARTIES.length})::int
      FROM generate_series(1, ${s.commitments}) g
      CROSS JOIN LATERAL generate_series(1, CASE WHEN pg_temp.rnd(g, 'np') < 0.2 THEN 1
                                                 WHEN pg_temp.rnd(g, 'np') < 0.9 THEN 2 ELSE 3 END) k`;
}

/** A commitment with one obligor is its PLEDGE, with several their AGREEMENT (the column's default), as createCommitment decides. */
export function commitmentKindsSql(): string {
  return `
    UPDATE commitment c SET kind = 'PLEDGE'
      FROM (SELECT commitment_id FROM commitment_party GROUP BY commitment_id HAVING count(*) = 1) one
     WHERE c.id = one.commitment_id`;
}

/** An engagement's parties: those of the commitments made there. */
export function engagementPartiesSql(): string {
  return `
    INSERT INTO engagement_party (engagement_id, party_id)
    SELECT DISTINCT c.engagement_id, cp.party_id FROM commitment c JOIN commitment_party cp ON cp.commitment_id = c.id
     WHERE c.engagement_id IS NOT NULL`;
}

export function citationsSql(s: Shape): string {
  return `
    INSERT INTO source_citation (commitment_id, source_id, stance)
    SELECT g, 1 + floor(pg_temp.rnd(g * 4 + k, 'src') * ${sourceCount(s)})::int,
           CASE WHEN pg_temp.rnd(g * 4 + k, 'stance') < 0.85 THEN 'CONFIRMS'
                WHEN pg_temp.rnd(g * 4 + k, 'stance') < 0.95 THEN 'OMITS' ELSE 'CONTRADICTS' END
      FROM generate_series(1, ${s.commitments}) g
      CROSS JOIN LATERAL generate_series(1, 1 + floor(pg_temp.rnd(g, 'ns') * 3)::int) k
    ON CONFLICT DO NOTHING`;
}

export function createdEventsSql(): string {
  return `
    INSERT INTO commitment_event (commitment_id, kind, actor, occurred_at, details)
    SELECT id, 'CREATED', 'bench-generator', created_at, jsonb_build_object('title', title) FROM commitment ORDER BY id`;
}

/** One-off commitments: one to three dated milestones between 2024 and mid-2028; one in twenty undated. */
export function oneOffFollowUpsSql(lo: number, hi: number): string {
  return `
    INSERT INTO follow_up (commitment_id, title, due_date)
    SELECT c.id, 'Milestone ' || k || ': ' || c.title,
           CASE WHEN pg_temp.rnd(c.id, 'undated') >= 0.05 THEN DATE '2024-01-01' + floor(pg_temp.rnd(c.id * 4 + k, 'due') * 1640)::int END
      FROM commitment c
      CROSS JOIN LATERAL generate_series(1, CASE WHEN pg_temp.rnd(c.id, 'undated') < 0.05 THEN 1
                                                 ELSE 1 + floor(pg_temp.rnd(c.id, 'nfu') * 3)::int END) k
     WHERE c.recurrence IS NULL AND c.id BETWEEN ${lo} AND ${hi}
     ORDER BY c.id, k`;
}

/** Recurring commitments: every occurrence through MATERIALIZED_THROUGH, numbered and titled as the server's materializer does. */
export function recurringFollowUpsSql(lo: number, hi: number): string {
  return `
    INSERT INTO follow_up (commitment_id, title, due_date, occurrence)
    SELECT c.id, c.title || ' #' || o.ord || ' (' || to_char(o.due, 'YYYY-MM-DD') || ')', o.due::date, (o.ord - 1)::int
      FROM commitment c
      CROSS JOIN LATERAL generate_series(c.starts_on, c.materialized_through,
        CASE c.recurrence WHEN 'FREQ=MONTHLY' THEN interval '1 month'
                          WHEN 'FREQ=MONTHLY;INTERVAL=3' THEN interval '3 months' ELSE interval '7 days' END)
        WITH ORDINALITY AS o(due, ord)
     WHERE c.recurrence IS NOT NULL AND c.id BETWEEN ${lo} AND ${hi}
     ORDER BY c.id, o.ord`;
}

/**
 * Reports for follow-ups lo..hi. Three in ten commitments are "kept": nearly every past follow-up
 * closed. The rest close under half their past follow-ups, so about half the commitments are
 * OVERDUE today. Three in ten follow-ups near or before today get an IN_PROGRESS note first.
 */
export function reportsSql(s: Shape, lo: number, hi: number): string {
  const today = `DATE '${s.today}'`;
  return `
    INSERT INTO progress_report (follow_up_id, state, reported_on, note, source_id, recorded_by)
    SELECT follow_up_id, state, reported_on, note, source_id, 'bench-generator' FROM (
      SELECT f.id AS follow_up_id, 'IN_PROGRESS' AS state,
             least(${today} - 1, f.due_date - 1 - floor(pg_temp.rnd(f.id, 'iplag') * 30)::int) AS reported_on,
             CASE WHEN pg_temp.rnd(f.id, 'ipnote') < 0.3 THEN 'Work under way.' END AS note, NULL::bigint AS source_id
        FROM follow_up f
       WHERE f.id BETWEEN ${lo} AND ${hi} AND f.due_date < ${today} + 90 AND pg_temp.rnd(f.id, 'ip') < 0.3
      UNION ALL
      SELECT f.id,
             CASE WHEN f.due_date >= ${today} THEN 'DONE'
                  WHEN k.kept THEN CASE WHEN pg_temp.rnd(f.id, 'state') < 0.9 THEN 'DONE'
                                        WHEN pg_temp.rnd(f.id, 'state') < 0.97 THEN 'CANCELLED' ELSE 'MISSED' END
                  ELSE CASE WHEN pg_temp.rnd(f.id, 'state') < 0.6 THEN 'DONE'
                            WHEN pg_temp.rnd(f.id, 'state') < 0.9 THEN 'MISSED' ELSE 'CANCELLED' END END,
             CASE WHEN f.due_date >= ${today} THEN ${today} - 1 - floor(pg_temp.rnd(f.id, 'early') * 60)::int
                  ELSE least(${today} - 1, f.due_date - 15 + floor(pg_temp.rnd(f.id, 'lag') * 45)::int) END,
             CASE WHEN pg_temp.rnd(f.id, 'note') < 0.2 THEN 'Confirmed by officials.' END,
             CASE WHEN pg_temp.rnd(f.id, 'rsrc') < 0.5 THEN 1 + floor(pg_temp.rnd(f.id, 'rsrcid') * ${sourceCount(s)})::int END
        FROM follow_up f
        CROSS JOIN LATERAL (SELECT pg_temp.rnd(f.commitment_id, 'kept') < 0.3 AS kept) k
       WHERE f.id BETWEEN ${lo} AND ${hi}
         AND pg_temp.rnd(f.id, 'close') < CASE WHEN f.due_date < ${today} THEN CASE WHEN k.kept THEN 0.97 ELSE 0.45 END
                                                WHEN f.due_date < ${today} + 120 THEN 0.03 ELSE 0 END
    ) r
    ORDER BY follow_up_id, reported_on, state = 'IN_PROGRESS' DESC`;
}

/** One closing report in a hundred is corrected two days later; the original then no longer counts. */
export function correctionsSql(s: Shape, lo: number, hi: number): string {
  return `
    INSERT INTO progress_report (follow_up_id, state, reported_on, note, supersedes_id, recorded_by)
    SELECT r.follow_up_id, r.state, least(DATE '${s.today}' - 1, r.reported_on + 2), 'Corrected date.', r.id, 'bench-generator'
      FROM progress_report r
     WHERE r.follow_up_id BETWEEN ${lo} AND ${hi} AND r.state <> 'IN_PROGRESS' AND pg_temp.rnd(r.follow_up_id, 'fix') < 0.01
     ORDER BY r.id`;
}

/** Each report's source as its first piece of evidence, as reportProgress records it. */
export function evidenceSql(lo: number, hi: number): string {
  return `
    INSERT INTO evidence (progress_report_id, source_id, stance, recorded_by, recorded_at)
    SELECT r.id, r.source_id, 'CONFIRMS', r.recorded_by, r.created_at FROM progress_report r
     WHERE r.follow_up_id BETWEEN ${lo} AND ${hi} AND r.source_id IS NOT NULL ORDER BY r.id`;
}

/**
 * What the row trigger would have kept (first_closed_on and the other report facts, by the
 * trigger's own rule), computed once for the range: the trigger is off during the load.
 */
export function firstClosedOnSql(lo: number, hi: number): string {
  return `
    UPDATE follow_up f SET first_closed_on = c.first_closed_on, last_closed_on = c.last_closed_on,
                           last_closed_state = c.last_closed_state, first_done_on = c.first_done_on, first_reported_on = c.first_reported_on
      FROM (SELECT r.follow_up_id, min(r.reported_on) FILTER (WHERE r.state <> 'IN_PROGRESS') AS first_closed_on,
                   max(r.reported_on) FILTER (WHERE r.state <> 'IN_PROGRESS') AS last_closed_on,
                   (array_agg(r.state ORDER BY r.reported_on DESC, r.id DESC) FILTER (WHERE r.state <> 'IN_PROGRESS'))[1] AS last_closed_state,
                   min(r.reported_on) FILTER (WHERE r.state = 'DONE') AS first_done_on,
                   min(r.reported_on) AS first_reported_on
              FROM progress_report r
             WHERE r.follow_up_id BETWEEN ${lo} AND ${hi}
               AND NOT EXISTS (SELECT 1 FROM progress_report s WHERE s.supersedes_id = r.id)
             GROUP BY r.follow_up_id) c
     WHERE f.id = c.follow_up_id`;
}

export function finishSql(s: Shape): string {
  return `
    SELECT setval(pg_get_serial_sequence('party', 'id'), (SELECT max(id) FROM party));
    SELECT setval(pg_get_serial_sequence('engagement', 'id'), (SELECT max(id) FROM engagement));
    SELECT setval(pg_get_serial_sequence('source', 'id'), (SELECT max(id) FROM source));
    SELECT setval(pg_get_serial_sequence('commitment', 'id'), (SELECT max(id) FROM commitment));
    CREATE SCHEMA bench;
    COMMENT ON SCHEMA bench IS 'Written by bench/data/generate.ts; the server never reads it.';
    CREATE TABLE bench.meta (commitments int NOT NULL, seed int NOT NULL, today date NOT NULL,
                             generated_at timestamptz NOT NULL DEFAULT now());
    INSERT INTO bench.meta (commitments, seed, today) VALUES (${s.commitments}, ${s.seed}, DATE '${s.today}');`;
}
