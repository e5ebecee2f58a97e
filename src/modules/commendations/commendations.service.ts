import { isUUID } from 'class-validator';
import { badInput, notFound } from '../../common/errors';
import { assertNotInvolved, assertNotOwnCadre, markCleared, notInvolved, RecusableType } from '../recusal/recusal.policy';
import { assertNotInFuture } from '../../common/date-rules';
import type { RequestContext } from '../../graphql/context';
import type { CursorCodec } from '../../graphql/cursor';
import { lazyEdges, lazyPageInfo } from '../../graphql/page-info';
import { assertVersion } from '../../db/optimistic-lock';
import { Commendation, CommendationForm } from './commendation.entity';
import type { CommendationsArgs, RecordCommendationInput, UpdateCommendationInput } from './commendations.inputs';
import { CommendationConnection } from './commendations.types';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function notInFuture(day: string, path: string): void {
  assertNotInFuture(day, path, 'ngày quyết định khen thưởng');
}

/** Forms given to a person; the others' recipients are below. */
const FOR_PEOPLE: readonly CommendationForm[] = [
  CommendationForm.EMULATION_FIGHTER,
  CommendationForm.ADVANCED_LABOUR,
  CommendationForm.EXEMPLARY_PARTY_MEMBER,
];
const PARTY_UNIT_KINDS = [
  'PARTY_COMMITTEE',
  'STANDING_COMMITTEE',
  'PARTY_CELL',
  'SUBORDINATE_PARTY_COMMITTEE',
  'RESIDENTIAL_PARTY_CELL',
];

const misfit = (message: string, path: string) =>
  badInput(
    `Hình thức khen thưởng không phù hợp với người/đơn vị được khen: ${message}`,
    [{ path, message }],
    'FORM_DOES_NOT_FIT_RECIPIENT',
  );

/**
 * A commendation's form must fit its recipient: titles for people go to a cadre, "exemplary Party
 * member" to a cadre who is a Party member, "clean and strong organisation" to a Party
 * organisation; and no commendation for a cadre or Party organisation disciplined (decided) in
 * the year of the commendation's decision.
 */
export async function assertCommendationFits(
  ctx: RequestContext,
  target: { cadreId: string | null; unitId: string | null; form: CommendationForm; decisionDate: string },
): Promise<void> {
  if (target.cadreId) {
    const cadre = await ctx.loaders.cadreById.load(target.cadreId);
    if (!cadre) throw notFound('Cadre', target.cadreId);
    if (target.form === CommendationForm.CLEAN_STRONG_ORGANISATION)
      throw misfit(
        'danh hiệu tổ chức cơ sở đảng trong sạch, vững mạnh chỉ dành cho tổ chức đảng, không cho cá nhân',
        'input.form',
      );
    if (target.form === CommendationForm.EXEMPLARY_PARTY_MEMBER && !cadre.partyMember)
      throw misfit(`"đảng viên tiêu biểu" phải là đảng viên; ${cadre.fullName} không phải đảng viên`, 'input.form');
  } else {
    const unit = await ctx.loaders.unitById.load(target.unitId!);
    if (!unit) throw notFound('Unit', target.unitId!);
    if (FOR_PEOPLE.includes(target.form))
      throw misfit(`${target.form} là danh hiệu cá nhân, không trao cho đơn vị ${unit.name}`, 'input.form');
    if (target.form === CommendationForm.CLEAN_STRONG_ORGANISATION && !PARTY_UNIT_KINDS.includes(unit.kind))
      throw misfit(`${unit.name} không phải tổ chức đảng`, 'input.unitId');
  }
  const year = target.decisionDate.slice(0, 4);
  const [hit] = (await ctx.manager.query(
    `SELECT decision_date::text AS day, form::text AS form FROM discipline_case
      WHERE (cadre_id = $1 OR unit_id = $2) AND decision_date IS NOT NULL AND status IN ('DECIDED', 'APPEALED', 'FINAL')
        AND extract(year FROM decision_date) = $3::int ORDER BY decision_date LIMIT 1`,
    [target.cadreId, target.unitId, year],
  )) as Array<{ day: string; form: string }>;
  if (hit)
    throw misfit(
      `bị kỷ luật ${hit.form} ngày ${hit.day}: không khen thưởng trong năm ${year} đối với người/tổ chức bị kỷ luật trong năm đó`,
      target.cadreId ? 'input.cadreId' : 'input.unitId',
    );
}

/** Commendations of cadres and units. */
export class CommendationsService {
  constructor(private readonly cursors: CursorCodec) {}

  /** Latest decision first (decision date, then id), with signed cursors and filters. */
  async list(ctx: RequestContext, args: CommendationsArgs): Promise<CommendationConnection> {
    const f = args.filter ?? {};
    if (f.decidedFrom && f.decidedTo && f.decidedFrom > f.decidedTo)
      throw badInput(
        'Bộ lọc sai: decidedFrom sau decidedTo',
        [{ path: 'filter.decidedFrom', message: 'sau decidedTo' }],
        'PERIOD_REVERSED',
      );
    const base = ctx.manager.createQueryBuilder(Commendation, 'm');
    if (ctx.account?.cadreId) base.andWhere(notInvolved.commendation('m', ':me'), { me: ctx.account.cadreId });
    if (f.cadreId) base.andWhere('m.cadre_id = :cadreId', { cadreId: f.cadreId });
    if (f.unitId) base.andWhere('m.unit_id = :unitId', { unitId: f.unitId });
    if (f.form) base.andWhere('m.form = :form', { form: f.form });
    if (f.level) base.andWhere('m.level = :level', { level: f.level });
    if (f.decidedFrom) base.andWhere('m.decision_date >= CAST(:from AS date)', { from: f.decidedFrom });
    if (f.decidedTo) base.andWhere('m.decision_date <= CAST(:to AS date)', { to: f.decidedTo });
    const page = base
      .clone()
      .orderBy('m.decision_date', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .take(args.first + 1);
    if (args.after) {
      const c = this.cursors.decode(args.after, 'after');
      if (c['k'] !== 'm' || typeof c['d'] !== 'string' || !DAY.test(c['d']) || typeof c['id'] !== 'string' || !isUUID(c['id']))
        this.cursors.decode('', 'after');
      page.andWhere('(m.decision_date, m.id) < (CAST(:afterDay AS date), CAST(:afterId AS uuid))', {
        afterDay: c['d'],
        afterId: c['id'],
      });
    }
    const rows = await page.getMany();
    markCleared(ctx, rows);
    const edges = lazyEdges(rows.slice(0, args.first), (node) =>
      this.cursors.encode({ k: 'm', d: node.decisionDate, id: node.id }),
    );
    const connection = new CommendationConnection();
    connection.edges = edges;
    connection.pageInfo = lazyPageInfo(edges, rows.length > args.first, !!args.after);
    connection.countTotal = () => base.clone().getCount();
    return connection;
  }

  /** Changes the given fields; a stale version is CONFLICT, an unknown id NOT_FOUND. */
  async update(ctx: RequestContext, input: UpdateCommendationInput): Promise<Commendation> {
    const row = await ctx.manager.findOne(Commendation, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw notFound('Commendation', input.id);
    await assertNotInvolved(ctx, RecusableType.Commendation, row, 'Commendation');
    assertVersion('Commendation', row, input.version);
    if (input.decisionDate != null) notInFuture(input.decisionDate, 'input.decisionDate');
    // Dates cannot lie: a recorded decision's date or number changes only as a correction with a reason and a history.
    for (const [key, value] of [
      ['decisionDate', input.decisionDate],
      ['decisionNumber', input.decisionNumber],
    ] as const)
      if (value != null && value !== row[key])
        throw badInput(
          `Không sửa thẳng ${key === 'decisionDate' ? 'ngày' : 'số'} quyết định đã ghi nhận: dùng correctDecision kèm lý do (đính chính được lưu lại cùng giá trị cũ)`,
          [{ path: `input.${key}`, message: 'dùng correctDecision kèm lý do' }],
          'CORRECTION_REASON_REQUIRED',
        );
    const { id: _id, version: _version, ...changes } = input;
    const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined && v !== null));
    if (!Object.keys(given).length)
      throw badInput(
        'Không có gì để thay đổi: nêu ít nhất một trường ngoài id và version',
        [{ path: 'input', message: 'không có thay đổi' }],
        'NOTHING_TO_CHANGE',
      );
    Object.assign(row, given);
    await assertCommendationFits(ctx, row);
    return ctx.manager.save(row);
  }

  async record(ctx: RequestContext, input: RecordCommendationInput): Promise<Commendation> {
    if (!!input.cadreId === !!input.unitId) {
      throw badInput(
        'Khen thưởng dành cho một cán bộ hoặc một đơn vị: nêu đúng một trong cadreId, unitId',
        [{ path: 'input.cadreId', message: 'đúng một trong cadreId, unitId' }],
        'ONE_RECIPIENT',
      );
    }
    notInFuture(input.decisionDate, 'input.decisionDate');
    if (input.cadreId && !(await ctx.loaders.cadreById.load(input.cadreId))) throw notFound('Cadre', input.cadreId);
    assertNotOwnCadre(
      ctx,
      [input.cadreId],
      'Không thể ghi nhận khen thưởng cho chính mình: cán bộ có liên quan phải tránh (xung đột lợi ích).',
    );
    const row = ctx.manager.create(Commendation, {
      ...input,
      cadreId: input.cadreId ?? null,
      unitId: input.unitId ?? null,
      recordedBy: ctx.account?.id ?? null,
    });
    await assertCommendationFits(ctx, row);
    return ctx.manager.save(row);
  }
}
