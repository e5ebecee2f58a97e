import { Between, In } from 'typeorm';
import { badInput, notFound } from '../../../common/errors';
import { notInvolved } from '../../recusal/recusal.policy';
import { todayInVietnam } from '../../../common/validation';
import type { RequestContext } from '../../../graphql/context';
import { CURRENT_STATUSES } from '../../cadres/cadre.enums';
import { RecordReceptionSessionInput, ScheduleReceptionInput } from './reception.inputs';
import { validInput } from '../quality.validation';
import { ReceptionKind } from '../quality.enums';
import { ReceptionSchedule, ReceptionSession } from './reception.entity';

const MAX_DAYS = 400;
const dayDiff = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;

/** The published reception schedule, the sessions held and direct dialogues. */
export class ReceptionService {
  /** Publishes a reception day or dialogue. Validates its input; the receiver must be a current leader or manager. */
  async schedule(ctx: RequestContext, raw: ScheduleReceptionInput): Promise<ReceptionSchedule> {
    const input = await validInput(ScheduleReceptionInput, raw);
    if (input.endsAt <= input.startsAt)
      throw badInput(
        'Giờ kết thúc phải sau giờ bắt đầu',
        [{ path: 'input.endsAt', message: 'phải sau giờ bắt đầu', code: 'ENDS_BEFORE_START' }],
        'ENDS_BEFORE_START',
      );
    const cadre = await ctx.loaders.cadreById.load(input.receiverCadreId);
    if (!cadre)
      throw badInput(
        `Không có cán bộ ${input.receiverCadreId}`,
        [{ path: 'input.receiverCadreId', message: 'không có cán bộ này', code: 'UNKNOWN_CADRE' }],
        'UNKNOWN_CADRE',
      );
    const post = await ctx.loaders.postById.load(cadre.postId);
    if (!post?.isManagement || !CURRENT_STATUSES.includes(cadre.status))
      throw badInput(
        `${cadre.fullName} không phải cán bộ lãnh đạo, quản lý đương nhiệm; lịch tiếp công dân do lãnh đạo phường đảm nhận`,
        [{ path: 'input.receiverCadreId', message: 'phải là cán bộ lãnh đạo, quản lý đương nhiệm', code: 'NOT_A_LEADER' }],
        'NOT_A_LEADER',
      );
    return ctx.manager.save(ctx.manager.create(ReceptionSchedule, { ...input, receiverLabel: `${post.name} ${cadre.fullName}` }));
  }

  /** The published schedule between two days (at most 400 days), for the public. */
  async publicSchedule(ctx: RequestContext, from: string, to: string): Promise<ReceptionSchedule[]> {
    if (to < from)
      throw badInput(
        `Ngày cuối (to) ${to} trước ngày đầu (from) ${from}`,
        [{ path: 'to', message: 'không được trước ngày đầu (from)', code: 'ENDS_BEFORE_START' }],
        'ENDS_BEFORE_START',
      );
    if (dayDiff(from, to) > MAX_DAYS)
      throw badInput(
        `Mỗi lần xem tối đa ${MAX_DAYS} ngày`,
        [{ path: 'to', message: `tối đa ${MAX_DAYS} ngày sau ngày đầu (from)`, code: 'RANGE_TOO_LONG' }],
        'RANGE_TOO_LONG',
      );
    return ctx.manager.find(ReceptionSchedule, {
      where: { day: Between(from, to) },
      order: { day: 'ASC', startsAt: 'ASC', id: 'ASC' },
      take: 500,
    });
  }

  /** Records a session held. Validates its input; receivers, the schedule entry and the reports must exist. */
  async recordSession(ctx: RequestContext, raw: RecordReceptionSessionInput): Promise<ReceptionSession> {
    const input = await validInput(RecordReceptionSessionInput, raw);
    const today = todayInVietnam();
    if (input.heldOn > today)
      throw badInput(
        `Ngày tiếp ${input.heldOn} chưa đến`,
        [{ path: 'input.heldOn', message: 'không được sau hôm nay', code: 'DATE_IN_FUTURE' }],
        'DATE_IN_FUTURE',
      );
    const receivers = await ctx.loaders.cadreById.loadMany(input.receiverCadreIds);
    receivers.forEach((c, i) => {
      if (!c || c instanceof Error)
        throw badInput(
          `Không có cán bộ ${input.receiverCadreIds[i]}`,
          [{ path: `input.receiverCadreIds.${i}`, message: 'không có cán bộ này', code: 'UNKNOWN_CADRE' }],
          'UNKNOWN_CADRE',
        );
    });
    if (input.scheduleId && !(await ctx.manager.findOne(ReceptionSchedule, { where: { id: input.scheduleId } })))
      throw badInput(
        `Không có lịch tiếp ${input.scheduleId}`,
        [{ path: 'input.scheduleId', message: 'không có lịch này', code: 'UNKNOWN_SCHEDULE' }],
        'UNKNOWN_SCHEDULE',
      );
    const reportIds = [...new Set(input.reportIds)];
    if (reportIds.length) {
      // A report naming the caller's own cadre is hidden from it (recusal): unknown, like a missing one.
      const found = (await ctx.manager.query(
        `SELECT r.id FROM report r WHERE r.id = ANY($1::uuid[]) AND ${notInvolved.report('r', '$2')}`,
        [reportIds, ctx.account?.cadreId ?? null],
      )) as Array<{
        id: string;
      }>;
      const known = new Set(found.map((r) => r.id));
      const i = input.reportIds.findIndex((id) => !known.has(id));
      if (i >= 0)
        throw badInput(
          `Không có đơn thư ${input.reportIds[i]}`,
          [{ path: `input.reportIds.${i}`, message: 'không có đơn thư này', code: 'UNKNOWN_REPORT' }],
          'UNKNOWN_REPORT',
        );
    }
    return ctx.manager.save(
      ctx.manager.create(ReceptionSession, {
        kind: input.kind,
        heldOn: input.heldOn,
        scheduleId: input.scheduleId ?? null,
        receiverCadreIds: [...new Set(input.receiverCadreIds)],
        citizenCount: input.citizenCount,
        summary: input.summary,
        reportIds,
      }),
    );
  }

  async sessions(ctx: RequestContext, from: string, to: string, kind: ReceptionKind | null): Promise<ReceptionSession[]> {
    if (to < from)
      throw badInput(
        `Ngày cuối (to) ${to} trước ngày đầu (from) ${from}`,
        [{ path: 'to', message: 'không được trước ngày đầu (from)', code: 'ENDS_BEFORE_START' }],
        'ENDS_BEFORE_START',
      );
    return ctx.manager.find(ReceptionSession, {
      where: { heldOn: Between(from, to), ...(kind ? { kind } : {}) },
      order: { heldOn: 'ASC', id: 'ASC' },
      take: 500,
    });
  }

  async session(ctx: RequestContext, id: string): Promise<ReceptionSession> {
    const s = await ctx.manager.findOne(ReceptionSession, { where: { id } });
    if (!s) throw notFound('Reception session', id);
    return s;
  }

  /** Kept small: sessions by schedule ids. */
  async sessionsOfSchedules(ctx: RequestContext, ids: string[]): Promise<ReceptionSession[]> {
    return ids.length ? ctx.manager.find(ReceptionSession, { where: { scheduleId: In(ids) } }) : [];
  }
}
