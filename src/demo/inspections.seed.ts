import type { EntityManager } from 'typeorm';
import type { Logger } from '../common/logger';
import { todayInVietnam } from '../common/validation';
import type { RequestContext } from '../graphql/context';
import { type LoaderFactory, transactionContext } from '../graphql/request-context';
import { Account } from '../modules/accounts/account.entity';
import type { CommendationsService } from '../modules/commendations/commendations.service';
import { CommendationForm, CommendationLevel } from '../modules/commendations/commendation.entity';
import type { DisciplineService } from '../modules/discipline/discipline.service';
import type { CorrectionsService } from '../modules/corrections/corrections.service';
import { CorrectableField, CorrectableItem } from '../modules/corrections/decision-correction.entity';
import {
  DecidingBody,
  DeferralReason,
  DisciplineForm,
  DisciplineStatus,
  DisciplineSubjectType,
} from '../modules/discipline/discipline.enums';
import { ReportChannel, ReportField, ReportKind, ReportSource, ReportStatus } from '../modules/reports/report.enums';
import type { ReportsService } from '../modules/reports/reports.service';
import {
  FindingArea,
  FindingRecommendation,
  FindingSeverity,
  InspectionStatus,
  InspectionSubjectType,
  OverallAssessment,
} from '../modules/inspections/inspection.enums';
import type { InspectionsService } from '../modules/inspections/inspections.service';
import { PlanScope } from '../modules/inspections/plan.entity';
import type { PlansService } from '../modules/inspections/plans.service';
import { inspectionPeriod, inspectionTitle } from './inspection-titles';

export interface InspectionSeedServices {
  inspections: InspectionsService;
  plans: PlansService;
  discipline: DisciplineService;
  commendations: CommendationsService;
  corrections: CorrectionsService;
  reports: ReportsService;
  makeLoaders: LoaderFactory;
}

function daysAgo(n: number): string {
  const d = new Date(`${todayInVietnam()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

const FINDING_TEXT: Record<FindingArea, string> = {
  [FindingArea.CORRUPTION]: 'Có biểu hiện gợi ý người dân nộp thêm tiền ngoài lệ phí để giải quyết hồ sơ nhanh.',
  [FindingArea.DISTANCE_FROM_PEOPLE]: 'Không bố trí cán bộ trực tiếp dân theo lịch đã niêm yết trong nhiều tuần.',
  [FindingArea.STAGNATION]: 'Nhiều hồ sơ tồn đọng quá hạn, né tránh, đùn đẩy trách nhiệm giữa các bộ phận.',
  [FindingArea.PARTY_FINANCE]: 'Thu, nộp đảng phí chưa đúng quy định; sổ sách chưa cập nhật kịp thời.',
  [FindingArea.LAND_AND_CONSTRUCTION]: 'Chậm xử lý công trình xây dựng không phép trong hẻm 7 khu phố 2.',
  [FindingArea.PUBLIC_FINANCE]: 'Chưa công khai thu chi quỹ đóng góp xây dựng nhà văn hóa khu phố.',
  [FindingArea.ADMINISTRATIVE_PROCEDURE]: 'Yêu cầu bổ sung giấy tờ ngoài danh mục thủ tục hành chính đã công bố.',
  [FindingArea.ETHICS_AND_LIFESTYLE]: 'Thái độ giao tiếp với người dân chưa đúng mực, có phản ánh của Mặt trận.',
  [FindingArea.EXECUTION_OF_DISCIPLINE]: 'Chậm tổ chức thi hành quyết định kỷ luật đảng viên của cấp trên.',
  [FindingArea.OTHER]: 'Hồ sơ lưu trữ cuộc kiểm tra trước chưa đầy đủ biên bản.',
};

/**
 * The demo ward's inspection work, made through the services (so events, rules and history are
 * written as in use): a 2025-2030 programme and a plan for the current year, inspections in every
 * stage, findings in every area and severity, discipline cases in several stages (one thematic
 * inspection triggered by a report leads to a final decision) and commendations.
 */
export async function seedDemoInspections(manager: EntityManager, s: InspectionSeedServices, logger: Logger): Promise<void> {
  const committee = await manager.findOneByOrFail(Account, { email: 'kiemtra@anbien.test' });
  const standing = await manager.findOneByOrFail(Account, { email: 'thuongvu@anbien.test' });
  const ctxAs = (account: Account): RequestContext =>
    transactionContext(manager, s.makeLoaders, { requestId: 'demo-seed', account, logger, clientAddress: 'seed' });
  const ic = ctxAs(committee);
  const sc = ctxAs(standing);
  const year = Number(todayInVietnam().slice(0, 4));

  // Subjects: Party members of the government body without a management post; the team from the Party office body.
  const subjects = (await manager.query(
    `SELECT c.id, c.unit_id, c.full_name FROM cadre c JOIN unit u ON u.id = c.unit_id JOIN post p ON p.id = c.post_id
      WHERE u.body = 'GOVERNMENT' AND c.party_member AND NOT p.is_management AND c.civil_service_category = 'CIVIL_SERVANT'
        AND (c.party_joined_on IS NULL OR c.party_joined_on < now() - interval '2 years') ORDER BY c.full_name, c.id`,
  )) as Array<{ id: string; unit_id: string; full_name: string }>;
  const team = (await manager.query(
    `SELECT c.id FROM cadre c JOIN unit u ON u.id = c.unit_id WHERE u.body = 'PARTY_OFFICE' AND c.status = 'ACTIVE' AND c.party_member ORDER BY c.full_name, c.id LIMIT 6`,
  )) as Array<{ id: string }>;
  const cells = (await manager.query(
    `SELECT id, name FROM unit WHERE kind = 'RESIDENTIAL_PARTY_CELL' ORDER BY code LIMIT 8`,
  )) as Array<{ id: string; name: string }>;
  if (subjects.length < 6 || team.length < 6 || cells.length < 4) {
    logger.warn(
      { subjects: subjects.length, team: team.length, cells: cells.length },
      'demo ward too small for the inspection demo; skipped',
    );
    return;
  }

  // Programmes.
  const term = await s.plans.create(ic, {
    scope: PlanScope.TERM,
    fromYear: 2025,
    toYear: 2030,
    title: 'Chương trình kiểm tra, giám sát toàn khóa nhiệm kỳ 2025-2030',
    issuingBody: 'Ban Chấp hành Đảng bộ phường An Biên',
    documentNumber: '05-CTr/ĐU',
  });
  const plan = await s.plans.create(ic, {
    scope: PlanScope.YEAR,
    fromYear: year,
    toYear: year,
    title: `Kế hoạch kiểm tra, giám sát năm ${year}`,
    issuingBody: 'Ủy ban Kiểm tra Đảng ủy phường An Biên',
    documentNumber: `12-KH/UBKT`,
  });
  for (let y = 2026; y <= 2030; y++) {
    await s.plans.addItem(ic, {
      planId: term.id,
      kind: 'EXECUTION_OF_DISCIPLINE',
      subjectType: InspectionSubjectType.UNIT,
      subjectUnitId: cells[y % cells.length]!.id,
      area: FindingArea.EXECUTION_OF_DISCIPLINE,
      plannedYear: y,
      plannedQuarter: 3,
      responsibleBody: 'Ủy ban Kiểm tra Đảng ủy phường',
    });
  }

  const makeInspection = async (
    i: number,
    target: InspectionStatus,
    kind: string,
    areas: FindingArea[],
    findings: FindingArea[],
    reportIds: string[] = [],
  ) => {
    const onCadre = i % 3 !== 2;
    const item = await s.plans.addItem(ic, {
      planId: plan.id,
      kind,
      subjectType: onCadre ? InspectionSubjectType.CADRE : InspectionSubjectType.UNIT,
      subjectCadreId: onCadre ? subjects[i % subjects.length]!.id : undefined,
      subjectUnitId: onCadre ? undefined : cells[i % cells.length]!.id,
      area: areas[0]!,
      plannedYear: year,
      plannedQuarter: (i % 4) + 1,
      responsibleBody: 'Ủy ban Kiểm tra Đảng ủy phường',
    });
    const insp = await s.inspections.create(ic, {
      kind,
      title: inspectionTitle(
        kind,
        areas[0]!,
        onCadre ? `đồng chí ${subjects[i % subjects.length]!.full_name}` : cells[i % cells.length]!.name,
      ),
      subjectType: item.subjectType,
      subjectCadreId: item.subjectCadreId ?? undefined,
      subjectUnitId: item.subjectUnitId ?? undefined,
      ...inspectionPeriod(i, year, todayInVietnam()),
      areas,
      reportIds,
      leaderId: team[i % team.length]!.id,
      memberIds: [team[(i + 1) % team.length]!.id, team[(i + 2) % team.length]!.id],
      internalNotes: 'Ghi chú nội bộ của đoàn: lịch làm việc, nguồn tin cần xác minh.',
      planItemId: item.id,
    });
    const findingIds: string[] = [];
    let version = insp.version;
    const path = [
      InspectionStatus.DECIDED,
      InspectionStatus.IN_PROGRESS,
      InspectionStatus.FINDINGS_REPORTED,
      InspectionStatus.CONCLUDED,
      InspectionStatus.FOLLOW_UP,
      InspectionStatus.CLOSED,
    ];
    const steps =
      target === InspectionStatus.CANCELLED
        ? [InspectionStatus.CANCELLED]
        : target === InspectionStatus.PLANNED
          ? []
          : path.slice(0, path.indexOf(target) + 1);
    for (const to of steps) {
      if (to === InspectionStatus.CLOSED) {
        for (const f of await manager.query(`SELECT id FROM follow_up_item WHERE inspection_id = $1 AND fulfilled_on IS NULL`, [
          insp.id,
        ]))
          await s.inspections.fulfilFollowUp(ic, {
            id: (f as { id: string }).id,
            fulfilledOn: daysAgo(5),
            note: 'Đơn vị đã báo cáo kết quả khắc phục.',
          });
      }
      const moved = await s.inspections.transition(ic, {
        id: insp.id,
        version,
        to,
        decisionNumber: to === InspectionStatus.DECIDED ? `${20 + i}-QĐ/UBKT` : undefined,
        decisionDate: to === InspectionStatus.DECIDED ? daysAgo(90 - i * 5) : undefined,
        issuingBody: to === InspectionStatus.DECIDED ? 'Ủy ban Kiểm tra Đảng ủy phường An Biên' : undefined,
        conclusion:
          to === InspectionStatus.CONCLUDED
            ? 'Đoàn kiểm tra kết luận: có ưu điểm, song còn hạn chế, thiếu sót như đã nêu; yêu cầu khắc phục.'
            : undefined,
        assessment:
          to === InspectionStatus.CONCLUDED
            ? findings.length
              ? OverallAssessment.SHORTCOMINGS
              : OverallAssessment.GOOD
            : undefined,
        reason: to === InspectionStatus.CANCELLED ? 'Nội dung đã được cấp trên kiểm tra trong cùng kỳ.' : undefined,
      });
      version = moved.version;
      if (to === InspectionStatus.CONCLUDED) {
        // Concluded weeks ago, after the decision: the follow-ups below fall due and are fulfilled after it.
        await manager.query(`UPDATE inspection SET concluded_at = now() - interval '25 days' WHERE id = $1`, [insp.id]);
      }
      if (to === InspectionStatus.IN_PROGRESS) {
        for (const [k, area] of findings.entries()) {
          const severity = Object.values(FindingSeverity)[(i + k) % 4]!;
          const rec =
            severity === FindingSeverity.SERIOUS_VIOLATION || (severity === FindingSeverity.VIOLATION && onCadre)
              ? FindingRecommendation.PROPOSE_DISCIPLINE
              : severity === FindingSeverity.OBSERVATION
                ? FindingRecommendation.REMIND
                : FindingRecommendation.CORRECT_BY_DATE;
          const f = await s.inspections.recordFinding(ic, {
            inspectionId: insp.id,
            description: FINDING_TEXT[area],
            area,
            severity,
            concernedCadreIds: insp.subjectCadreId ? [insp.subjectCadreId] : [],
            concernedUnitIds: insp.subjectUnitId ? [insp.subjectUnitId] : [subjects[i % subjects.length]!.unit_id],
            evidence: 'Biên bản làm việc; sổ theo dõi hồ sơ; ý kiến của Mặt trận.',
            recommendation: rec,
            correctBy: rec === FindingRecommendation.CORRECT_BY_DATE ? daysAgo(-30) : undefined,
          });
          findingIds.push(f.id);
        }
        version = (await manager.query(`SELECT version FROM inspection WHERE id = $1`, [insp.id]))[0].version as number;
      }
      if (to === InspectionStatus.CONCLUDED && (target === InspectionStatus.FOLLOW_UP || target === InspectionStatus.CLOSED)) {
        await s.inspections.addFollowUp(ic, {
          inspectionId: insp.id,
          text: 'Rà soát, khắc phục các hạn chế đã nêu và báo cáo Ủy ban Kiểm tra.',
          dueOn: daysAgo(target === InspectionStatus.FOLLOW_UP ? 7 : 20),
        });
      }
    }
    await manager.query(`UPDATE inspection SET created_at = now() - make_interval(days => $2) WHERE id = $1`, [
      insp.id,
      100 - i * 5,
    ]);
    return { insp, findingIds };
  };

  const areas = Object.values(FindingArea);
  await makeInspection(0, InspectionStatus.PLANNED, 'REGULAR_INSPECTION', [FindingArea.PARTY_FINANCE], []);
  await makeInspection(1, InspectionStatus.DECIDED, 'REGULAR_SUPERVISION', [FindingArea.DISTANCE_FROM_PEOPLE], []);
  await makeInspection(2, InspectionStatus.IN_PROGRESS, 'PARTY_FINANCE', [FindingArea.PARTY_FINANCE], areas.slice(0, 3));
  await makeInspection(
    3,
    InspectionStatus.FINDINGS_REPORTED,
    'THEMATIC_SUPERVISION',
    [FindingArea.ADMINISTRATIVE_PROCEDURE],
    areas.slice(3, 6),
  );
  await makeInspection(
    4,
    InspectionStatus.CONCLUDED,
    'EXECUTION_OF_DISCIPLINE',
    [FindingArea.EXECUTION_OF_DISCIPLINE],
    areas.slice(6, 8),
  );
  await makeInspection(5, InspectionStatus.FOLLOW_UP, 'REGULAR_INSPECTION', [FindingArea.STAGNATION], areas.slice(8, 10));
  await makeInspection(
    7,
    InspectionStatus.CLOSED,
    'REGULAR_SUPERVISION',
    [FindingArea.PUBLIC_FINANCE],
    [FindingArea.PUBLIC_FINANCE],
  );
  await makeInspection(8, InspectionStatus.CANCELLED, 'SIGNS_OF_VIOLATION', [FindingArea.OTHER], []);

  // The chain: a report about a cadre triggers a thematic inspection, whose finding leads to a decided, final case.
  // makeInspection(9, …) inspects subjects[9 % n]: the cadre the report names.
  const subject = subjects[9 % subjects.length]!;
  await s.reports.record(ic, {
    kind: ReportKind.DENUNCIATION,
    field: ReportField.LAND,
    title: 'Tố cáo cán bộ địa chính gây khó khăn khi cấp giấy chứng nhận',
    content: 'Người dân tố cáo cán bộ địa chính phường nhiều lần hẹn lại, gợi ý nộp thêm tiền để hồ sơ được giải quyết nhanh.',
    source: ReportSource.FATHERLAND_FRONT,
    channel: ReportChannel.MAIL,
    concerns: { cadreIds: [subject.id], unitIds: [] },
  });
  const [report] = (await manager.query(`SELECT id FROM report ORDER BY created_at DESC, id LIMIT 1`)) as Array<{ id: string }>;
  const thematic = await makeInspection(
    9,
    InspectionStatus.CONCLUDED,
    'THEMATIC_INSPECTION',
    [FindingArea.CORRUPTION, FindingArea.LAND_AND_CONSTRUCTION],
    [FindingArea.CORRUPTION],
    [report!.id],
  );
  // Passed on without the denouncer's identity, it is information (Luật Tố cáo Art. 25): used to plan this inspection.
  const [kept] = (await manager.query(`SELECT status, version FROM report WHERE id = $1`, [report!.id])) as Array<{
    status: ReportStatus;
    version: number;
  }>;
  if (kept?.status === ReportStatus.INFORMATION)
    await s.reports.transition(ic, {
      id: report!.id,
      version: kept.version,
      to: ReportStatus.INFORMATION_USED,
      note: 'Dùng làm thông tin để lập kế hoạch kiểm tra chuyên đề (Luật Tố cáo, Điều 25).',
    });
  const finalCase = await s.discipline.open(ic, {
    subjectType: DisciplineSubjectType.PARTY_MEMBER_FULL,
    cadreId: subject.id,
    findingId: thematic.findingIds[0],
    reportId: report!.id,
    violationSummary: 'Gây phiền hà, gợi ý nộp thêm tiền khi giải quyết hồ sơ cấp giấy chứng nhận quyền sử dụng đất.',
    violationDate: daysAgo(150),
  });
  const move = async (ctx: RequestContext, id: string, to: DisciplineStatus, extra: Record<string, unknown> = {}) => {
    const version = (await manager.query(`SELECT version FROM discipline_case WHERE id = $1`, [id]))[0].version as number;
    return s.discipline.transition(ctx, { id, version, to, ...extra });
  };
  await move(ic, finalCase.id, DisciplineStatus.UNDER_REVIEW, {
    selfCriticism: 'Tôi thành khẩn nhận khuyết điểm và xin sửa chữa.',
    explanation: 'Do áp lực hồ sơ tồn đọng.',
  });
  await move(ic, finalCase.id, DisciplineStatus.PROPOSED, { proposedForm: DisciplineForm.WARNING });
  await move(ic, finalCase.id, DisciplineStatus.DECIDED, {
    form: DisciplineForm.WARNING,
    decidedBy: DecidingBody.PARTY_INSPECTION_COMMITTEE,
    decidingBody: 'Ủy ban Kiểm tra Đảng ủy phường An Biên',
    decisionNumber: '03-QĐ/UBKT',
    decisionDate: daysAgo(45),
    effectiveDate: daysAgo(45),
  });
  await move(sc, finalCase.id, DisciplineStatus.FINAL);

  // A civil servant disciplined by the State side: the Party must be told within 5 days (left unsent: overdue on the board).
  const other = subjects[(9 + 1) % subjects.length]!;
  const stateCase = await s.discipline.open(ic, {
    subjectType: DisciplineSubjectType.CIVIL_SERVANT,
    cadreId: other.id,
    violationSummary: 'Để hồ sơ tồn đọng quá hạn kéo dài, không báo cáo lãnh đạo.',
    violationDate: daysAgo(120),
  });
  await move(ic, stateCase.id, DisciplineStatus.UNDER_REVIEW, { selfCriticism: 'Tôi nhận khuyết điểm.' });
  await move(ic, stateCase.id, DisciplineStatus.PROPOSED, { proposedForm: DisciplineForm.REPRIMAND });
  await move(ic, stateCase.id, DisciplineStatus.DECIDED, {
    form: DisciplineForm.REPRIMAND,
    decidedBy: DecidingBody.WARD_PEOPLES_COMMITTEE_CHAIRMAN,
    decidingBody: 'Chủ tịch Ủy ban nhân dân phường',
    decisionNumber: '215/QĐ-UBND',
    decisionDate: daysAgo(11),
    effectiveDate: daysAgo(11),
  });
  // The decision was signed a day earlier than typed in: corrected with a reason; the 5-day notice moves with it.
  const typed = (await manager.query(`SELECT version FROM discipline_case WHERE id = $1`, [stateCase.id]))[0].version as number;
  await s.corrections.correct(ic, {
    itemType: CorrectableItem.DISCIPLINE_CASE,
    id: stateCase.id,
    version: typed,
    field: CorrectableField.DECISION_DATE,
    value: daysAgo(12),
    reason: 'Ghi nhầm ngày: quyết định ký ngày hôm trước, vào sổ văn bản ngày hôm sau.',
  });

  const review = await s.discipline.open(ic, {
    subjectType: DisciplineSubjectType.PARTY_MEMBER_FULL,
    cadreId: subjects[5]!.id,
    violationSummary: 'Không tham gia sinh hoạt chi bộ nơi cư trú nhiều kỳ liên tiếp.',
    violationDate: daysAgo(60),
  });
  await move(ic, review.id, DisciplineStatus.UNDER_REVIEW);
  const deferred = await s.discipline.open(ic, {
    subjectType: DisciplineSubjectType.PARTY_MEMBER_FULL,
    cadreId: subjects[0]!.id,
    violationSummary: 'Sử dụng tài sản công vào việc riêng.',
    violationDate: daysAgo(200),
  });
  await move(ic, deferred.id, DisciplineStatus.DEFERRED, {
    deferralReason: DeferralReason.ILLNESS,
    deferralNote: 'Đang điều trị dài ngày tại bệnh viện tỉnh.',
  });

  // Commendations.
  await s.commendations.record(ic, {
    // From the Party office: no one disciplined this year (a commendation must fit its recipient).
    cadreId: team[1]!.id,
    form: CommendationForm.COMMENDATION_PAPER,
    level: CommendationLevel.WARD,
    decisionNumber: '18/QĐ-UBND',
    decisionDate: daysAgo(30),
    issuingBody: 'Ủy ban nhân dân phường An Biên',
    reason: 'Tận tình hướng dẫn người dân, không để hồ sơ trễ hẹn trong năm.',
  });
  await s.commendations.record(ic, {
    cadreId: team[0]!.id,
    form: CommendationForm.EXEMPLARY_PARTY_MEMBER,
    level: CommendationLevel.WARD,
    decisionNumber: '09-QĐ/ĐU',
    decisionDate: daysAgo(60),
    issuingBody: 'Ban Thường vụ Đảng ủy phường An Biên',
    reason: 'Đảng viên hoàn thành xuất sắc nhiệm vụ tiêu biểu năm 2025.',
  });
  await s.commendations.record(ic, {
    unitId: cells[0]!.id,
    form: CommendationForm.CLEAN_STRONG_ORGANISATION,
    level: CommendationLevel.WARD,
    decisionNumber: '10-QĐ/ĐU',
    decisionDate: daysAgo(60),
    issuingBody: 'Ban Thường vụ Đảng ủy phường An Biên',
    reason: 'Chi bộ hoàn thành tốt nhiệm vụ, được nhân dân tín nhiệm.',
  });
}
