import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What TypeORM cannot generate for the cadre side of the 2030 targets:
 * - `cadre_facts(...)`: per cadre and year, the facts every cadre-based target counts (the SQL
 *   that `targets` ran on every request, now in one place for `targets`, `targetRecords` and the
 *   backfill below). An inlinable SQL function: the planner sees through it.
 * - `cadre_fact_tally`: those facts counted per rule set, unit and year (units with cadres only),
 *   and `cadre_fact_coverage`: which rule sets are counted for which years. The rule set is part
 *   of the key because the facts depend on the default standards and the age limit of
 *   `data/quality-rules.json`; `cadre_fact_rules_key` names it from the values themselves.
 * - `cadre_fact_dirty`: units whose counters may be out of date. Statement-level triggers on every
 *   table the facts read append the affected units (insert-only: writers never wait on each other
 *   or on a reader), and `cadre_fact_tally_refresh` recounts the marked units on read.
 * Facts depend on the year and on dated rules, never on today's date: a new year (or rule set) is
 * one full recount, on its first read.
 */
export class CadreFactTally1796159822608 implements MigrationInterface {
  name = 'CadreFactTally1796159822608';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION cadre_facts(
         p_from integer, p_to integer, p_scope_path text, p_units uuid[], p_young_under integer,
         p_mgr_qualification qualification, p_mgr_political_theory political_theory, p_mgr_training training_category[],
         p_staff_qualification qualification, p_staff_political_theory political_theory, p_staff_training training_category[])
       RETURNS TABLE (y integer, id uuid, full_name text, unit_id uuid, mgr boolean, female boolean, postgrad boolean, rating rating,
                      young boolean, meets_standard boolean, integrity boolean, governance_ok boolean, reception_ok boolean, software_ok boolean)
       LANGUAGE sql STABLE AS $fn$
       WITH yrs AS (SELECT generate_series(p_from, p_to) AS y),
       sc AS (
         SELECT c.id, c.full_name, c.unit_id, p.is_management AS mgr, c.date_of_birth, c.employed_from, c.employment_ended_on,
                c.gender = 'FEMALE' AS female, c.qualification >= 'MASTER' AS postgrad,
                c.qualification >= coalesce(ps.min_qualification, CASE WHEN p.is_management THEN p_mgr_qualification ELSE p_staff_qualification END)
                  AND c.political_theory >= coalesce(ps.min_political_theory, CASE WHEN p.is_management THEN p_mgr_political_theory ELSE p_staff_political_theory END) AS levels_ok,
                coalesce(ps.required_training, CASE WHEN p.is_management THEN p_mgr_training ELSE p_staff_training END) AS req
         FROM cadre c JOIN post p ON p.id = c.post_id
         LEFT JOIN post_standard ps ON ps.post_id = c.post_id
         -- Scopes as id arrays: the planner then probes cadre_unit_id_idx for a ward instead of scanning every cadre.
         WHERE (p_scope_path IS NULL OR c.unit_id = ANY(ARRAY(SELECT u.id FROM unit u WHERE u.path LIKE p_scope_path || '%')))
           AND (p_units IS NULL OR c.unit_id = ANY(p_units))),
       -- Per cadre, once: the first year each category was passed (the term's courses count from 2025), and the years of citizen-reception training.
       att AS (
         SELECT a.cadre_id,
                min(a.year) FILTER (WHERE a.category = 'POLITICAL_THEORY') AS first_political_theory,
                min(a.year) FILTER (WHERE a.category = 'LEADERSHIP_GOVERNANCE') AS first_leadership_governance,
                min(a.year) FILTER (WHERE a.category = 'DIGITAL_ADMINISTRATION') AS first_digital_administration,
                min(a.year) FILTER (WHERE a.category = 'CITIZEN_RECEPTION') AS first_citizen_reception,
                min(a.year) FILTER (WHERE a.category = 'ADMIN_SOFTWARE') AS first_admin_software,
                min(a.year) FILTER (WHERE a.category = 'PROFESSIONAL') AS first_professional,
                min(a.year) FILTER (WHERE a.category = 'LEADERSHIP_GOVERNANCE' AND a.year >= 2025) AS gov,
                min(a.year) FILTER (WHERE a.category = 'DIGITAL_ADMINISTRATION' AND a.year >= 2025) AS dig,
                min(a.year) FILTER (WHERE a.category = 'ADMIN_SOFTWARE' AND a.year >= 2025) AS sw,
                array_agg(a.year) FILTER (WHERE a.category = 'CITIZEN_RECEPTION') AS rec
         FROM training_attendance a JOIN sc ON sc.id = a.cadre_id WHERE a.result = 'PASSED' GROUP BY a.cadre_id),
       disc AS (
         SELECT d.cadre_id, array_agg(extract(year FROM d.decision_date)::int) AS years
         FROM discipline_case d JOIN sc ON sc.id = d.cadre_id WHERE d.status = 'FINAL' GROUP BY d.cadre_id)
       SELECT y.y, c.id, c.full_name, c.unit_id, c.mgr, c.female, c.postgrad, e.rating,
         date_part('year', age(make_date(y.y, 12, 31), c.date_of_birth)) < p_young_under AS young,
         c.levels_ok AND NOT EXISTS (SELECT 1 FROM unnest(c.req) r(cat) WHERE coalesce(CASE r.cat WHEN 'POLITICAL_THEORY' THEN t.first_political_theory WHEN 'LEADERSHIP_GOVERNANCE' THEN t.first_leadership_governance WHEN 'DIGITAL_ADMINISTRATION' THEN t.first_digital_administration WHEN 'CITIZEN_RECEPTION' THEN t.first_citizen_reception WHEN 'ADMIN_SOFTWARE' THEN t.first_admin_software WHEN 'PROFESSIONAL' THEN t.first_professional END, 10000) > y.y) AS meets_standard,
         NOT (y.y = ANY(coalesce(dc.years, '{}'))) AND ae.rating IS DISTINCT FROM 'POOR' AND e.rating IS DISTINCT FROM 'NOT_COMPLETED' AS integrity,
         coalesce(t.gov <= y.y AND t.dig <= y.y, false) AS governance_ok,
         coalesce(y.y = ANY(t.rec), false) AS reception_ok,
         coalesce(t.sw <= y.y, false) AS software_ok
       FROM yrs y CROSS JOIN sc c
       LEFT JOIN att t ON t.cadre_id = c.id
       LEFT JOIN disc dc ON dc.cadre_id = c.id
       LEFT JOIN evaluation e ON e.cadre_id = c.id AND e.year = y.y
       LEFT JOIN attitude_evaluation ae ON ae.cadre_id = c.id AND ae.year = y.y
       -- Employed in the ward at some time in the year.
       WHERE (c.employed_from IS NULL OR c.employed_from <= make_date(y.y, 12, 31)) AND (c.employment_ended_on IS NULL OR c.employment_ended_on >= make_date(y.y, 1, 1))
       $fn$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION cadre_fact_rules_key(
         p_young_under integer, p_mgr_qualification qualification, p_mgr_political_theory political_theory, p_mgr_training training_category[],
         p_staff_qualification qualification, p_staff_political_theory political_theory, p_staff_training training_category[])
       RETURNS text LANGUAGE sql STABLE AS $fn$
         SELECT concat_ws('|', p_young_under, p_mgr_qualification, p_mgr_political_theory, p_mgr_training, p_staff_qualification, p_staff_political_theory, p_staff_training)
       $fn$`,
    );
    // Only units and years with cadres have a row: what a scope reads is the units that count.
    await queryRunner.query(
      `CREATE TABLE "cadre_fact_tally" (
         "rules_key" text NOT NULL,
         "unit_id" uuid NOT NULL REFERENCES "unit"("id") ON DELETE CASCADE,
         "year" integer NOT NULL,
         "n" integer NOT NULL, "std" integer NOT NULL, "rated" integer NOT NULL, "well_plus" integer NOT NULL, "excellent" integer NOT NULL,
         "mgr" integer NOT NULL, "mgr_young" integer NOT NULL, "mgr_female" integer NOT NULL, "mgr_postgrad" integer NOT NULL,
         "integ" integer NOT NULL, "mgr_gov" integer NOT NULL, "reception" integer NOT NULL, "training" integer NOT NULL, "software" integer NOT NULL,
         PRIMARY KEY ("rules_key", "year", "unit_id"))`,
    );
    // Which rule sets are counted, for which years: every unit, bar those with a mark.
    await queryRunner.query(
      `CREATE TABLE "cadre_fact_coverage" ("rules_key" text PRIMARY KEY, "from_year" integer NOT NULL, "through_year" integer NOT NULL)`,
    );
    // rules_key null: for every rule set (what the triggers write). No foreign key: a unit's deletion must not wait on marks.
    await queryRunner.query(`CREATE TABLE "cadre_fact_dirty" ("id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "unit_id" uuid NOT NULL, "rules_key" text)`);
    // Recounts, for one rule set: everything when the rule set is not counted through p_to yet (a
    // new year, a new rule set, the backfill), else the units of p_units with a mark. Serialised by
    // an advisory lock; each statement after it takes a fresh snapshot (READ COMMITTED), so a
    // recount sees every write whose mark it deletes, and a write committing meanwhile keeps its
    // mark for the next reader. A mark for every rule set becomes one for each other counted set.
    await queryRunner.query(
      `CREATE FUNCTION cadre_fact_tally_refresh(
         p_units uuid[], p_from integer, p_to integer, p_young_under integer,
         p_mgr_qualification qualification, p_mgr_political_theory political_theory, p_mgr_training training_category[],
         p_staff_qualification qualification, p_staff_political_theory political_theory, p_staff_training training_category[])
       RETURNS integer LANGUAGE plpgsql AS $fn$
       DECLARE
         v_key text := cadre_fact_rules_key(p_young_under, p_mgr_qualification, p_mgr_political_theory, p_mgr_training, p_staff_qualification, p_staff_political_theory, p_staff_training);
         v_from integer;
         v_to integer;
         v_full boolean;
         v_todo uuid[];
       BEGIN
         PERFORM pg_advisory_xact_lock(hashtext('cadre_fact_tally'));
         SELECT c.from_year, c.through_year INTO v_from, v_to FROM cadre_fact_coverage c WHERE c.rules_key = v_key;
         v_full := v_from IS NULL OR v_from > p_from OR v_to < p_to;
         IF v_full THEN
           v_from := least(coalesce(v_from, p_from), p_from);
           v_to := greatest(coalesce(v_to, p_to), p_to);
         END IF;
         WITH m AS (
           DELETE FROM cadre_fact_dirty d
           WHERE (d.rules_key IS NULL OR d.rules_key = v_key) AND (v_full OR d.unit_id = ANY(p_units))
           RETURNING d.unit_id, d.rules_key),
         passed AS (
           INSERT INTO cadre_fact_dirty (unit_id, rules_key)
           SELECT DISTINCT m.unit_id, c.rules_key FROM m CROSS JOIN cadre_fact_coverage c WHERE m.rules_key IS NULL AND c.rules_key <> v_key)
         SELECT array_agg(DISTINCT m.unit_id) INTO v_todo FROM m;
         IF v_full THEN
           DELETE FROM cadre_fact_tally t WHERE t.rules_key = v_key;
         ELSIF v_todo IS NULL THEN
           RETURN 0;
         ELSE
           DELETE FROM cadre_fact_tally t WHERE t.rules_key = v_key AND t.unit_id = ANY(v_todo);
         END IF;
         INSERT INTO cadre_fact_tally (rules_key, unit_id, year, n, std, rated, well_plus, excellent, mgr, mgr_young, mgr_female, mgr_postgrad, integ, mgr_gov, reception, training, software)
         SELECT v_key, f.unit_id, f.y, count(*), count(*) FILTER (WHERE f.meets_standard),
                count(f.rating), count(*) FILTER (WHERE f.rating IN ('EXCELLENT', 'WELL')), count(*) FILTER (WHERE f.rating = 'EXCELLENT'),
                count(*) FILTER (WHERE f.mgr), count(*) FILTER (WHERE f.mgr AND f.young),
                count(*) FILTER (WHERE f.mgr AND f.female), count(*) FILTER (WHERE f.mgr AND f.postgrad),
                count(*) FILTER (WHERE f.integrity), count(*) FILTER (WHERE f.mgr AND f.governance_ok),
                count(*) FILTER (WHERE f.reception_ok),
                count(*) FILTER (WHERE f.reception_ok AND (NOT f.mgr OR f.governance_ok)),
                count(*) FILTER (WHERE f.software_ok)
         FROM cadre_facts(v_from, v_to, NULL, CASE WHEN v_full THEN NULL ELSE v_todo END, p_young_under, p_mgr_qualification, p_mgr_political_theory, p_mgr_training,
                          p_staff_qualification, p_staff_political_theory, p_staff_training) f
         GROUP BY f.y, f.unit_id;
         IF v_full THEN
           INSERT INTO cadre_fact_coverage AS c (rules_key, from_year, through_year) VALUES (v_key, v_from, v_to)
           ON CONFLICT (rules_key) DO UPDATE SET from_year = EXCLUDED.from_year, through_year = EXCLUDED.through_year;
           RETURN -1;
         END IF;
         RETURN cardinality(v_todo);
       END $fn$`,
    );
    // The marking triggers. Transition tables allow one event per trigger, hence three per table.
    await queryRunner.query(
      `CREATE FUNCTION cadre_fact_mark_cadre() RETURNS trigger LANGUAGE plpgsql AS $fn$
       BEGIN
         IF TG_OP = 'INSERT' THEN
           INSERT INTO cadre_fact_dirty (unit_id) SELECT DISTINCT n.unit_id FROM new_rows n;
         ELSIF TG_OP = 'UPDATE' THEN
           INSERT INTO cadre_fact_dirty (unit_id) SELECT n.unit_id FROM new_rows n UNION SELECT o.unit_id FROM old_rows o;
         ELSE
           INSERT INTO cadre_fact_dirty (unit_id) SELECT DISTINCT o.unit_id FROM old_rows o;
         END IF;
         RETURN NULL;
       END $fn$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION cadre_fact_mark_by_cadre() RETURNS trigger LANGUAGE plpgsql AS $fn$
       BEGIN
         IF TG_OP = 'INSERT' THEN
           INSERT INTO cadre_fact_dirty (unit_id) SELECT DISTINCT c.unit_id FROM cadre c WHERE c.id IN (SELECT n.cadre_id FROM new_rows n);
         ELSIF TG_OP = 'UPDATE' THEN
           INSERT INTO cadre_fact_dirty (unit_id) SELECT DISTINCT c.unit_id FROM cadre c
             WHERE c.id IN (SELECT n.cadre_id FROM new_rows n UNION SELECT o.cadre_id FROM old_rows o);
         ELSE
           INSERT INTO cadre_fact_dirty (unit_id) SELECT DISTINCT c.unit_id FROM cadre c WHERE c.id IN (SELECT o.cadre_id FROM old_rows o);
         END IF;
         RETURN NULL;
       END $fn$`,
    );
    // post (is_management) and post_standard (the post's own standard): the units of the post's cadres.
    await queryRunner.query(
      `CREATE FUNCTION cadre_fact_mark_by_post() RETURNS trigger LANGUAGE plpgsql AS $fn$
       BEGIN
         IF TG_TABLE_NAME = 'post' THEN
           INSERT INTO cadre_fact_dirty (unit_id) SELECT DISTINCT c.unit_id FROM cadre c WHERE c.post_id IN (SELECT n.id FROM new_rows n);
         ELSIF TG_OP = 'INSERT' THEN
           INSERT INTO cadre_fact_dirty (unit_id) SELECT DISTINCT c.unit_id FROM cadre c WHERE c.post_id IN (SELECT n.post_id FROM new_rows n);
         ELSIF TG_OP = 'UPDATE' THEN
           INSERT INTO cadre_fact_dirty (unit_id) SELECT DISTINCT c.unit_id FROM cadre c
             WHERE c.post_id IN (SELECT n.post_id FROM new_rows n UNION SELECT o.post_id FROM old_rows o);
         ELSE
           INSERT INTO cadre_fact_dirty (unit_id) SELECT DISTINCT c.unit_id FROM cadre c WHERE c.post_id IN (SELECT o.post_id FROM old_rows o);
         END IF;
         RETURN NULL;
       END $fn$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION cadre_fact_mark_all() RETURNS trigger LANGUAGE plpgsql AS $fn$
       BEGIN
         INSERT INTO cadre_fact_dirty (unit_id) SELECT u.id FROM unit u;
         RETURN NULL;
       END $fn$`,
    );
    for (const [table, fn] of TRIGGERS) {
      // A post is inserted before its cadres and deleted after them: only its update matters.
      const ops = table === 'post' ? (['UPDATE'] as const) : (['INSERT', 'UPDATE', 'DELETE'] as const);
      for (const op of ops) {
        const referencing = op === 'INSERT' ? 'NEW TABLE AS new_rows' : op === 'UPDATE' ? 'OLD TABLE AS old_rows NEW TABLE AS new_rows' : 'OLD TABLE AS old_rows';
        await queryRunner.query(
          `CREATE TRIGGER ${table}_fact_mark_${op.toLowerCase()} AFTER ${op} ON "${table}"
             REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
        );
      }
      await queryRunner.query(`CREATE TRIGGER ${table}_fact_mark_truncate AFTER TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION cadre_fact_mark_all()`);
    }
    // Backfill for the rule set shipped today (vn-2025's defaults), every unit, 2025 to this year in
    // Vietnam. Another rule set has another key: it is counted on its first read.
    await queryRunner.query(
      `SELECT cadre_fact_tally_refresh(NULL, 2025, extract(year FROM now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::int, 40,
         'BACHELOR', 'INTERMEDIATE', '{LEADERSHIP_GOVERNANCE,CITIZEN_RECEPTION}', 'BACHELOR', 'ELEMENTARY', '{CITIZEN_RECEPTION}')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of TRIGGERS) {
      for (const op of ['insert', 'update', 'delete', 'truncate']) await queryRunner.query(`DROP TRIGGER IF EXISTS ${table}_fact_mark_${op} ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION cadre_fact_mark_all()`);
    await queryRunner.query(`DROP FUNCTION cadre_fact_mark_by_post()`);
    await queryRunner.query(`DROP FUNCTION cadre_fact_mark_by_cadre()`);
    await queryRunner.query(`DROP FUNCTION cadre_fact_mark_cadre()`);
    await queryRunner.query(`DROP FUNCTION cadre_fact_tally_refresh(uuid[], integer, integer, integer, qualification, political_theory, training_category[], qualification, political_theory, training_category[])`);
    await queryRunner.query(`DROP TABLE "cadre_fact_dirty"`);
    await queryRunner.query(`DROP TABLE "cadre_fact_coverage"`);
    await queryRunner.query(`DROP TABLE "cadre_fact_tally"`);
    await queryRunner.query(`DROP FUNCTION cadre_fact_rules_key(integer, qualification, political_theory, training_category[], qualification, political_theory, training_category[])`);
    await queryRunner.query(
      `DROP FUNCTION cadre_facts(integer, integer, text, uuid[], integer, qualification, political_theory, training_category[], qualification, political_theory, training_category[])`,
    );
  }
}

/** Every table the facts read, and the function that marks the units a statement on it touches. */
const TRIGGERS: ReadonlyArray<readonly [string, string]> = [
  ['cadre', 'cadre_fact_mark_cadre'],
  ['post', 'cadre_fact_mark_by_post'],
  ['post_standard', 'cadre_fact_mark_by_post'],
  ['training_attendance', 'cadre_fact_mark_by_cadre'],
  ['discipline_case', 'cadre_fact_mark_by_cadre'],
  ['evaluation', 'cadre_fact_mark_by_cadre'],
  ['attitude_evaluation', 'cadre_fact_mark_by_cadre'],
];
