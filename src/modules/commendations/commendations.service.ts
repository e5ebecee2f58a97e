import { isUUID } from 'class-validator';
import { badInput, notFound } from '../../common/errors';
import { assertNotInvolved, assertNotOwnCadre, markCleared, notInvolved, RecusableType } from '../recusal/recusal.policy';
import { todayInVietnam } from '../../common/validation';
import type { RequestContext } from '../../graphql/context';
import type { CursorCodec } from '../../graphql/cursor';
import { lazyEdges, lazyPageInfo } from '../../graphql/page-info';
import { assertVersion } from '../../db/optimistic-lock';
import { Commendation } from './commendation.entity';
import type { CommendationsArgs, RecordCommendationInput, UpdateCommendationInput } from './commendations.inputs';
import { CommendationConnection } from './commendations.types';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function notInFuture(day: string, path: string): void {
  const today = todayInVietnam();
  if (day > today)
    throw badInput(`The decision date ${day} is in the future (today is ${today})`, [
      { path, message: 'must not be in the future' },
    ]);
}

/** Commendations of cadres and units. */
export class CommendationsService {
  constructor(private readonly cursors: CursorCodec) {}

  /** Latest decision first (decision date, then id), with signed cursors and filters. */
  async list(ctx: RequestContext, args: CommendationsArgs): Promise<CommendationConnection> {
    const f = args.filter ?? {};
    if (f.decidedFrom && f.decidedTo && f.decidedFrom > f.decidedTo)
      throw badInput('filter.decidedFrom must not be after filter.decidedTo', [
        { path: 'filter.decidedFrom', message: 'after decidedTo' },
      ]);
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
    if (input.decisionDate !== undefined) notInFuture(input.decisionDate, 'input.decisionDate');
    const { id: _id, version: _version, ...changes } = input;
    const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined && v !== null));
    if (!Object.keys(given).length)
      throw badInput('Nothing to change: give at least one field besides id and version', [
        { path: 'input', message: 'no change' },
      ]);
    Object.assign(row, given);
    return ctx.manager.save(row);
  }

  async record(ctx: RequestContext, input: RecordCommendationInput): Promise<Commendation> {
    if (!!input.cadreId === !!input.unitId) {
      throw badInput('A commendation is for one cadre or one unit: give exactly one of cadreId and unitId', [
        { path: 'input.cadreId', message: 'exactly one of cadreId, unitId' },
      ]);
    }
    notInFuture(input.decisionDate, 'input.decisionDate');
    if (input.cadreId && !(await ctx.loaders.cadreById.load(input.cadreId))) throw notFound('Cadre', input.cadreId);
    assertNotOwnCadre(
      ctx,
      [input.cadreId],
      'Không thể ghi nhận khen thưởng cho chính mình: cán bộ có liên quan phải tránh (xung đột lợi ích).',
    );
    if (input.unitId && !(await ctx.loaders.unitById.load(input.unitId))) throw notFound('Unit', input.unitId);
    return ctx.manager.save(
      ctx.manager.create(Commendation, { ...input, cadreId: input.cadreId ?? null, unitId: input.unitId ?? null }),
    );
  }
}
