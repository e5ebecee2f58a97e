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
    if (anonymousDenunciation && ![ReportStatus.RECEIVED, ReportStatus.CLASSIFIED].includes(status))
      status = ReportStatus.CLASSIFIED;
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
      });
      version = r.version;
    }
    await backdate(manager, reportId, new Date(now.getTime() - plan.ageDays * DAY - prng.int(1, 8) * 3600 * 1000), now);
    await reports.recomputeDue(asCommittee, reportId);
  }
  // A duplicate of an earlier report, merged into it.
  const [original] = (await manager.query(
    `SELECT id FROM report WHERE source = 'CITIZEN' AND status = 'RECEIVED' ORDER BY received_at LIMIT 1`,
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
  for (const [k, e] of entries.entries()) {
    const at = new Date(receivedAt.getTime() + k * step);
    await manager.query(`UPDATE report_timeline_entry SET at = $1 WHERE id = $2`, [at, e.id]);
    if (e.to_status === ReportStatus.ACCEPTED) acceptedAt = at;
    if (e.type === 'RECEIVED' || e.type === 'TRANSITION') eventTimes.push(at);
    last = at;
  }
  await manager.query(
    `UPDATE report SET received_at = $2, stage_started_at = $3, accepted_at = $4, created_at = $2 WHERE id = $1`,
    [reportId, receivedAt, last, acceptedAt],
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
  const [row] = (await manager.query(`SELECT id, version FROM report ORDER BY created_at DESC, id LIMIT 1`)) as Array<{
    id: string;
    version: number;
  }>;
  await backdate(manager, row!.id, new Date(now.getTime() - 2 * DAY), now);
  const corrected = await reports.correct(asStaff, {
    id: row!.id,
    version: row!.version,
    concernedCadreIds: [member.cadreId],
    reason: `Đối chiếu danh sách cán bộ: "${named}" là đồng chí ${member.fullName}, ủy viên Ủy ban Kiểm tra; đồng chí phải tránh khi xử lý đơn này.`,
  });
  return corrected.id;
}
