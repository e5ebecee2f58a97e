import type { EntityManager } from 'typeorm';
import type { Logger } from '../common/logger';
import { Prng } from '../common/prng';
import { todayInVietnam } from '../common/validation';
import { bulkInsert } from '../db/bulk-insert';
import type { RequestContext } from '../graphql/context';
import { type LoaderFactory, transactionContext } from '../graphql/request-context';
import { Account } from '../modules/accounts/account.entity';
import { PoliticalTheory, Qualification } from '../modules/cadres/cadre.enums';
import type { EvaluationsService } from '../modules/quality/evaluations/evaluations.service';
import {
  Rating,
  ReceptionKind,
  AttitudeRating,
  TrainingCategory,
  TrainingMode,
  TrainingResult,
} from '../modules/quality/quality.enums';
import type { ReceptionService } from '../modules/quality/reception/reception.service';
import type { SatisfactionService } from '../modules/quality/satisfaction/satisfaction.service';
import type { TrainingService } from '../modules/quality/standards-training/training.service';
import { BASELINE_YEAR } from '../modules/quality/targets/targets.service';
import { surveyCodeHash } from '../modules/quality/satisfaction/satisfaction.service';

/** The demo's known survey codes (mã khảo sát), for trying the public survey; valid codes, fixed. */
export const DEMO_SURVEY_CODES = ['4P5E-YN5S-3T1Y-GKDJ-T', '9AQH-8YEY-8EM0-TWPQ-D', 'DZA3-K7G3-D36K-55ZW-W'] as const;

export interface QualitySeedServices {
  training: TrainingService;
  evaluations: EvaluationsService;
  satisfaction: SatisfactionService;
  reception: ReceptionService;
  makeLoaders: LoaderFactory;
}

interface SeedCadre {
  id: string;
  full_name: string;
  unit_id: string;
  body: string;
  mgr: boolean;
  post_code: string;
  gender: string;
  age: number;
}

const PROCEDURES = [
  'Chứng thực bản sao từ bản chính',
  'Đăng ký khai sinh',
  'Đăng ký kết hôn',
  'Đăng ký thường trú',
  'Cấp giấy xác nhận tình trạng hôn nhân',
  'Chứng thực chữ ký',
  'Đăng ký khai tử',
  'Cấp phép xây dựng nhà ở riêng lẻ',
  'Xác nhận hộ nghèo, cận nghèo',
  'Trợ cấp xã hội hằng tháng',
];
const COMMENTS = [
  'Cán bộ hướng dẫn tận tình.',
  'Thời gian chờ hơi lâu.',
  'Thủ tục nhanh gọn.',
  'Cần niêm yết rõ hơn các giấy tờ.',
  'Rất hài lòng.',
];

/**
 * The demo ward's quality work for 2025 and the current year (the term begins in 2025): post
 * standards, courses, reception days and sessions through the services; attendance, evaluations,
 * work plans, the Front's public evaluation of attitude, procedures and survey answers
 * bulk-inserted, keeping the rules the services enforce (employment, one per key, the quota, the
 * discipline rule), so the demo starts in seconds; the tally triggers count the answers. Chosen so that, judged on each part, some targets
 * are met in the current year and others partly or not, each with a trend. Deterministic (Prng seed 2025).
 */
export async function seedDemoQuality(manager: EntityManager, s: QualitySeedServices, logger: Logger): Promise<void> {
  const rng = new Prng(2025);
  const keeper = await manager.findOneByOrFail(Account, { email: 'xaydungdang@anbien.test' });
  const intake = await manager.findOneByOrFail(Account, { email: 'tiepnhan@anbien.test' });
  const ctxAs = (account: Account): RequestContext =>
    transactionContext(manager, s.makeLoaders, { requestId: 'demo-seed', account, logger, clientAddress: 'seed' });
  const pb = ctxAs(keeper);
  const staff = ctxAs(intake);
  const today = todayInVietnam();
  const thisYear = Number(today.slice(0, 4));
  const years = Array.from({ length: thisYear - BASELINE_YEAR + 1 }, (_, i) => BASELINE_YEAR + i);
  const lastDay = (y: number) => (y === thisYear ? today : `${y}-12-31`);

  // Everyone in the register was employed in 2025: the ward's 2025 is the resolution's (its parts:
  // 130 people, 30 managers). The register keeps current posts only, so the succession shares
  // move with ages alone.
  const cadres = (await manager.query(
    `SELECT c.id, c.full_name, c.unit_id, u.body, p.is_management AS mgr, p.code AS post_code, c.gender,
            date_part('year', age($1::date, c.date_of_birth))::int AS age, c.employed_from::text AS employed_from
     FROM cadre c JOIN unit u ON u.id = c.unit_id JOIN post p ON p.id = c.post_id
     -- Ids are random: order by what the seeded register fixes, so the same people get the same records.
     ORDER BY u.code, p.code, c.full_name, c.date_of_birth`,
    [today],
  )) as Array<SeedCadre & { employed_from: string | null }>;
  const employed = (c: { employed_from: string | null }, y: number) => !c.employed_from || c.employed_from <= `${y}-12-31`;

  // 1. Post standards: the leading posts of the ward ask for more than the defaults.
  const posts = (await manager.query(`SELECT id, code FROM post`)) as Array<{ id: string; code: string }>;
  const postId = (code: string) => posts.find((p) => p.code === code)?.id;
  for (const code of ['PARTY_SECRETARY', 'STANDING_DEPUTY_SECRETARY', 'PEOPLES_COMMITTEE_CHAIR', 'FRONT_CHAIR']) {
    const id = postId(code);
    if (id)
      await s.training.setPostStandard(pb, {
        postId: id,
        minQualification: Qualification.BACHELOR,
        minPoliticalTheory: PoliticalTheory.ADVANCED,
        requiredTraining: [
          TrainingCategory.LEADERSHIP_GOVERNANCE,
          TrainingCategory.DIGITAL_ADMINISTRATION,
          TrainingCategory.CITIZEN_RECEPTION,
        ],
      });
  }

  // 2. Courses and attendance. Shares passed by year: [first year, current year].
  const courses: Array<{
    category: TrainingCategory;
    title: string;
    month: number;
    who: 'all' | 'mgr';
    share: [number, number];
    mode: TrainingMode;
    provider: string;
  }> = [
    {
      category: TrainingCategory.CITIZEN_RECEPTION,
      title: 'Bồi dưỡng kỹ năng tiếp công dân, xử lý tình huống thực tiễn',
      month: 4,
      who: 'all',
      share: [0.78, 0.92],
      mode: TrainingMode.IN_PERSON,
      provider: 'Trung tâm Chính trị phường',
    },
    {
      category: TrainingCategory.LEADERSHIP_GOVERNANCE,
      title: 'Kỹ năng lãnh đạo, quản trị hiện đại cho cán bộ lãnh đạo, quản lý',
      month: 6,
      who: 'mgr',
      share: [0.55, 0.85],
      mode: TrainingMode.IN_PERSON,
      provider: 'Trường Chính trị tỉnh',
    },
    {
      category: TrainingCategory.DIGITAL_ADMINISTRATION,
      title: 'Quản trị số và chuyển đổi số trong cơ quan nhà nước',
      month: 8,
      who: 'mgr',
      share: [0.5, 0.9],
      mode: TrainingMode.ONLINE,
      provider: 'Sở Khoa học và Công nghệ tỉnh',
    },
    {
      category: TrainingCategory.ADMIN_SOFTWARE,
      title: 'Sử dụng phần mềm quản lý văn bản và Cổng dịch vụ công trực tuyến',
      month: 9,
      who: 'all',
      share: [0.7, 1],
      mode: TrainingMode.ONLINE,
      provider: 'Văn phòng HĐND và UBND phường',
    },
    {
      category: TrainingCategory.POLITICAL_THEORY,
      title: 'Bồi dưỡng lý luận chính trị cho đảng viên mới',
      month: 10,
      who: 'all',
      share: [0.15, 0.15],
      mode: TrainingMode.IN_PERSON,
      provider: 'Trung tâm Chính trị phường',
    },
    {
      category: TrainingCategory.PROFESSIONAL,
      title: 'Nghiệp vụ chứng thực, hộ tịch',
      month: 11,
      who: 'all',
      share: [0.2, 0.2],
      mode: TrainingMode.IN_PERSON,
      provider: 'Sở Tư pháp tỉnh',
    },
  ];
  const passedEver = new Map<string, Set<TrainingCategory>>();
  // Attendance, evaluations and the Front's evaluations are bulk-inserted (the demo must start in
  // seconds); the seed checks what the services would: employment in the year, one per key, the
  // quota and the discipline rule (tested through the API in test/e2e/quality.e2e-spec.ts).
  const attendanceRows: Array<{
    courseId: string;
    cadreId: string;
    category: TrainingCategory;
    year: number;
    result: TrainingResult;
    certificateNumber: string | null;
  }> = [];
  for (const y of years) {
    for (const spec of courses) {
      const month = y === thisYear ? Math.min(spec.month, Number(today.slice(5, 7))) : spec.month;
      const start = `${y}-${String(month).padStart(2, '0')}-02`;
      const end = `${y}-${String(month).padStart(2, '0')}-04`;
      if (end > today) continue;
      const course = await s.training.createCourse(pb, {
        title: `${spec.title} năm ${y}`,
        category: spec.category,
        mode: spec.mode,
        startsOn: start,
        endsOn: end,
        provider: spec.provider,
      });
      const share = y === BASELINE_YEAR ? spec.share[0] : spec.share[1];
      for (const c of cadres) {
        if (!employed(c, y) || (spec.who === 'mgr' && !c.mgr)) continue;
        const had = passedEver.get(c.id)?.has(spec.category) ?? false;
        // Once-for-the-term courses (governance, digital, software) are not repeated by those who passed them.
        const yearly =
          spec.category === TrainingCategory.CITIZEN_RECEPTION ||
          spec.category === TrainingCategory.POLITICAL_THEORY ||
          spec.category === TrainingCategory.PROFESSIONAL;
        if (had && !yearly) continue;
        const p = had ? 1 : y === BASELINE_YEAR ? share : (share - spec.share[0]) / Math.max(1 - spec.share[0], 0.01);
        if (spec.share[0] === spec.share[1] ? !rng.chance(share) : !rng.chance(yearly ? share : p)) continue;
        const result = rng.chance(0.97) ? TrainingResult.PASSED : TrainingResult.FAILED;
        attendanceRows.push({
          courseId: course.id,
          cadreId: c.id,
          category: spec.category,
          year: y,
          result,
          certificateNumber: result === TrainingResult.PASSED ? `${y}/${spec.category.slice(0, 3)}/${rng.int(1000, 9999)}` : null,
        });
        if (result === TrainingResult.PASSED) {
          if (!passedEver.has(c.id)) passedEver.set(c.id, new Set());
          passedEver.get(c.id)!.add(spec.category);
        }
      }
    }
  }
  await bulkInsert(
    manager,
    'training_attendance',
    [
      { name: 'version', type: 'int', value: () => 1 },
      { name: 'course_id', type: 'uuid', value: (r: (typeof attendanceRows)[number]) => r.courseId },
      { name: 'cadre_id', type: 'uuid', value: (r) => r.cadreId },
      { name: 'category', type: 'training_category', value: (r) => r.category },
      { name: 'year', type: 'int', value: (r) => r.year },
      { name: 'result', type: 'training_result', value: (r) => r.result },
      { name: 'certificate_number', type: 'text', value: (r) => r.certificateNumber },
    ],
    attendanceRows,
  );
  for (const unit of [...new Set(cadres.map((c) => c.unit_id))].slice(0, 12))
    for (const category of [TrainingCategory.CITIZEN_RECEPTION, TrainingCategory.ADMIN_SOFTWARE])
      await s.training.setTrainingPlan(pb, {
        unitId: unit,
        year: thisYear,
        category,
        plannedCadres: cadres.filter((c) => c.unit_id === unit).length,
      });

  // 3. Evaluations: by unit and task group, the others first, then "excellent" within the quota.
  const disciplined = new Set(
    (
      (await manager.query(
        `SELECT cadre_id || ':' || extract(year FROM decision_date)::int AS k FROM discipline_case WHERE status = 'FINAL' AND cadre_id IS NOT NULL`,
      )) as Array<{ k: string }>
    ).map((r) => r.k),
  );
  const evaluationRows: Array<{
    cadreId: string;
    year: number;
    unitId: string;
    taskGroup: string;
    self: string;
    head: string;
    score: number;
    rating: Rating;
  }> = [];
  const workPlans: Array<{ cadreId: string; year: number; tasks: unknown[] }> = [];
  for (const y of years) {
    const notWell = y === BASELINE_YEAR ? 0.075 : 0.03;
    const groups = new Map<string, typeof cadres>();
    for (const c of cadres) {
      if (!employed(c, y)) continue;
      const k = `${c.unit_id}:${c.mgr ? 'LEADERS' : 'STAFF'}`;
      groups.set(k, [...(groups.get(k) ?? []), c]);
    }
    for (const members of groups.values()) {
      const ratings: Rating[] = members.map((c) =>
        disciplined.has(`${c.id}:${y}`) ? Rating.NOT_COMPLETED : rng.chance(notWell) ? Rating.COMPLETED : Rating.WELL,
      );
      const wellPlus = ratings.filter((r) => r === Rating.WELL).length;
      let excellent = Math.floor(wellPlus / 6);
      for (let i = 0; i < ratings.length && excellent > 0; i++)
        if (ratings[i] === Rating.WELL) {
          ratings[i] = Rating.EXCELLENT;
          excellent--;
        }
      const order = members
        .map((c, i) => ({ c, r: ratings[i]! }))
        .sort((a, b) => Number(a.r === Rating.EXCELLENT) - Number(b.r === Rating.EXCELLENT));
      for (const { c, r } of order) {
        const score =
          r === Rating.EXCELLENT
            ? rng.int(90, 98)
            : r === Rating.WELL
              ? rng.int(75, 89)
              : r === Rating.COMPLETED
                ? rng.int(55, 69)
                : rng.int(30, 49);
        evaluationRows.push({
          cadreId: c.id,
          year: y,
          unitId: c.unit_id,
          taskGroup: c.mgr ? 'LEADERS' : 'STAFF',
          self: `Năm ${y}, bản thân đã hoàn thành các nhiệm vụ trọng tâm theo kế hoạch công tác cá nhân.`,
          head: r === Rating.COMPLETED ? 'Hoàn thành nhiệm vụ, còn chậm một số việc.' : 'Chủ động, trách nhiệm, gần dân.',
          score,
          rating: r,
        });
      }
    }
    for (const c of cadres.filter((x) => x.mgr && employed(x, y)))
      workPlans.push({
        cadreId: c.id,
        year: y,
        tasks: [
          {
            title: 'Giải quyết đúng hạn 100% hồ sơ thủ tục hành chính thuộc lĩnh vực phụ trách',
            deadline: `${y}-12-15`,
            output: 'Báo cáo kết quả giải quyết hồ sơ',
            result: y < thisYear ? 'Đạt 98%' : null,
          },
          {
            title: 'Tiếp công dân theo lịch và đối thoại với Nhân dân khu phố',
            deadline: `${y}-12-31`,
            output: 'Sổ tiếp công dân, biên bản đối thoại',
            result: null,
          },
        ],
      });
  }
  await bulkInsert(
    manager,
    'evaluation',
    [
      { name: 'version', type: 'int', value: () => 1 },
      { name: 'cadre_id', type: 'uuid', value: (r: (typeof evaluationRows)[number]) => r.cadreId },
      { name: 'year', type: 'int', value: (r) => r.year },
      { name: 'unit_id', type: 'uuid', value: (r) => r.unitId },
      { name: 'task_group', type: 'text', value: (r) => r.taskGroup },
      { name: 'self_assessment', type: 'text', value: (r) => r.self },
      { name: 'unit_head_assessment', type: 'text', value: (r) => r.head },
      { name: 'score', type: 'numeric', value: (r) => r.score },
      { name: 'rating', type: 'rating', value: (r) => r.rating },
      { name: 'rule_set_id', type: 'text', value: (r) => s.evaluations.rulesFor(r.year).id },
      { name: 'rated_by_id', type: 'uuid', value: () => keeper.id },
    ],
    evaluationRows,
  );
  await bulkInsert(
    manager,
    'work_plan',
    [
      { name: 'version', type: 'int', value: () => 1 },
      { name: 'cadre_id', type: 'uuid', value: (r: (typeof workPlans)[number]) => r.cadreId },
      { name: 'year', type: 'int', value: (r) => r.year },
      { name: 'tasks', type: 'jsonb', value: (r) => JSON.stringify(r.tasks) },
    ],
    workPlans,
  );

  // 4. The Front's public evaluation of leaders' attitude; one is found distant from the people this year.
  const leaders = cadres.filter((c) => c.mgr);
  const attitudes: Array<{
    cadreId: string;
    year: number;
    respondents: number;
    pct: number;
    rating: AttitudeRating;
    note: string | null;
  }> = [];
  for (const y of years)
    for (const [i, c] of leaders.entries()) {
      if (!employed(c, y)) continue;
      const poor = y === thisYear && thisYear > BASELINE_YEAR && i === 3;
      attitudes.push({
        cadreId: c.id,
        year: y,
        respondents: rng.int(40, 90),
        pct: poor ? 41.5 : rng.int(78, 97),
        rating: poor ? AttitudeRating.POOR : AttitudeRating.GOOD,
        note: poor ? 'Nhiều ý kiến phản ánh chậm trả lời kiến nghị của cử tri.' : null,
      });
    }
  await bulkInsert(
    manager,
    'attitude_evaluation',
    [
      { name: 'version', type: 'int', value: () => 1 },
      { name: 'cadre_id', type: 'uuid', value: (r: (typeof attitudes)[number]) => r.cadreId },
      { name: 'year', type: 'int', value: (r) => r.year },
      { name: 'respondents', type: 'int', value: (r) => r.respondents },
      { name: 'satisfied_percent', type: 'numeric', value: (r) => r.pct },
      { name: 'rating', type: 'attitude_rating', value: (r) => r.rating },
      { name: 'note', type: 'text', value: (r) => r.note },
    ],
    attitudes,
  );

  // 5. Procedures and survey answers (coverage 85% in the first year, 93% in the current one).
  const handlers = cadres.filter((c) => c.body === 'GOVERNMENT' && !c.mgr);
  const procs: Array<{ id: string; receipt: string; name: string; day: string; year: number; unitId: string; cadreId: string }> =
    [];
  const answers: Array<{
    procId: string;
    name: string;
    day: string;
    year: number;
    unitId: string;
    cadreId: string;
    score: number;
    comment: string | null;
    channel: string;
  }> = [];
  for (const y of years) {
    const count = y === BASELINE_YEAR ? 1400 : 1700;
    const coverage = y === BASELINE_YEAR ? 0.85 : 0.93;
    const endMonth = y === thisYear ? Number(today.slice(5, 7)) : 12;
    for (let i = 0; i < count; i++) {
      const h = rng.pick(handlers);
      const month = rng.int(1, endMonth);
      const dayOfMonth = rng.int(1, 28);
      const d = `${y}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
      if (d > lastDay(y)) continue;
      const id = uuidFrom(rng);
      const name = rng.pick(PROCEDURES);
      procs.push({
        id,
        receipt: `AB-${y}-${String(i + 1).padStart(6, '0')}`,
        name,
        day: d,
        year: y,
        unitId: h.unit_id,
        cadreId: h.id,
      });
      if (rng.chance(coverage)) {
        const score = rng.weighted([
          [5, 52],
          [4, 33],
          [3, 10],
          [2, 3],
          [1, 2],
        ] as const);
        answers.push({
          procId: id,
          name,
          day: d,
          year: y,
          unitId: h.unit_id,
          cadreId: h.id,
          score,
          comment: rng.chance(0.2) ? rng.pick(COMMENTS) : null,
          channel: rng.chance(0.4) ? 'PUBLIC' : 'STAFF',
        });
      }
    }
  }
  // Three unanswered procedures of this year carry known survey codes, so the citizen's page's
  // survey (/gui-don/khao-sat) can be tried on the demo (docs/demo-data.md lists them).
  const answered = new Set(answers.map((a) => a.procId));
  const codes = new Map(
    procs
      .filter((p) => p.year === thisYear && !answered.has(p.id))
      .slice(0, DEMO_SURVEY_CODES.length)
      .map((p, i) => [p.id, surveyCodeHash(DEMO_SURVEY_CODES[i]!)]),
  );
  await bulkInsert(
    manager,
    'procedure_case',
    [
      { name: 'id', type: 'uuid', value: (r: (typeof procs)[number]) => r.id },
      { name: 'receipt_number', type: 'text', value: (r) => r.receipt },
      { name: 'procedure_name', type: 'text', value: (r) => r.name },
      { name: 'completed_on', type: 'date', value: (r) => r.day },
      { name: 'year', type: 'int', value: (r) => r.year },
      { name: 'unit_id', type: 'uuid', value: (r) => r.unitId },
      { name: 'cadre_id', type: 'uuid', value: (r) => r.cadreId },
      { name: 'survey_code_hash', type: 'text', value: (r) => codes.get(r.id) ?? null },
    ],
    procs,
  );
  await bulkInsert(
    manager,
    'satisfaction_result',
    [
      { name: 'procedure_case_id', type: 'uuid', value: (r: (typeof answers)[number]) => r.procId },
      { name: 'procedure_name', type: 'text', value: (r) => r.name },
      { name: 'surveyed_on', type: 'date', value: (r) => r.day },
      { name: 'year', type: 'int', value: (r) => r.year },
      { name: 'unit_id', type: 'uuid', value: (r) => r.unitId },
      { name: 'cadre_id', type: 'uuid', value: (r) => r.cadreId },
      { name: 'score', type: 'smallint', value: (r) => r.score },
      { name: 'comment', type: 'text', value: (r) => r.comment },
      { name: 'channel', type: 'satisfaction_channel', value: (r) => r.channel },
    ],
    answers,
  );

  // 6. Reception: the chairman weekly and the Secretary twice a month, published for the coming weeks;
  // sessions held monthly since 2025 and a dialogue each half-year.
  const chair = cadres.find((c) => c.post_code === 'PEOPLES_COMMITTEE_CHAIR');
  const secretary = cadres.find((c) => c.post_code === 'PARTY_SECRETARY');
  const reports = (
    (await manager.query(`SELECT id FROM report WHERE channel = 'RECEPTION' ORDER BY received_at, id LIMIT 6`)) as Array<{
      id: string;
    }>
  ).map((r) => r.id);
  if (chair && secretary) {
    for (let w = 0; w < 6; w++) {
      const d = addDays(today, 7 * w + ((4 - new Date(`${today}T00:00:00Z`).getUTCDay() + 7) % 7));
      await s.reception.schedule(staff, {
        kind: ReceptionKind.CITIZEN_RECEPTION,
        day: d,
        startsAt: '07:30',
        endsAt: '11:00',
        receiverCadreId: chair.id,
        location: 'Phòng tiếp công dân, trụ sở UBND phường An Biên',
      });
      if (w % 2 === 0)
        await s.reception.schedule(staff, {
          kind: ReceptionKind.CITIZEN_RECEPTION,
          day: addDays(d, 1),
          startsAt: '14:00',
          endsAt: '16:30',
          receiverCadreId: secretary.id,
          location: 'Trụ sở Đảng ủy phường An Biên',
        });
    }
    await s.reception.schedule(staff, {
      kind: ReceptionKind.DIRECT_DIALOGUE,
      day: addDays(today, 20),
      startsAt: '08:00',
      endsAt: '11:00',
      receiverCadreId: secretary.id,
      location: 'Nhà văn hóa khu phố 3',
    });
    let reportIndex = 0;
    for (const y of years)
      for (let m = 1; m <= 12; m++) {
        const d = `${y}-${String(m).padStart(2, '0')}-${String(rng.int(5, 25)).padStart(2, '0')}`;
        if (d > today) break;
        const linked = reportIndex < reports.length && rng.chance(0.5) ? [reports[reportIndex++]!] : [];
        await s.reception.recordSession(staff, {
          kind: ReceptionKind.CITIZEN_RECEPTION,
          heldOn: d,
          receiverCadreIds: [rng.chance(0.7) ? chair.id : secretary.id],
          citizenCount: rng.int(2, 14),
          summary:
            'Tiếp công dân định kỳ: phản ánh về trật tự xây dựng, hồ sơ đất đai, chính sách xã hội; đã hướng dẫn và chuyển bộ phận chuyên môn.',
          reportIds: linked,
        });
        if (m === 6 || m === 11)
          await s.reception.recordSession(staff, {
            kind: ReceptionKind.DIRECT_DIALOGUE,
            heldOn: d,
            receiverCadreIds: [secretary.id, chair.id],
            citizenCount: rng.int(60, 140),
            summary:
              'Đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền với Nhân dân về chỉnh trang đô thị và cải cách hành chính.',
            reportIds: [],
          });
      }
  }

  // 7. Rotations (luân chuyển): two pairs of civil servants of the government body swap offices, so
  // the register's history and `rotations` have entries; swapping keeps every unit's and body's
  // head count, which the demo's figures are checked against.
  const movable = cadres.filter((c) => c.body === 'GOVERNMENT' && !c.mgr);
  const rotated: Array<[SeedCadre, SeedCadre]> = [];
  for (const a of movable) {
    if (rotated.length === 2) break;
    if (rotated.some(([x, y]) => [x.id, y.id].includes(a.id) || [x.unit_id, y.unit_id].includes(a.unit_id))) continue;
    const b = movable.find(
      (c) => c.unit_id !== a.unit_id && !rotated.some(([x, y]) => [x.unit_id, y.unit_id].includes(c.unit_id)),
    );
    if (b) rotated.push([a, b]);
  }
  const unitNames = new Map(
    ((await manager.query(`SELECT id, name FROM unit`)) as Array<{ id: string; name: string }>).map((u) => [u.id, u.name]),
  );
  for (const [a, b] of rotated)
    for (const [c, to] of [
      [a, b.unit_id],
      [b, a.unit_id],
    ] as const) {
      await manager.query(`UPDATE cadre SET unit_id = $2, version = version + 1 WHERE id = $1`, [c.id, to]);
      await manager.query(`INSERT INTO cadre_history (cadre_id, kind, changes, note) VALUES ($1, 'ROTATED', $2, $3)`, [
        c.id,
        { unit: { from: unitNames.get(c.unit_id) ?? null, to: unitNames.get(to) ?? null } },
        'Luân chuyển để đào tạo, bồi dưỡng qua thực tiễn (dữ liệu mẫu)',
      ]);
    }
  logger.info({ procedures: procs.length, answers: answers.length, rotations: rotated.length * 2 }, 'demo quality data seeded');
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A version-4-shaped UUID from the generator (deterministic ids for bulk rows). */
export function uuidFrom(rng: Prng): string {
  const hex = Array.from({ length: 32 }, () => rng.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[rng.int(0, 3)]!;
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
