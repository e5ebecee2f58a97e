import type { EntityManager } from 'typeorm';
import type { Logger } from '../common/logger';
import { casesOf } from './report-cases';
import { Prng } from '../common/prng';
import type { RequestContext } from '../graphql/context';
import { type LoaderFactory, transactionContext } from '../graphql/request-context';
import { Account } from '../modules/accounts/account.entity';
import { IdentityAccess } from '../modules/reports/identity-access.entity';
import { IdentityAccessRequest, IdentityAccessStatus } from '../modules/reports/identity-access-request.entity';
import { DEMO_CHAIR_EMAIL } from './accounts.seed';
import {
  ReportField,
  ReportKind,
  ReportOutcome,
  ReportSource,
  ReportStatus,
  ReportChannel,
} from '../modules/reports/report.enums';
import type { ReportsService } from '../modules/reports/reports.service';
import { dayInVietnam } from '../common/date-rules';

const DAY = 24 * 3600 * 1000;

const PRESS: Array<{ outlet: string; title: string; slug: string; field: ReportField; excerpt: string }> = [
  {
    outlet: 'Báo Kiên Giang',
    title: 'Người dân phường An Biên chờ sổ đỏ nhiều tháng',
    slug: 'nguoi-dan-phuong-an-bien-cho-so-do-nhieu-thang',
    field: ReportField.LAND,
    excerpt: 'Nhiều hộ dân phản ánh hồ sơ cấp giấy chứng nhận quyền sử dụng đất bị chậm trễ, không được thông báo lý do.',
  },
  {
    outlet: 'Báo Tuổi Trẻ',
    title: 'Hẻm nhỏ ngập sau mưa vì công trình nâng cấp dang dở',
    slug: 'hem-nho-ngap-sau-mua-vi-cong-trinh-dang-do',
    field: ReportField.CONSTRUCTION,
    excerpt: 'Công trình nâng cấp hẻm thi công chậm khiến nước đọng sau mỗi trận mưa, người dân đi lại khó khăn.',
  },
  {
    outlet: 'Báo Thanh Niên',
    title: 'Bộ phận một cửa phường: người dân vẫn phải đi lại nhiều lần',
    slug: 'bo-phan-mot-cua-phuong-nguoi-dan-van-phai-di-lai',
    field: ReportField.ADMINISTRATIVE_PROCEDURE,
    excerpt: 'Phóng viên ghi nhận người dân phải bổ sung giấy tờ nhiều lần khi làm thủ tục chứng thực tại phường.',
  },
  {
    outlet: 'Báo Pháp Luật TP. Hồ Chí Minh',
    title: 'Dấu hiệu thu phí trông giữ xe vượt mức quy định trước chợ',
    slug: 'dau-hieu-thu-phi-trong-giu-xe-vuot-muc',
    field: ReportField.CORRUPTION,
    excerpt: 'Bãi giữ xe trước chợ thu phí cao hơn bảng niêm yết; người dân nghi ngờ có sự bao che.',
  },
];

const REPORTERS = [
  { fullName: 'Trần Thị Mai', phone: '0913 245 118', address: 'Tổ 4, khu phố 1, phường An Biên' },
  { fullName: 'Phạm Văn Lộc', phone: '0988 601 772', address: 'Tổ 11, khu phố 3, phường An Biên' },
  { fullName: 'Huỳnh Ngọc Ánh', phone: '0907 330 459', address: 'Tổ 2, khu phố 5, phường An Biên' },
];

/** The stage a demo report is left in, by how old it is, so the board shows a plausible mix. */
function targetStatus(prng: Prng, ageDays: number): ReportStatus {
  if (ageDays <= 3) return prng.pick([ReportStatus.RECEIVED, ReportStatus.RECEIVED, ReportStatus.CLASSIFIED]);
  if (ageDays <= 15)
    return prng.pick([ReportStatus.RECEIVED, ReportStatus.CLASSIFIED, ReportStatus.ACCEPTED, ReportStatus.UNDER_VERIFICATION]);
  if (ageDays <= 45) {
    return prng.weighted([
      [ReportStatus.RECEIVED, 1],
      [ReportStatus.ACCEPTED, 2],
      [ReportStatus.UNDER_VERIFICATION, 3],
      [ReportStatus.CONCLUDED, 2],
      [ReportStatus.CLOSED, 3],
      [ReportStatus.NOT_ACCEPTED, 1],
    ] as const);
  }
  return prng.weighted([
    [ReportStatus.CLOSED, 8],
    [ReportStatus.TRANSFERRED, 1],
    [ReportStatus.NOT_ACCEPTED, 1],
    [ReportStatus.UNDER_VERIFICATION, 1],
  ] as const);
}

const PATH: Partial<Record<ReportStatus, ReportStatus[]>> = {
  [ReportStatus.RECEIVED]: [],
  [ReportStatus.CLASSIFIED]: [ReportStatus.CLASSIFIED],
  [ReportStatus.ACCEPTED]: [ReportStatus.CLASSIFIED, ReportStatus.ACCEPTED],
  [ReportStatus.UNDER_VERIFICATION]: [ReportStatus.CLASSIFIED, ReportStatus.ACCEPTED, ReportStatus.UNDER_VERIFICATION],
  [ReportStatus.CONCLUDED]: [
    ReportStatus.CLASSIFIED,
    ReportStatus.ACCEPTED,
    ReportStatus.UNDER_VERIFICATION,
    ReportStatus.CONCLUDED,
  ],
  [ReportStatus.CLOSED]: [
    ReportStatus.CLASSIFIED,
    ReportStatus.ACCEPTED,
    ReportStatus.UNDER_VERIFICATION,
    ReportStatus.CONCLUDED,
    ReportStatus.CLOSED,
  ],
  [ReportStatus.NOT_ACCEPTED]: [ReportStatus.CLASSIFIED, ReportStatus.NOT_ACCEPTED],
  [ReportStatus.TRANSFERRED]: [ReportStatus.CLASSIFIED, ReportStatus.TRANSFERRED],
  [ReportStatus.INFORMATION]: [],
  [ReportStatus.INFORMATION_USED]: [ReportStatus.INFORMATION_USED],
  [ReportStatus.INFORMATION_FILED]: [ReportStatus.INFORMATION_FILED],
};

const INFORMATION_NOTES: Partial<Record<ReportStatus, string>> = {
  [ReportStatus.INFORMATION_USED]:
    'Nội dung cụ thể, có thể kiểm tra: đưa vào kế hoạch kiểm tra chuyên đề của Ủy ban Kiểm tra (Luật Tố cáo, Điều 25).',
  [ReportStatus.INFORMATION_FILED]: 'Nội dung chung chung, không có căn cứ để kiểm tra: lưu hồ sơ.',
};

/**
 * A plausible flow of reports over the past four months, made through the reports service (so
 * identities are sealed, timelines and events written exactly as in use) and then moved back in
 * time: every kind, source and stage, some due soon, some overdue, press articles, and
 * denunciations with protected identities.
 */
export async function seedDemoReports(
  manager: EntityManager,
  reports: ReportsService,
  makeLoaders: LoaderFactory,
  logger: Logger,
  now = new Date(),
): Promise<number> {
  const prng = new Prng(2025_0701);
  const staff = await manager.findOneByOrFail(Account, { email: 'tiepnhan@anbien.test' });
  const committee = await manager.findOneByOrFail(Account, { email: 'kiemtra@anbien.test' });
  const cadres: Array<{ id: string }> = await manager.query(`SELECT id FROM cadre ORDER BY full_name, id`);
  const ctxAs = (account: Account): RequestContext =>
    transactionContext(manager, makeLoaders, { requestId: 'demo-seed', account, logger, clientAddress: 'seed' });
  const asStaff = ctxAs(staff);
  const asCommittee = ctxAs(committee);

  const plans: Array<{
    ageDays: number;
    press?: (typeof PRESS)[number];
    kind: ReportKind;
    field: ReportField;
    source: ReportSource;
  }> = [];
  for (let i = 0; i < 56; i++) {
    const kind = prng.weighted([
      [ReportKind.FEEDBACK, 8],
      [ReportKind.COMPLAINT, 5],
      [ReportKind.PETITION, 4],
      [ReportKind.DENUNCIATION, 3],
    ] as const);
    const source = prng.weighted([
      [ReportSource.CITIZEN, 14],
      [ReportSource.FATHERLAND_FRONT, 2],
      [ReportSource.INTERNAL, 1],
      [ReportSource.HIGHER_LEVEL, 1],
    ] as const);
    plans.push({ ageDays: Math.floor(prng.next() ** 1.6 * 120), kind, source, field: prng.pick(Object.values(ReportField)) });
  }
  for (const [i, press] of PRESS.entries())
    plans.push({
      ageDays: [2, 12, 26, 60][i]!,
      press,
      kind: ReportKind.FEEDBACK,
      field: press.field,
      source: ReportSource.PRESS,
    });

  let denunciationsWithIdentity = 0;
  for (const [i, plan] of plans.entries()) {
    let reportId: string;
    if (plan.press) {
      const published = new Date(now.getTime() - (plan.ageDays + 1) * DAY).toISOString().slice(0, 10);
      const r = await reports.recordPress(asStaff, {
        outlet: plan.press.outlet,
        articleTitle: plan.press.title,
        url: `https://bao.example.vn/${plan.press.slug}.html`,
        publishedOn: published,
        excerpt: plan.press.excerpt,
        kind: ReportKind.FEEDBACK,
        field: plan.press.field,
        concerns: { cadreIds: [], unitIds: [], text: 'UBND phường An Biên' },
      });
      reportId = r.id;
    } else {
      const { title, content } = prng.pick(casesOf(plan.kind, plan.field));
      const withIdentity =
        plan.kind !== ReportKind.FEEDBACK &&
        (plan.kind !== ReportKind.DENUNCIATION || denunciationsWithIdentity < REPORTERS.length);
      const reporter = withIdentity ? REPORTERS[(denunciationsWithIdentity + i) % REPORTERS.length]! : undefined;
      if (withIdentity && plan.kind === ReportKind.DENUNCIATION) denunciationsWithIdentity++;
      const concerned = prng.chance(0.5) && cadres.length ? [prng.pick(cadres).id] : [];
      await reports.record(asStaff, {
        kind: plan.kind,
        field: plan.field,
        title,
        content: reporter ? `Tôi là ${reporter.fullName}, ${reporter.address}. ${content}` : content,
        source: plan.source,
        channel:
          plan.source === ReportSource.CITIZEN
            ? prng.pick([ReportChannel.WEB, ReportChannel.RECEPTION, ReportChannel.PHONE, ReportChannel.MAIL])
            : ReportChannel.MAIL,
        concerns: { cadreIds: concerned, unitIds: [], text: concerned.length ? undefined : 'Cán bộ phường (không rõ tên)' },
        reporter: reporter ? { ...reporter, wantsNotifications: false } : undefined,
      });
      const [row] = (await manager.query(`SELECT id FROM report ORDER BY created_at DESC, id LIMIT 1`)) as Array<{ id: string }>;
      reportId = row!.id;
    }
    // Handle it as far as its age suggests, then move its history back in time.
    let status = targetStatus(prng, plan.ageDays);
    const anonymousDenunciation = (
      await manager.query(`SELECT treated_as_information AS t FROM report WHERE id = $1`, [reportId])
    )[0].t as boolean;
    // Kept as information (Luật Tố cáo Art. 25): no clock; an old one was used to plan an inspection or filed.
    if (anonymousDenunciation)
      status =
        plan.ageDays > 45
          ? prng.chance(0.5)
            ? ReportStatus.INFORMATION_USED
            : ReportStatus.INFORMATION_FILED
          : ReportStatus.INFORMATION;
    if (plan.press && [ReportStatus.NOT_ACCEPTED, ReportStatus.TRANSFERRED].includes(status)) status = ReportStatus.CLOSED;
    let version = (await manager.query(`SELECT version FROM report WHERE id = $1`, [reportId]))[0].version as number;
    for (const to of PATH[status] ?? []) {
      const r = await reports.transition(asCommittee, {
        id: reportId,
        version,
        to,
        reason: to === ReportStatus.NOT_ACCEPTED ? 'Nội dung đã được giải quyết trước đây, không có tình tiết mới.' : undefined,
        transferredTo: to === ReportStatus.TRANSFERRED ? 'Thanh tra tỉnh Kiên Giang' : undefined,
        outcome: to === ReportStatus.CONCLUDED ? prng.pick(Object.values(ReportOutcome)) : undefined,
        conclusion:
          to === ReportStatus.CONCLUDED ? 'Đã xác minh tại chỗ, làm việc với các bên liên quan và lập biên bản.' : undefined,
        publicReply:
          to === ReportStatus.CLOSED
            ? 'Ủy ban nhân dân phường đã xem xét và trả lời bằng văn bản; xin cảm ơn ông/bà đã phản ánh.'
            : undefined,
        note: INFORMATION_NOTES[to],
      });
      version = r.version;
    }
    await backdate(manager, reportId, new Date(now.getTime() - plan.ageDays * DAY - prng.int(1, 8) * 3600 * 1000), now);
    await reports.recomputeDue(asCommittee, reportId);
  }
  // A duplicate of an earlier report, merged into it.
  const [original] = (await manager.query(
    `SELECT id FROM report WHERE source = 'CITIZEN' AND status = 'RECEIVED' AND kind IN ('FEEDBACK', 'PETITION') ORDER BY received_at LIMIT 1`,
  )) as Array<{ id: string }>;
  if (original) {
    const { title, content } = casesOf(ReportKind.FEEDBACK, ReportField.OTHER)[0]!;
    await reports.record(asStaff, {
      kind: ReportKind.FEEDBACK,
      field: ReportField.OTHER,
      title,
      content,
      source: ReportSource.CITIZEN,
      channel: ReportChannel.PHONE,
    });
    const [dup] = (await manager.query(`SELECT id, version FROM report ORDER BY created_at DESC, id LIMIT 1`)) as Array<{
      id: string;
      version: number;
    }>;
    await reports.transition(asCommittee, {
      id: dup!.id,
      version: dup!.version,
      to: ReportStatus.MERGED,
      mergeInto: original.id,
      note: 'Trùng nội dung',
    });
    await backdate(manager, dup!.id, new Date(now.getTime() - 5 * DAY), now);
  }
  await seedCustodianPath(manager, reports, asCommittee, committee, now);
  logger.info({ reports: plans.length + (original ? 1 : 0) }, 'demo reports seeded');
  return plans.length;
}

/**
 * The identity custodian's path, visible on first start: the newest denunciation with an
 * identity is handled by the demo committee member, whose request to read the identity the chair
 * granted, and who read it once (logged).
 */
async function seedCustodianPath(
  manager: EntityManager,
  reports: ReportsService,
  asCommittee: RequestContext,
  committee: Account,
  now: Date,
): Promise<void> {
  const chair = await manager.findOneByOrFail(Account, { email: DEMO_CHAIR_EMAIL });
  const [denunciation] = (await manager.query(
    `SELECT r.id, r.version FROM report r JOIN reporter_identity i ON i.report_id = r.id
      WHERE r.kind = 'DENUNCIATION' AND NOT r.treated_as_information ORDER BY r.received_at DESC, r.id LIMIT 1`,
  )) as Array<{ id: string; version: number }>;
  if (!denunciation) return;
  await reports.assign(asCommittee, { id: denunciation.id, version: denunciation.version, handlerId: committee.id });
  const grantedAt = new Date(now.getTime() - 2 * 3600 * 1000);
  const grant = await manager.save(
    manager.create(IdentityAccessRequest, {
      reportId: denunciation.id,
      requestedById: committee.id,
      reason: 'Cần liên hệ người tố cáo để làm rõ thời gian, địa điểm và người chứng kiến việc nhận tiền.',
      status: IdentityAccessStatus.GRANTED,
      decidedById: chair.id,
      decidedAt: grantedAt,
      decisionNote: 'Đồng ý, chỉ dùng để xác minh nội dung tố cáo.',
      createdAt: new Date(grantedAt.getTime() - 3600 * 1000),
    }),
  );
  await manager.insert(IdentityAccess, {
    reportId: denunciation.id,
    accountId: committee.id,
    requestId: 'demo-seed',
    grantId: grant.id,
    accessedAt: new Date(grantedAt.getTime() + 1800 * 1000),
  });
}

/** Moves a report's receipt to `receivedAt` and spreads its later steps over the days after it. */
async function backdate(manager: EntityManager, reportId: string, receivedAt: Date, now: Date): Promise<void> {
  const entries: Array<{ id: string; type: string; to_status: string | null }> = await manager.query(
    `SELECT id, type, to_status FROM report_timeline_entry WHERE report_id = $1 ORDER BY id`,
    [reportId],
  );
  const span = Math.max(0, now.getTime() - receivedAt.getTime());
  const step = entries.length > 1 ? Math.min(4 * DAY, span / entries.length) : 0;
  let acceptedAt: Date | null = null;
  let last = receivedAt;
  const eventTimes: Date[] = [];
  // The days the moves recorded (acceptance, forwarding, conclusion, reply) follow their steps.
  const dayOf: Partial<Record<string, string>> = {};
  for (const [k, e] of entries.entries()) {
    const at = new Date(receivedAt.getTime() + k * step);
    await manager.query(`UPDATE report_timeline_entry SET at = $1 WHERE id = $2`, [at, e.id]);
    if (e.to_status === ReportStatus.ACCEPTED) acceptedAt = at;
    if (e.type === 'TRANSITION' && e.to_status) dayOf[e.to_status] = dayInVietnam(at);
    if (e.type === 'RECEIVED' || e.type === 'TRANSITION') eventTimes.push(at);
    last = at;
  }
  await manager.query(
    `UPDATE report SET received_at = $2, stage_started_at = $3, accepted_at = $4, created_at = $2,
            accepted_on = CASE WHEN accepted_on IS NULL THEN NULL ELSE $5::date END,
            forwarded_on = CASE WHEN forwarded_on IS NULL THEN NULL ELSE $6::date END,
            concluded_on = CASE WHEN concluded_on IS NULL THEN NULL ELSE $7::date END,
            replied_on = CASE WHEN replied_on IS NULL THEN NULL ELSE $8::date END
      WHERE id = $1`,
    [
      reportId,
      receivedAt,
      last,
      acceptedAt,
      dayOf[ReportStatus.ACCEPTED] ?? null,
      dayOf[ReportStatus.TRANSFERRED] ?? null,
      dayOf[ReportStatus.CONCLUDED] ?? null,
      dayOf[ReportStatus.CLOSED] ?? null,
    ],
  );
  // The events of this report, in the order they were written, get the times of their steps.
  const events: Array<{ id: string }> = await manager.query(
    `SELECT id FROM outbox_event WHERE payload->>'reportId' = $1 ORDER BY id`,
    [reportId],
  );
  for (const [k, e] of events.entries()) {
    await manager.query(`UPDATE outbox_event SET occurred_at = $1 WHERE id = $2`, [eventTimes[k] ?? last, e.id]);
  }
}

/**
 * The recusal story on first start: a denunciation names a member of the Inspection Committee
 * only in free text ("chị Vân ở Văn phòng Đảng ủy"), so she can read it; intake then links her
 * cadre by a correction with a reason, and the report leaves her account (and her board) at once.
 * Both steps are in the report's timeline.
 */
export async function seedDemoCorrectionStory(
  manager: EntityManager,
  reports: ReportsService,
  makeLoaders: LoaderFactory,
  logger: Logger,
  member: { cadreId: string; fullName: string; unitName: string },
  now = new Date(),
): Promise<string> {
  const staff = await manager.findOneByOrFail(Account, { email: 'tiepnhan@anbien.test' });
  const asStaff = transactionContext(manager, makeLoaders, {
    requestId: 'demo-seed',
    account: staff,
    logger,
    clientAddress: 'seed',
  });
  const givenName = member.fullName.split(' ').at(-1)!;
  const named = `chị ${givenName} ở ${member.unitName}`;
  await reports.record(asStaff, {
    kind: ReportKind.DENUNCIATION,
    field: ReportField.CORRUPTION,
    title: 'Tố cáo cán bộ nhận quà để bỏ qua sai phạm khi kiểm tra',
    content: `Tôi là Phạm Văn Lộc, Tổ 11, khu phố 3. Tôi tố cáo ${named} đã nhận quà của một hộ kinh doanh để bỏ qua sai phạm trong đợt kiểm tra tháng trước.`,
    source: ReportSource.CITIZEN,
    channel: ReportChannel.RECEPTION,
    concerns: { cadreIds: [], unitIds: [], text: named },
    reporter: { ...REPORTERS[1]!, wantsNotifications: false },
  });
  const [row] = (await manager.query(`SELECT id FROM report ORDER BY created_at DESC, id LIMIT 1`)) as Array<{ id: string }>;
  await backdate(manager, row!.id, new Date(now.getTime() - 2 * DAY), now);
  // Its deadline runs from the moved receipt, so the correction below changes the subjects only
  // (without this the correction recomputed the deadline from the moved receipt and added a
  // DUE_AT entry of its own, on most days the demo could be started).
  await reports.recomputeDue(asStaff, row!.id);
  const [{ version }] = (await manager.query(`SELECT version FROM report WHERE id = $1`, [row!.id])) as [{ version: number }];
  const corrected = await reports.correct(asStaff, {
    id: row!.id,
    version,
    concernedCadreIds: [member.cadreId],
    reason: `Đối chiếu danh sách cán bộ: "${named}" là đồng chí ${member.fullName}, ủy viên Ủy ban Kiểm tra; đồng chí phải tránh khi xử lý đơn này.`,
  });
  return corrected.id;
}

/**
 * The handling rules of issue 22 as the demo ward shows them on first start: a complex case found
 * so during verification and extended by a decision; a denunciation forwarded to the competent
 * body with its forwarding day; an anonymous denunciation kept as information, without a
 * deadline; a press report merged into a citizen's report, its reply still due; and an acceptance
 * day corrected with a reason, the history kept and the deadline recomputed.
 */
export async function seedDemoHandlingStories(
  manager: EntityManager,
  reports: ReportsService,
  makeLoaders: LoaderFactory,
  logger: Logger,
  now = new Date(),
): Promise<void> {
  const staff = await manager.findOneByOrFail(Account, { email: 'tiepnhan@anbien.test' });
  const committee = await manager.findOneByOrFail(Account, { email: 'kiemtra@anbien.test' });
  const ctxAs = (account: Account): RequestContext =>
    transactionContext(manager, makeLoaders, { requestId: 'demo-seed', account, logger, clientAddress: 'seed' });
  const asStaff = ctxAs(staff);
  const asCommittee = ctxAs(committee);
  const day = (daysAgo: number) => dayInVietnam(new Date(now.getTime() - daysAgo * DAY));
  const byTitle = async (title: string) =>
    (
      (await manager.query(`SELECT id, version FROM report WHERE title = $1`, [title])) as Array<{ id: string; version: number }>
    )[0]!;
  const version = async (id: string) =>
    ((await manager.query(`SELECT version FROM report WHERE id = $1`, [id])) as Array<{ version: number }>)[0]!.version;
  /** Records a report received `daysAgo` days ago and returns its id. */
  const received = async (daysAgo: number, input: Omit<Parameters<ReportsService['record']>[1], 'source' | 'channel'>) => {
    await reports.record(asStaff, { ...input, source: ReportSource.CITIZEN, channel: ReportChannel.RECEPTION } as Parameters<
      ReportsService['record']
    >[1]);
    const { id } = await byTitle(input.title);
    await backdate(manager, id, new Date(now.getTime() - daysAgo * DAY), now);
    await reports.recomputeDue(asCommittee, id);
    return id;
  };
  const move = async (id: string, to: ReportStatus, extra: Record<string, unknown> = {}) =>
    reports.transition(asCommittee, { id, version: await version(id), to, ...extra });

  // A complex case, found so during verification, extended once by a decision (Luật Tố cáo Art. 30).
  const complex = await received(40, {
    kind: ReportKind.DENUNCIATION,
    field: ReportField.LAND,
    title: 'Tố cáo sai phạm trong đo đạc, cấp giấy chứng nhận tại khu phố 4',
    content:
      'Tôi là Huỳnh Ngọc Ánh. Tôi tố cáo việc đo đạc lại thửa đất của nhiều hộ ở khu phố 4 làm sai lệch diện tích, có dấu hiệu nhận tiền của người được lợi.',
    concerns: { cadreIds: [], unitIds: [], text: 'Cán bộ địa chính phường' },
    reporter: { ...REPORTERS[2]!, wantsNotifications: false },
  });
  await move(complex, ReportStatus.CLASSIFIED);
  await move(complex, ReportStatus.ACCEPTED, { decidedOn: day(36) });
  await move(complex, ReportStatus.UNDER_VERIFICATION, {
    complexity: 'COMPLEX',
    complexityReason: 'Phải xác minh hồ sơ địa chính của 14 hộ và trưng cầu đo đạc lại: vụ việc phức tạp.',
  });
  await reports.extend(asCommittee, {
    id: complex,
    version: await version(complex),
    days: 30,
    reason: 'Vụ việc phức tạp: cần thêm thời gian đo đạc đối chứng tại hiện trường.',
    decisionNumber: '07/QĐ-UBKT',
    decidedOn: day(8),
  });
  // The extension decision's signing day was entered wrongly: corrected with a reason, the old day
  // kept on the timeline (EXTENSION_DECIDED_ON), the deadline rechecked.
  const [extension] = await reports.extensionsOf(asCommittee, complex);
  await reports.correct(asCommittee, {
    id: complex,
    version: await version(complex),
    reason: 'Quyết định gia hạn số 07/QĐ-UBKT ký hai ngày trước ngày đã nhập: đối chiếu sổ quyết định.',
    extension: { id: extension!.id, decidedOn: day(10) },
  });

  // A denunciation the ward is not competent for, forwarded with its day (5 working days, Art. 24(2)).
  const forwarded = await received(12, {
    kind: ReportKind.DENUNCIATION,
    field: ReportField.PUBLIC_FINANCE,
    title: 'Tố cáo sai phạm trong dự án do tỉnh làm chủ đầu tư',
    content:
      'Tôi là Trần Thị Mai. Tôi tố cáo việc nghiệm thu khống khối lượng của dự án kè sông do Ban quản lý dự án tỉnh làm chủ đầu tư.',
    concerns: { cadreIds: [], unitIds: [], text: 'Ban quản lý dự án tỉnh' },
    reporter: { ...REPORTERS[0]!, wantsNotifications: false },
  });
  await move(forwarded, ReportStatus.CLASSIFIED);
  await move(forwarded, ReportStatus.TRANSFERRED, {
    transferredTo: 'Thanh tra tỉnh (cơ quan có thẩm quyền giải quyết)',
    decidedOn: day(8),
    note: 'Người bị tố cáo không thuộc thẩm quyền quản lý của phường.',
  });

  // An anonymous denunciation, kept as information without a deadline (Art. 25).
  await received(20, {
    kind: ReportKind.DENUNCIATION,
    field: ReportField.CORRUPTION,
    title: 'Thư không ký tên về việc thu tiền khi cấp phép sửa nhà',
    content: 'Có người phải đưa tiền mới được cấp phép sửa chữa nhà ở khu phố 6, đề nghị kiểm tra hồ sơ cấp phép năm 2026.',
    concerns: { cadreIds: [], unitIds: [], text: 'Bộ phận cấp phép xây dựng' },
  });

  // A press report merged into a citizen's feedback: its 30-day reply duty (Luật Báo chí Art. 39) goes on.
  const citizen = await received(9, {
    kind: ReportKind.FEEDBACK,
    field: ReportField.CONSTRUCTION,
    title: 'Vật liệu xây dựng lấn chiếm hẻm 21 khu phố 2',
    content: 'Một công trình để cát đá chiếm hết lối đi hẻm 21 khu phố 2 nhiều tuần, xe cứu thương không vào được.',
    concerns: { cadreIds: [], unitIds: [], text: 'UBND phường An Biên' },
  });
  await move(citizen, ReportStatus.CLASSIFIED);
  await move(citizen, ReportStatus.ACCEPTED, { decidedOn: day(6) });
  const press = await reports.recordPress(asStaff, {
    outlet: 'Báo Kiên Giang',
    articleTitle: 'Hẻm 21 bị chiếm làm bãi vật liệu, người dân bức xúc',
    url: 'https://bao.example.vn/hem-21-bi-chiem-lam-bai-vat-lieu.html',
    publishedOn: day(5),
    excerpt: 'Phóng viên ghi nhận cát đá chiếm lối đi hẻm 21 khu phố 2; báo đề nghị chính quyền phường trả lời.',
    kind: ReportKind.FEEDBACK,
    field: ReportField.CONSTRUCTION,
    concerns: { cadreIds: [], unitIds: [], text: 'UBND phường An Biên' },
  });
  await backdate(manager, press.id, new Date(now.getTime() - 4 * DAY), now);
  await reports.recomputeDue(asCommittee, press.id);
  await move(press.id, ReportStatus.MERGED, { mergeInto: citizen, note: 'Cùng nội dung với phản ánh của người dân' });

  // An acceptance day entered wrongly, corrected with a reason by the member who recorded it.
  const complaint = await received(20, {
    kind: ReportKind.COMPLAINT,
    field: ReportField.ADMINISTRATIVE_PROCEDURE,
    title: 'Khiếu nại quyết định từ chối cấp giấy phép kinh doanh hộ cá thể',
    content:
      'Tôi là Phạm Văn Lộc. Tôi khiếu nại quyết định từ chối cấp giấy chứng nhận đăng ký hộ kinh doanh vì hồ sơ của tôi đã đủ theo quy định.',
    concerns: { cadreIds: [], unitIds: [], text: 'Bộ phận một cửa' },
    reporter: { ...REPORTERS[1]!, wantsNotifications: false },
  });
  await move(complaint, ReportStatus.CLASSIFIED);
  await move(complaint, ReportStatus.ACCEPTED, { decidedOn: day(12) });
  await reports.correct(asCommittee, {
    id: complaint,
    version: await version(complaint),
    acceptedOn: day(15),
    reason: 'Quyết định thụ lý số 15/QĐ-UBND ký ba ngày trước ngày đã nhập: nhập nhầm ngày vào sổ.',
  });
  logger.info('demo handling stories seeded');
}
