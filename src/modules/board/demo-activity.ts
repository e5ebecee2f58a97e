import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../../common/logger';
import { Prng } from '../../common/prng';
import type { RequestContext } from '../../graphql/context';
import { applyDatabaseContext } from '../../db/database-roles';
import { databaseActor, type LoaderFactory, transactionContext } from '../../graphql/request-context';
import { Account } from '../accounts/account.entity';
import { Role } from '../../common/role.enum';
import { FindingArea, FindingRecommendation, FindingSeverity } from '../inspections/inspection.enums';
import type { InspectionsService } from '../inspections/inspections.service';
import { ReportChannel, ReportField, ReportKind, ReportOutcome, ReportSource, ReportStatus } from '../reports/report.enums';
import type { ReportsService } from '../reports/reports.service';
import { IN_PROGRESS_STAGES } from './board.service';
import { Ticker } from './ticker';

export interface DemoActivityServices {
  reports: ReportsService;
  inspections: InspectionsService;
  makeLoaders: LoaderFactory;
}

export type DemoStep = 'report' | 'transition' | 'finding' | 'skipped';

/** What citizens write about, by area (short, plausible, no personal data). */
const TOPICS: Array<[ReportField, string, string]> = [
  [
    ReportField.LAND,
    'Chậm giải quyết hồ sơ đất đai',
    'Hồ sơ chuyển mục đích sử dụng đất nộp hơn hai tháng chưa có kết quả, không được thông báo lý do.',
  ],
  [
    ReportField.CONSTRUCTION,
    'Công trình lấn chiếm lối đi chung',
    'Một hộ dân xây mái che lấn ra hẻm, xe cứu hỏa không vào được.',
  ],
  [
    ReportField.PUBLIC_FINANCE,
    'Đề nghị công khai quỹ khu phố',
    'Người dân đề nghị công khai thu chi quỹ vì người nghèo của khu phố trong năm.',
  ],
  [
    ReportField.ADMINISTRATIVE_PROCEDURE,
    'Bộ phận một cửa trả hồ sơ trễ hẹn',
    'Giấy hẹn ghi năm ngày làm việc nhưng sau hai tuần chưa nhận được kết quả.',
  ],
  [
    ReportField.CADRE_ATTITUDE,
    'Cán bộ tiếp dân thiếu niềm nở',
    'Cán bộ tiếp nhận hồ sơ không hướng dẫn, yêu cầu người dân tự tra cứu trên mạng.',
  ],
  [
    ReportField.CORRUPTION,
    'Dấu hiệu nhận tiền để làm nhanh hồ sơ',
    'Có người nhận tiền ngoài lệ phí và hứa giải quyết hồ sơ trong ngày.',
  ],
  [ReportField.OTHER, 'Đèn đường hư hỏng kéo dài', 'Đèn chiếu sáng trong hẻm hỏng gần một tháng, đã báo nhưng chưa được sửa.'],
];

const FINDINGS: Array<[FindingArea, string]> = [
  [FindingArea.STAGNATION, 'Hồ sơ tồn đọng quá hạn, chưa phân công người giải quyết.'],
  [FindingArea.DISTANCE_FROM_PEOPLE, 'Không tổ chức tiếp dân theo lịch đã niêm yết.'],
  [FindingArea.CORRUPTION, 'Thu thêm khoản ngoài quy định khi giải quyết thủ tục.'],
  [FindingArea.ADMINISTRATIVE_PROCEDURE, 'Yêu cầu bổ sung giấy tờ ngoài danh mục đã công bố.'],
  [FindingArea.PUBLIC_FINANCE, 'Chưa công khai dự toán và quyết toán kinh phí sửa chữa.'],
];

/** The next stage a demo report moves to, and what that move needs. */
const NEXT: Partial<Record<ReportStatus, ReportStatus>> = {
  [ReportStatus.RECEIVED]: ReportStatus.CLASSIFIED,
  [ReportStatus.CLASSIFIED]: ReportStatus.ACCEPTED,
  [ReportStatus.ACCEPTED]: ReportStatus.UNDER_VERIFICATION,
  [ReportStatus.UNDER_VERIFICATION]: ReportStatus.CONCLUDED,
  [ReportStatus.CONCLUDED]: ReportStatus.CLOSED,
};

/**
 * DEMO_ACTIVITY: every DEMO_ACTIVITY_INTERVAL_MS, one plausible write through the normal
 * services (a report recorded by intake staff, a report moved one stage on by the Inspection
 * Committee, or a finding recorded in an inspection under way), each in one transaction, so the
 * timeline, the rules and the board events are written as in use. It needs an INTAKE_STAFF and
 * an INSPECTION_COMMITTEE account (the demo seed has them); without them it skips. The
 * configuration refuses it in production.
 */
export class DemoActivity {
  private readonly ticker: Ticker;
  private readonly prng: Prng;

  constructor(
    private readonly dataSource: DataSource,
    private readonly services: DemoActivityServices,
    private readonly opts: { intervalMs: number; logger: Logger; seed?: number; ringDoorbell?: (() => void) | undefined },
  ) {
    this.prng = new Prng(opts.seed ?? Date.now() % 2 ** 31);
    this.ticker = new Ticker('demo-activity', opts.intervalMs, () => this.step(), opts.logger);
  }

  start(): void {
    this.ticker.start();
    this.opts.logger.info(
      { intervalMs: this.opts.intervalMs },
      'demo activity on: writing a report, transition or finding every interval',
    );
  }

  stop(): Promise<void> {
    return this.ticker.stop();
  }

  /** One write, in one transaction. */
  async step(): Promise<DemoStep> {
    const roll = this.prng.next();
    const wanted: DemoStep = roll < 0.4 ? 'report' : roll < 0.8 ? 'transition' : 'finding';
    const done = await this.dataSource.transaction(async (manager): Promise<DemoStep> => {
      const intake = await this.account(manager, Role.INTAKE_STAFF);
      const committee = await this.account(manager, Role.INSPECTION_COMMITTEE);
      if (!intake || !committee) {
        this.opts.logger.warn('demo activity needs an INTAKE_STAFF and an INSPECTION_COMMITTEE account; skipped');
        return 'skipped';
      }
      if (wanted === 'transition' && (await this.transition(await this.ctx(manager, committee)))) return 'transition';
      if (wanted === 'finding' && (await this.finding(await this.ctx(manager, committee)))) return 'finding';
      await this.report(await this.ctx(manager, intake));
      return 'report';
    });
    if (done !== 'skipped') this.opts.ringDoorbell?.();
    return done;
  }

  private async report(ctx: RequestContext): Promise<void> {
    const [field, title, content] = this.prng.pick(TOPICS);
    const kind = this.prng.weighted([
      [ReportKind.FEEDBACK, 6],
      [ReportKind.COMPLAINT, 3],
      [ReportKind.PETITION, 3],
      [ReportKind.DENUNCIATION, 1],
    ] as const);
    const source = this.prng.weighted([
      [ReportSource.CITIZEN, 8],
      [ReportSource.FATHERLAND_FRONT, 1],
      [ReportSource.HIGHER_LEVEL, 1],
    ] as const);
    const [cadre] = (await ctx.manager.query(`SELECT id FROM cadre WHERE status = 'ACTIVE' ORDER BY id OFFSET $1 LIMIT 1`, [
      this.prng.int(0, 99),
    ])) as Array<{
      id: string;
    }>;
    const named = cadre && this.prng.chance(0.5);
    await this.services.reports.record(ctx, {
      kind,
      field,
      title,
      content,
      source,
      channel:
        source === ReportSource.CITIZEN
          ? this.prng.pick([ReportChannel.WEB, ReportChannel.RECEPTION, ReportChannel.PHONE])
          : ReportChannel.MAIL,
      concerns: named
        ? { cadreIds: [cadre.id], unitIds: [] }
        : { cadreIds: [], unitIds: [], text: 'Cán bộ phường (không rõ tên)' },
    } as never);
  }

  /** Moves one of the newest open reports one stage on; false when there is none to move. */
  private async transition(ctx: RequestContext): Promise<boolean> {
    const open = (await ctx.manager.query(
      `SELECT id, version, status, treated_as_information FROM report
        WHERE status IN ('RECEIVED', 'CLASSIFIED', 'ACCEPTED', 'UNDER_VERIFICATION', 'CONCLUDED')
        ORDER BY received_at DESC, id LIMIT 30`,
    )) as Array<{ id: string; version: number; status: ReportStatus; treated_as_information: boolean }>;
    const movable = open.filter((r) => !(r.treated_as_information && r.status === ReportStatus.CLASSIFIED));
    if (!movable.length) return false;
    const r = this.prng.pick(movable);
    const to = NEXT[r.status]!;
    await this.services.reports.transition(ctx, {
      id: r.id,
      version: r.version,
      to,
      outcome: to === ReportStatus.CONCLUDED ? this.prng.pick(Object.values(ReportOutcome)) : undefined,
      conclusion: to === ReportStatus.CONCLUDED ? 'Đã xác minh, làm việc với các bên liên quan và lập biên bản.' : undefined,
      publicReply:
        to === ReportStatus.CLOSED ? 'Phường đã xem xét và trả lời bằng văn bản; cảm ơn ông/bà đã phản ánh.' : undefined,
    } as never);
    return true;
  }

  /** Records a finding in an inspection under way; false when none is. */
  private async finding(ctx: RequestContext): Promise<boolean> {
    const inspections = (await ctx.manager.query(
      `SELECT id, subject_cadre_id, subject_unit_id FROM inspection WHERE status IN (${IN_PROGRESS_STAGES.map((s) => `'${s}'`).join(', ')})
        ORDER BY created_at DESC, id LIMIT 20`,
    )) as Array<{ id: string; subject_cadre_id: string | null; subject_unit_id: string | null }>;
    if (!inspections.length) return false;
    const i = this.prng.pick(inspections);
    const [area, description] = this.prng.pick(FINDINGS);
    await this.services.inspections.recordFinding(ctx, {
      inspectionId: i.id,
      description,
      area,
      severity: this.prng.pick([FindingSeverity.OBSERVATION, FindingSeverity.SHORTCOMING, FindingSeverity.VIOLATION]),
      concernedCadreIds: i.subject_cadre_id ? [i.subject_cadre_id] : [],
      concernedUnitIds: i.subject_unit_id ? [i.subject_unit_id] : [],
      recommendation: FindingRecommendation.REMIND,
    } as never);
    return true;
  }

  private account(manager: EntityManager, role: Role): Promise<Account | null> {
    return manager.findOne(Account, { where: { role, disabled: false }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Acts as `account` from here on in the transaction, for the services and the row-level security policies. */
  private async ctx(manager: EntityManager, account: Account): Promise<RequestContext> {
    await applyDatabaseContext(manager, databaseActor(account));
    return transactionContext(manager, this.services.makeLoaders, {
      requestId: 'demo-activity',
      account,
      logger: this.opts.logger,
      clientAddress: 'demo',
    });
  }
}
