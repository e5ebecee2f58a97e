import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each 2030 target judged on each of its parts (issue 23, item 1): target 4's "3 không" and
 * "3 có" get a measure each, so `cadre_facts` returns five more facts per cadre and year and
 * `cadre_fact_tally` counts them:
 * - `no_discipline`: no FINAL discipline case decided in the year ("không tham nhũng", a proxy);
 * - `attitude_rated`, `not_distant`, `attitude_good`: the Fatherland Front's public evaluation of
 *   the cadre's attitude that year exists, is not POOR ("không xa dân"), is GOOD ("có uy tín");
 * - `work_plan`: a personal work plan for the year is kept ("có trách nhiệm", section III.2);
 * and `not_stagnant` (rated, and not NOT_COMPLETED: "không trì trệ") is counted from the rating.
 * `work_plan` is read now, so its writes mark the units they touch like the other tables'.
 * The counters are recounted on the next read (coverage cleared).
 */
export class TargetParts1796546173980 implements MigrationInterface {
  name = 'TargetParts1796546173980';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const col of ['no_discipline', 'not_stagnant', 'attitude_rated', 'not_distant', 'attitude_good', 'work_plan'])
      await queryRunner.query(`ALTER TABLE cadre_fact_tally ADD COLUMN ${col} integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`DROP FUNCTION cadre_facts(${SIGNATURE})`);
    await queryRunner.query(facts(true));
    await queryRunner.query(refresh(true));
    for (const op of ['INSERT', 'UPDATE', 'DELETE'] as const) {
      const referencing =
        op === 'INSERT' ? 'NEW TABLE AS new_rows' : op === 'UPDATE' ? 'OLD TABLE AS old_rows NEW TABLE AS new_rows' : 'OLD TABLE AS old_rows';
      await queryRunner.query(
        `CREATE TRIGGER work_plan_fact_mark_${op.toLowerCase()} AFTER ${op} ON "work_plan"
           REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION cadre_fact_mark_by_cadre()`,
      );
    }
    await queryRunner.query(
      `CREATE TRIGGER work_plan_fact_mark_truncate AFTER TRUNCATE ON "work_plan" FOR EACH STATEMENT EXECUTE FUNCTION cadre_fact_mark_all()`,
    );
    // Every rule set's counters lack the new columns: the next read recounts them in full.
    await queryRunner.query(`DELETE FROM cadre_fact_coverage`);
    await queryRunner.query(`DELETE FROM cadre_fact_tally`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const op of ['insert', 'update', 'delete', 'truncate']) await queryRunner.query(`DROP TRIGGER IF EXISTS work_plan_fact_mark_${op} ON "work_plan"`);
    await queryRunner.query(`DROP FUNCTION cadre_facts(${SIGNATURE})`);
    await queryRunner.query(facts(false));
    await queryRunner.query(refresh(false));
    for (const col of ['no_discipline', 'not_stagnant', 'attitude_rated', 'not_distant', 'attitude_good', 'work_plan'])
      await queryRunner.query(`ALTER TABLE cadre_fact_tally DROP COLUMN ${col}`);
    await queryRunner.query(`DELETE FROM cadre_fact_coverage`);
    await queryRunner.query(`DELETE FROM cadre_fact_tally`);
  }
}

const SIGNATURE =
  'integer, integer, text, uuid[], integer, qualification, political_theory, training_category[], qualification, political_theory, training_category[]';

/** `cadre_facts`, with the parts' facts (`parts`) or as it was. */
function facts(parts: boolean): string {
  return `CREATE FUNCTION cadre_facts(
         p_from integer, p_to integer, p_scope_path text, p_units uuid[], p_young_under integer,
         p_mgr_qualification qualification, p_mgr_political_theory political_theory, p_mgr_training training_category[],
         p_staff_qualification qualification, p_staff_political_theory political_theory, p_staff_training training_category[])
       RETURNS TABLE (y integer, id uuid, full_name text, unit_id uuid, mgr boolean, female boolean, postgrad boolean, rating rating,
                      young boolean, meets_standard boolean, integrity boolean, governance_ok boolean, reception_ok boolean, software_ok boolean${
                        parts ? ',\n                      no_discipline boolean, attitude_rated boolean, not_distant boolean, attitude_good boolean, work_plan boolean' : ''
                      })
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
         coalesce(t.sw <= y.y, false) AS software_ok${
           parts
             ? `,
         NOT (y.y = ANY(coalesce(dc.years, '{}'))) AS no_discipline,
         ae.rating IS NOT NULL AS attitude_rated,
         coalesce(ae.rating <> 'POOR', false) AS not_distant,
         coalesce(ae.rating = 'GOOD', false) AS attitude_good,
         EXISTS (SELECT 1 FROM work_plan wp WHERE wp.cadre_id = c.id AND wp.year = y.y) AS work_plan`
             : ''
         }
       FROM yrs y CROSS JOIN sc c
       LEFT JOIN att t ON t.cadre_id = c.id
       LEFT JOIN disc dc ON dc.cadre_id = c.id
       LEFT JOIN evaluation e ON e.cadre_id = c.id AND e.year = y.y
       LEFT JOIN attitude_evaluation ae ON ae.cadre_id = c.id AND ae.year = y.y
       -- Employed in the ward at some time in the year.
       WHERE (c.employed_from IS NULL OR c.employed_from <= make_date(y.y, 12, 31)) AND (c.employment_ended_on IS NULL OR c.employment_ended_on >= make_date(y.y, 1, 1))
       $fn$`;
}

/** `cadre_fact_tally_refresh`, counting the parts' facts (`parts`) or as it was. */
function refresh(parts: boolean): string {
  return `CREATE OR REPLACE FUNCTION cadre_fact_tally_refresh(p_units uuid[], p_from integer, p_to integer, p_young_under integer,
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
         INSERT INTO cadre_fact_tally (rules_key, unit_id, year, n, std, rated, well_plus, excellent, mgr, mgr_young, mgr_female, mgr_postgrad, integ, mgr_gov, reception, training, software${
           parts ? ',\n                                       no_discipline, not_stagnant, attitude_rated, not_distant, attitude_good, work_plan' : ''
         })
         SELECT v_key, f.unit_id, f.y, count(*), count(*) FILTER (WHERE f.meets_standard),
                count(f.rating), count(*) FILTER (WHERE f.rating IN ('EXCELLENT', 'WELL')), count(*) FILTER (WHERE f.rating = 'EXCELLENT'),
                count(*) FILTER (WHERE f.mgr), count(*) FILTER (WHERE f.mgr AND f.young),
                count(*) FILTER (WHERE f.mgr AND f.female), count(*) FILTER (WHERE f.mgr AND f.postgrad),
                count(*) FILTER (WHERE f.integrity), count(*) FILTER (WHERE f.mgr AND f.governance_ok),
                count(*) FILTER (WHERE f.reception_ok),
                count(*) FILTER (WHERE f.reception_ok AND (NOT f.mgr OR f.governance_ok)),
                count(*) FILTER (WHERE f.software_ok)${
                  parts
                    ? `,
                count(*) FILTER (WHERE f.no_discipline), count(*) FILTER (WHERE f.rating <> 'NOT_COMPLETED'),
                count(*) FILTER (WHERE f.attitude_rated), count(*) FILTER (WHERE f.not_distant),
                count(*) FILTER (WHERE f.attitude_good), count(*) FILTER (WHERE f.work_plan)`
                    : ''
                }
         FROM cadre_facts(v_from, v_to, NULL, CASE WHEN v_full THEN NULL ELSE v_todo END, p_young_under, p_mgr_qualification, p_mgr_political_theory, p_mgr_training,
                          p_staff_qualification, p_staff_political_theory, p_staff_training) f
         GROUP BY f.y, f.unit_id;
         IF v_full THEN
           INSERT INTO cadre_fact_coverage AS c (rules_key, from_year, through_year) VALUES (v_key, v_from, v_to)
           ON CONFLICT (rules_key) DO UPDATE SET from_year = EXCLUDED.from_year, through_year = EXCLUDED.through_year;
           RETURN -1;
         END IF;
         RETURN cardinality(v_todo);
       END $fn$`;
}
