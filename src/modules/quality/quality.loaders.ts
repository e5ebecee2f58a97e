import DataLoader from 'dataloader';
import { In, type EntityManager } from 'typeorm';
import { byKeys, groupByKeys } from '../../db/by-keys';
import type { Cadre } from '../cadres/cadre.entity';
import type { CadreLoaders } from '../cadres/cadres.loaders';
import { Evaluation, WorkPlan } from './evaluations/evaluation.entity';
import { PostStandard } from './standards-training/standard.entity';
import { TrainingAttendance, TrainingCourse } from './standards-training/training.entity';

/** `cadreId:year`, the key of the per-year loaders. */
export const cadreYear = (cadreId: string, year: number) => `${cadreId}:${year}`;
const split = (keys: readonly string[]) => {
  const cadreIds = [...new Set(keys.map((k) => k.slice(0, 36)))];
  const years = [...new Set(keys.map((k) => Number(k.slice(37))))];
  return { cadreIds, years };
};

export interface CitizenSatisfaction {
  answers: number;
  averageScore: number | null;
  satisfiedPercent: number | null;
}

/** One query per relation per request. */
export function qualityLoaders(db: { readonly manager: EntityManager }) {
  return {
    postStandardByPost: new DataLoader<string, PostStandard | null>(async (ids) =>
      byKeys(ids, await db.manager.find(PostStandard, { where: { postId: In([...ids]) } }), (s) => s.postId),
    ),
    passedTrainingByCadre: new DataLoader<string, TrainingAttendance[]>(async (ids) =>
      groupByKeys(
        ids,
        await db.manager.find(TrainingAttendance, {
          where: { cadreId: In([...ids]), result: 'PASSED' as never },
          order: { year: 'ASC' },
        }),
        (a) => a.cadreId,
      ),
    ),
    attendanceByCourse: new DataLoader<string, TrainingAttendance[]>(async (ids) =>
      groupByKeys(ids, await db.manager.find(TrainingAttendance, { where: { courseId: In([...ids]) } }), (a) => a.courseId),
    ),
    trainingCourseById: new DataLoader<string, TrainingCourse | null>(async (ids) =>
      byKeys(ids, await db.manager.find(TrainingCourse, { where: { id: In([...ids]) } }), (c) => c.id),
    ),
    evaluationByCadreYear: new DataLoader<string, Evaluation | null>(async (keys) => {
      const { cadreIds, years } = split(keys);
      const rows = await db.manager.find(Evaluation, { where: { cadreId: In(cadreIds), year: In(years) } });
      return byKeys(keys, rows, (e) => cadreYear(e.cadreId, e.year));
    }),
    workPlanByCadreYear: new DataLoader<string, WorkPlan | null>(async (keys) => {
      const { cadreIds, years } = split(keys);
      const rows = await db.manager.find(WorkPlan, { where: { cadreId: In(cadreIds), year: In(years) } });
      return byKeys(keys, rows, (w) => cadreYear(w.cadreId, w.year));
    }),
    satisfactionByCadreYear: new DataLoader<string, CitizenSatisfaction>(async (keys) => {
      const { cadreIds, years } = split(keys);
      const rows = (await db.manager.query(
        `SELECT cadre_id, year, count(*)::int AS answers, avg(score)::float AS avg, (100.0 * count(*) FILTER (WHERE score >= 4) / count(*))::float AS satisfied
         FROM satisfaction_result WHERE cadre_id = ANY($1::uuid[]) AND year = ANY($2::int[]) GROUP BY cadre_id, year`,
        [cadreIds, years],
      )) as Array<{ cadre_id: string; year: number; answers: number; avg: number; satisfied: number }>;
      const found = byKeys(keys, rows, (r) => cadreYear(r.cadre_id, r.year));
      return found.map((r) =>
        r
          ? { answers: r.answers, averageScore: round2(r.avg), satisfiedPercent: round2(r.satisfied) }
          : { answers: 0, averageScore: null, satisfiedPercent: null },
      );
    }),
    /** FINAL discipline cases of the cadre decided in the year (the rating rule). */
    finalDisciplineByCadreYear: new DataLoader<
      string,
      Array<{ id: string; decisionNumber: string | null; decisionDate: string }>
    >(async (keys) => {
      const { cadreIds, years } = split(keys);
      const rows = (await db.manager.query(
        `SELECT id, cadre_id, decision_number, decision_date::text AS decision_date, extract(year FROM decision_date)::int AS year
         FROM discipline_case WHERE cadre_id = ANY($1::uuid[]) AND status = 'FINAL' AND extract(year FROM decision_date)::int = ANY($2::int[])`,
        [cadreIds, years],
      )) as Array<{ id: string; cadre_id: string; decision_number: string | null; decision_date: string; year: number }>;
      return groupByKeys(keys, rows, (r) => cadreYear(r.cadre_id, r.year)).map((list) =>
        list.map((r) => ({ id: r.id, decisionNumber: r.decision_number, decisionDate: r.decision_date })),
      );
    }),
  };
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

export type QualityLoaders = ReturnType<typeof qualityLoaders>;

/** The cadres of `ids` that exist, in order (one batched load). */
export const loadCadres = async (ctx: { readonly loaders: Pick<CadreLoaders, 'cadreById'> }, ids: string[]) =>
  (await ctx.loaders.cadreById.loadMany(ids)).filter((c): c is Cadre => !!c && !(c instanceof Error));

// The request context's loaders include this module's (graphql/context.ts names no module).
declare module '../../graphql/context' {
  interface Loaders extends QualityLoaders {}
}
