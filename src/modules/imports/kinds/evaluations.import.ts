import { todayInVietnam } from '../../../common/validation';
import type { RequestContext } from '../../../graphql/context';
import type { EvaluationsService } from '../../quality/evaluations/evaluations.service';
import { Evaluation } from '../../quality/evaluations/evaluation.entity';
import { employedIn } from '../../quality/quality.access';
import { Rating, RATING_RANK } from '../../quality/quality.enums';
import { TASK_GROUPS } from '../../quality/evaluations/evaluations.inputs';
import { bandOf } from '../../quality/quality-rules';
import { choice, numberIn, text } from '../cells';
import { defineImportKind, type ImportKind, oneByOne, type ParsedRow } from '../import-kind';
import { cadreColumns, cadreKey, cadresByKey, oneCadre } from './lookups';

export interface EvaluationRow {
  fullName: string;
  dateOfBirth: string;
  year: number;
  selfAssessment: string;
  unitHeadAssessment?: string | null;
  score?: number | null;
  rating: Rating;
  taskGroup?: string | null;
}

/** Vietnamese labels of the four rating levels, as the import accepts them and the export writes them. */
export const RATING_LABELS: Record<Rating, readonly string[]> = {
  [Rating.EXCELLENT]: ['Hoàn thành xuất sắc nhiệm vụ', 'Xuất sắc', 'HTXSNV'],
  [Rating.WELL]: ['Hoàn thành tốt nhiệm vụ', 'Tốt', 'HTTNV'],
  [Rating.COMPLETED]: ['Hoàn thành nhiệm vụ', 'Hoàn thành', 'HTNV'],
  [Rating.NOT_COMPLETED]: ['Không hoàn thành nhiệm vụ', 'Không hoàn thành', 'KHTNV'],
};

const TASK_GROUP = /^[A-Z][A-Z0-9_]{1,39}$/;
const taskGroupOf = (raw: string): string | null => {
  const t = raw.trim();
  const folded = t.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
  if (/^lanh dao/.test(folded)) return TASK_GROUPS.LEADERS;
  if (/^(cong chuc|nhan vien|vien chuc)/.test(folded)) return TASK_GROUPS.STAFF;
  return TASK_GROUP.test(t) ? t : null;
};

export const EVALUATION_COLUMNS: ImportKind<EvaluationRow>['columns'] = [
  ...cadreColumns<EvaluationRow>(),
  {
    key: 'year',
    header: 'Năm',
    aliases: ['Năm đánh giá'],
    required: true,
    hint: 'năm được đánh giá, ví dụ 2025',
    parse: numberIn({ min: 2000, max: 2100, integer: true, required: true }),
  },
  {
    key: 'selfAssessment',
    header: 'Tự đánh giá',
    aliases: ['Cá nhân tự đánh giá'],
    required: true,
    hint: 'tự nhận xét của cán bộ',
    parse: text({ required: true, maxLength: 10000 }),
  },
  {
    key: 'unitHeadAssessment',
    header: 'Ý kiến thủ trưởng',
    aliases: ['Nhận xét của thủ trưởng', 'Đánh giá của thủ trưởng'],
    required: false,
    hint: 'nhận xét của người đứng đầu đơn vị',
    parse: text({ maxLength: 10000 }),
  },
  {
    key: 'score',
    header: 'Điểm',
    aliases: ['Tổng điểm'],
    required: false,
    hint: 'thang 100 điểm, nếu có chấm điểm',
    parse: numberIn({ min: 0, max: 100 }),
  },
  {
    key: 'rating',
    header: 'Xếp loại',
    aliases: ['Mức xếp loại', 'Kết quả xếp loại'],
    required: true,
    hint: 'Hoàn thành xuất sắc / tốt / Hoàn thành / Không hoàn thành nhiệm vụ',
    parse: choice(RATING_LABELS, { required: true, what: 'mức xếp loại' }),
  },
  {
    key: 'taskGroup',
    header: 'Nhóm nhiệm vụ',
    required: false,
    hint: 'Lãnh đạo, quản lý hoặc Công chức, viên chức (trống: theo chức vụ)',
    parse: text({ maxLength: 40 }),
  },
];

const PATH_FIELD: Record<string, keyof EvaluationRow> = {
  'input.cadreId': 'fullName',
  'input.year': 'year',
  'input.rating': 'rating',
  'input.score': 'score',
  'input.selfAssessment': 'selfAssessment',
  'input.unitHeadAssessment': 'unitHeadAssessment',
  'input.taskGroup': 'taskGroup',
};

/**
 * Annual evaluations through {@link EvaluationsService} (its rules: one per cadre and year, the
 * score's band, "not completed" for the disciplined, the quota of "excellent"). Natural key: the
 * cadre (name and date of birth) and the year. An evaluation already recorded is updated where
 * the unit head's assessment, score or rating differ (the self-assessment stays as recorded);
 * rows are applied from the lowest rating up, so the "well" ratings a quota counts are in before
 * the "excellent" ones.
 */
export function evaluationsImport(evaluations: EvaluationsService): ImportKind<EvaluationRow> {
  return defineImportKind<EvaluationRow>({
    name: 'evaluations',
    title: 'Đánh giá, xếp loại',
    columns: EVALUATION_COLUMNS,
    keyFields: ['fullName', 'dateOfBirth', 'year'],
    key: (v) => `${cadreKey(v.fullName, v.dateOfBirth)}|${v.year}`,

    async prepare(ctx, rows, problems) {
      const people = await cadresByKey(
        ctx.manager,
        rows.map((r) => r.values),
      );
      const thisYear = Number(todayInVietnam().slice(0, 4));
      const found = [...people.values()].flat();
      const existing = new Map<string, Evaluation>();
      if (found.length) {
        const evals = await ctx.manager
          .createQueryBuilder(Evaluation, 'e')
          .where('e.cadre_id = ANY(CAST(:ids AS uuid[]))', { ids: found.map((c) => c.id) })
          .getMany();
        for (const e of evals) existing.set(`${e.cadreId}|${e.year}`, e);
      }
      const plan = new Map<number, { cadreId: string; existing: Evaluation | null; taskGroup: string | null }>();
      for (const row of rows) {
        const v = row.values;
        let ok = true;
        const bad = (field: keyof EvaluationRow & string, message: string) => {
          ok = false;
          problems.add(row, field, message);
        };
        const who = oneCadre(people, v.fullName, v.dateOfBirth);
        if ('problem' in who) {
          bad('fullName', who.problem);
          continue;
        }
        const { cadre } = who;
        if (v.year > thisYear) bad('year', `năm ${v.year} chưa tới: chỉ đánh giá các năm đến ${thisYear}`);
        else if (!employedIn(cadre, v.year)) bad('year', `${cadre.fullName} không công tác trong năm ${v.year}`);
        if (v.score !== undefined && v.score !== null) {
          if (Math.round(v.score * 100) !== v.score * 100) bad('score', 'điểm có nhiều nhất 2 chữ số thập phân');
          const band = bandOf(evaluations.rulesFor(v.year), v.score);
          if (RATING_RANK[v.rating] < RATING_RANK[band])
            bad('rating', `${v.score} điểm thuộc mức "${RATING_LABELS[band][0]}": không xếp loại cao hơn mức đó`);
        }
        const taskGroup = v.taskGroup ? taskGroupOf(v.taskGroup) : null;
        if (v.taskGroup && !taskGroup)
          bad('taskGroup', `"${v.taskGroup}" không phải nhóm nhiệm vụ: Lãnh đạo, quản lý hoặc Công chức, viên chức`);
        const prior = existing.get(`${cadre.id}|${v.year}`) ?? null;
        if (prior && prior.selfAssessment !== v.selfAssessment)
          bad('selfAssessment', `đánh giá năm ${v.year} đã có với phần tự đánh giá khác; phần này không sửa được qua nhập tệp`);
        if (prior && taskGroup && prior.taskGroup !== taskGroup)
          bad('taskGroup', `đánh giá năm ${v.year} đã có ở nhóm ${prior.taskGroup}`);
        if (ok) plan.set(row.rowNumber, { cadreId: cadre.id, existing: prior, taskGroup });
      }

      return {
        fieldOfPath: (path) => PATH_FIELD[path] ?? null,
        // The quota compares "excellent" with "well" already recorded: lowest ratings first.
        compare: (a, b) => RATING_RANK[b.values.rating] - RATING_RANK[a.values.rating],
        apply: oneByOne(async (ctx: RequestContext, row: ParsedRow<EvaluationRow>) => {
          const p = plan.get(row.rowNumber)!;
          const v = row.values;
          if (!p.existing) {
            await evaluations.record(ctx, {
              cadreId: p.cadreId,
              year: v.year,
              selfAssessment: v.selfAssessment,
              unitHeadAssessment: v.unitHeadAssessment ?? null,
              score: v.score ?? null,
              rating: v.rating,
              taskGroup: p.taskGroup,
            });
            return 'created';
          }
          const e = p.existing;
          const change: { unitHeadAssessment?: string | null; score?: number | null; rating?: Rating } = {};
          if (
            v.unitHeadAssessment !== undefined &&
            v.unitHeadAssessment !== null &&
            v.unitHeadAssessment !== e.unitHeadAssessment
          )
            change.unitHeadAssessment = v.unitHeadAssessment;
          if (
            v.score !== undefined &&
            (v.score === null ? null : Number(v.score)) !== (e.score === null ? null : Number(e.score))
          )
            change.score = v.score;
          if (v.rating !== e.rating) change.rating = v.rating;
          if (!Object.keys(change).length) return 'unchanged';
          await evaluations.update(ctx, { id: e.id, version: e.version, ...change });
          return 'updated';
        }),
      };
    },
  });
}
