import type { RequestContext } from '../../../graphql/context';
import { employedIn } from '../../quality/quality.access';
import { TrainingCategory, TrainingMode, TrainingResult } from '../../quality/quality.enums';
import { TrainingAttendance, TrainingCourse } from '../../quality/standards-training/training.entity';
import type { TrainingService } from '../../quality/standards-training/training.service';
import { choice, date, fold, text } from '../cells';
import { defineImportKind, type ImportKind, oneByOne, type ParsedRow } from '../import-kind';
import { cadreColumns, cadreKey, cadresByKey, oneCadre } from './lookups';

export interface TrainingRow {
  fullName: string;
  dateOfBirth: string;
  title: string;
  category: TrainingCategory;
  mode: TrainingMode;
  startsOn: string;
  endsOn: string;
  provider: string;
  result: TrainingResult;
  certificateNumber?: string | null;
}

export const CATEGORY_LABELS: Record<TrainingCategory, readonly string[]> = {
  [TrainingCategory.POLITICAL_THEORY]: ['Lý luận chính trị'],
  [TrainingCategory.LEADERSHIP_GOVERNANCE]: ['Lãnh đạo, quản trị hiện đại', 'Kỹ năng lãnh đạo, quản lý', 'Quản trị hiện đại'],
  [TrainingCategory.DIGITAL_ADMINISTRATION]: ['Quản trị số', 'Chuyển đổi số'],
  [TrainingCategory.CITIZEN_RECEPTION]: ['Tiếp công dân, xử lý tình huống', 'Tiếp dân', 'Kỹ năng tiếp dân'],
  [TrainingCategory.ADMIN_SOFTWARE]: ['Phần mềm hành chính, Cổng dịch vụ công', 'Phần mềm hành chính', 'Cổng dịch vụ công'],
  [TrainingCategory.PROFESSIONAL]: ['Chuyên môn, nghiệp vụ', 'Chuyên môn', 'Nghiệp vụ'],
};
const MODE_LABELS: Record<TrainingMode, readonly string[]> = {
  [TrainingMode.IN_PERSON]: ['Trực tiếp', 'Tập trung'],
  [TrainingMode.ONLINE]: ['Trực tuyến', 'Online'],
};
const RESULT_LABELS: Record<TrainingResult, readonly string[]> = {
  [TrainingResult.PASSED]: ['Đạt', 'Hoàn thành'],
  [TrainingResult.FAILED]: ['Không đạt'],
  [TrainingResult.DID_NOT_FINISH]: ['Không hoàn thành', 'Bỏ dở'],
};

export const TRAINING_COLUMNS: ImportKind<TrainingRow>['columns'] = [
  ...cadreColumns<TrainingRow>(),
  {
    key: 'title',
    header: 'Tên lớp',
    aliases: ['Tên khóa học', 'Lớp bồi dưỡng', 'Khóa bồi dưỡng'],
    required: true,
    hint: 'tên lớp bồi dưỡng, tập huấn',
    parse: text({ required: true, maxLength: 300 }),
  },
  {
    key: 'category',
    header: 'Chủ đề',
    aliases: ['Lĩnh vực', 'Nội dung bồi dưỡng'],
    required: true,
    hint: 'Lý luận chính trị, Lãnh đạo, quản trị hiện đại, Quản trị số, Tiếp công dân, xử lý tình huống, Phần mềm hành chính, Cổng dịch vụ công, Chuyên môn, nghiệp vụ',
    parse: choice(CATEGORY_LABELS, { required: true, what: 'chủ đề bồi dưỡng' }),
  },
  {
    key: 'mode',
    header: 'Hình thức',
    required: true,
    hint: 'Trực tiếp hoặc Trực tuyến',
    parse: choice(MODE_LABELS, { required: true, what: 'hình thức' }),
  },
  {
    key: 'startsOn',
    header: 'Từ ngày',
    aliases: ['Ngày bắt đầu'],
    required: true,
    hint: 'dd/mm/yyyy',
    parse: date({ required: true }),
  },
  {
    key: 'endsOn',
    header: 'Đến ngày',
    aliases: ['Ngày kết thúc'],
    required: true,
    hint: 'dd/mm/yyyy; lớp tính cho năm của ngày này',
    parse: date({ required: true }),
  },
  {
    key: 'provider',
    header: 'Cơ sở đào tạo',
    aliases: ['Đơn vị tổ chức', 'Nơi học'],
    required: true,
    hint: 'ví dụ Trường Chính trị tỉnh',
    parse: text({ required: true, maxLength: 200 }),
  },
  {
    key: 'result',
    header: 'Kết quả',
    required: true,
    hint: 'Đạt, Không đạt hoặc Không hoàn thành',
    parse: choice(RESULT_LABELS, { required: true, what: 'kết quả' }),
  },
  {
    key: 'certificateNumber',
    header: 'Số chứng chỉ',
    aliases: ['Số giấy chứng nhận'],
    required: false,
    hint: 'chỉ với kết quả Đạt',
    parse: text({ maxLength: 60 }),
  },
];

const PATH_FIELD: Record<string, keyof TrainingRow> = {
  'input.cadreId': 'fullName',
  'input.result': 'result',
  'input.certificateNumber': 'certificateNumber',
  'input.title': 'title',
  'input.category': 'category',
  'input.mode': 'mode',
  'input.startsOn': 'startsOn',
  'input.endsOn': 'endsOn',
  'input.provider': 'provider',
};

const courseKey = (title: string, startsOn: string) => `${fold(title)}|${startsOn}`;

/**
 * Training records through {@link TrainingService}: each row is one cadre's attendance of a
 * course; a course (by title and first day) the register does not know is created with the
 * row's category, mode, dates and provider. Natural key: the cadre and the course. An attendance
 * already recorded with the same result and certificate changes nothing; a different one is
 * refused (there is no correction of an attendance through a file).
 */
export function trainingImport(training: TrainingService): ImportKind<TrainingRow> {
  return defineImportKind<TrainingRow>({
    name: 'training',
    title: 'Kết quả bồi dưỡng',
    columns: TRAINING_COLUMNS,
    keyFields: ['fullName', 'dateOfBirth', 'title', 'startsOn'],
    key: (v) => `${cadreKey(v.fullName, v.dateOfBirth)}|${courseKey(v.title, v.startsOn)}`,

    async prepare(ctx, rows, problems) {
      const m = ctx.manager;
      const people = await cadresByKey(
        m,
        rows.map((r) => r.values),
      );
      const titles = [...new Set(rows.map((r) => r.values.title.toLowerCase()))];
      const courses = new Map(
        (
          await m
            .createQueryBuilder(TrainingCourse, 'c')
            .where('lower(c.title) = ANY(CAST(:t AS text[]))', { t: titles })
            .getMany()
        ).map((c) => [courseKey(c.title, c.startsOn), c]),
      );
      const attendances = new Map(
        (courses.size
          ? await m
              .createQueryBuilder(TrainingAttendance, 'a')
              .where('a.course_id = ANY(CAST(:ids AS uuid[]))', { ids: [...courses.values()].map((c) => c.id) })
              .getMany()
          : []
        ).map((a) => [`${a.courseId}|${a.cadreId}`, a]),
      );
      const firstOfCourse = new Map<string, ParsedRow<TrainingRow>>();
      const plan = new Map<number, { cadreId: string; courseKey: string; unchanged: boolean }>();
      for (const row of rows) {
        const v = row.values;
        let ok = true;
        const bad = (field: keyof TrainingRow & string, message: string) => {
          ok = false;
          problems.add(row, field, message);
        };
        const who = oneCadre(people, v.fullName, v.dateOfBirth);
        if ('problem' in who) bad('fullName', who.problem);
        if (v.endsOn < v.startsOn) bad('endsOn', 'ngày kết thúc trước ngày bắt đầu');
        if (v.certificateNumber && v.result !== TrainingResult.PASSED)
          bad('certificateNumber', 'chỉ ghi số chứng chỉ khi kết quả là Đạt');
        const year = Number(v.endsOn.slice(0, 4));
        if ('cadre' in who && !employedIn(who.cadre, year))
          bad('fullName', `${who.cadre.fullName} không công tác trong năm ${year}, năm của lớp`);
        const key = courseKey(v.title, v.startsOn);
        const course = courses.get(key);
        const same = (c: { category: TrainingCategory; mode: TrainingMode; endsOn: string; provider: string }, what: string) => {
          if (c.category !== v.category) bad('category', `${what} ghi chủ đề khác`);
          if (c.mode !== v.mode) bad('mode', `${what} ghi hình thức khác`);
          if (c.endsOn !== v.endsOn) bad('endsOn', `${what} ghi ngày kết thúc khác`);
          if (fold(c.provider) !== fold(v.provider)) bad('provider', `${what} ghi cơ sở đào tạo khác`);
        };
        if (course) same(course, `lớp "${course.title}" đã có trong hồ sơ,`);
        else {
          const first = firstOfCourse.get(key);
          if (first) same(first.values, `dòng ${first.rowNumber} cùng lớp`);
          else firstOfCourse.set(key, row);
        }
        let unchanged = false;
        if (course && 'cadre' in who) {
          const prior = attendances.get(`${course.id}|${who.cadre.id}`);
          if (prior) {
            if (prior.result !== v.result || (prior.certificateNumber ?? null) !== (v.certificateNumber ?? null))
              bad('result', 'đã ghi nhận kết quả khác cho cán bộ ở lớp này; không sửa qua nhập tệp');
            unchanged = true;
          }
        }
        if (ok && 'cadre' in who) plan.set(row.rowNumber, { cadreId: who.cadre.id, courseKey: key, unchanged });
      }

      return {
        fieldOfPath: (path) => PATH_FIELD[path] ?? null,
        apply: oneByOne(async (ctx: RequestContext, row: ParsedRow<TrainingRow>) => {
          const p = plan.get(row.rowNumber)!;
          if (p.unchanged) return 'unchanged';
          const v = row.values;
          // Looked up each time: a course created by a chunk that was rolled back is gone.
          const course =
            (await ctx.manager
              .createQueryBuilder(TrainingCourse, 'c')
              .where('lower(c.title) = lower(:t) AND c.starts_on = :s', { t: v.title, s: v.startsOn })
              .getOne()) ??
            (await training.createCourse(ctx, {
              title: v.title,
              category: v.category,
              mode: v.mode,
              startsOn: v.startsOn,
              endsOn: v.endsOn,
              provider: v.provider,
            }));
          await training.recordAttendance(ctx, {
            courseId: course.id,
            cadreId: p.cadreId,
            result: v.result,
            certificateNumber: v.certificateNumber ?? null,
          });
          return 'created';
        }),
      };
    },
  });
}
