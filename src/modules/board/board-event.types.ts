import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { FeedEvent } from '../../events/outbox-reader';

/** Every kind of event the live board shows. Payloads carry ids and public fields only. */
export enum BoardEventType {
  REPORT_RECEIVED = 'REPORT_RECEIVED',
  REPORT_STATUS_CHANGED = 'REPORT_STATUS_CHANGED',
  REPORT_CORRECTED = 'REPORT_CORRECTED',
  REPORT_DUE_SOON = 'REPORT_DUE_SOON',
  REPORT_OVERDUE = 'REPORT_OVERDUE',
  PRESS_REPORT_RECORDED = 'PRESS_REPORT_RECORDED',
  INSPECTION_OPENED = 'INSPECTION_OPENED',
  FINDING_RECORDED = 'FINDING_RECORDED',
  INSPECTION_CONCLUDED = 'INSPECTION_CONCLUDED',
  DISCIPLINE_CASE_OPENED = 'DISCIPLINE_CASE_OPENED',
  DISCIPLINE_CASE_DECIDED = 'DISCIPLINE_CASE_DECIDED',
  REPORT_REASSIGNED = 'REPORT_REASSIGNED',
  INSPECTION_CHAIR_CHANGED = 'INSPECTION_CHAIR_CHANGED',
  PERIODIC_REPORT_READY = 'PERIODIC_REPORT_READY',
  REMINDER_DIGEST_READY = 'REMINDER_DIGEST_READY',
}

registerEnumType(BoardEventType, {
  name: 'BoardEventType',
  description: 'Kind of a live-board event (loại sự kiện).',
  valuesConfig: {
    REPORT_RECEIVED: { description: 'A report was received (tiếp nhận) from any source.' },
    REPORT_STATUS_CHANGED: { description: 'Chuyển bước giải quyết: a report moved to another handling stage.' },
    REPORT_CORRECTED: {
      description:
        'Sửa thông tin tiếp nhận: staff corrected what intake recorded (kind, field, concerned cadres or units, complexity, remote area).',
    },
    REPORT_DUE_SOON: { description: 'Sắp đến hạn: a report’s current stage is due within the warning period.' },
    REPORT_OVERDUE: { description: 'Quá hạn: a report’s current stage passed its legal due date.' },
    PRESS_REPORT_RECORDED: { description: 'Ghi nhận tin bài báo chí: intake staff recorded a press article.' },
    INSPECTION_OPENED: { description: 'Quyết định kiểm tra, giám sát: an inspection or supervision was decided.' },
    FINDING_RECORDED: { description: 'Ghi nhận phát hiện: an inspection finding was recorded.' },
    INSPECTION_CONCLUDED: { description: 'Kết luận kiểm tra: an inspection was concluded.' },
    DISCIPLINE_CASE_OPENED: { description: 'Mở vụ kỷ luật: a discipline case was opened.' },
    DISCIPLINE_CASE_DECIDED: { description: 'Quyết định kỷ luật: a discipline case was decided.' },
    REPORT_REASSIGNED: {
      description:
        'Giao lại người xử lý: a denunciation (or a report with an identity grant) was given to another handler: its identity requests and grants ended. The payload names the chair of the Inspection Committee and the previous handler, whom it is meant for; only the two committees receive it.',
    },
    INSPECTION_CHAIR_CHANGED: {
      description:
        'The designation of the chair of the Inspection Committee (Chủ nhiệm Ủy ban Kiểm tra, the identity custodian) moved, was given or was released. The payload names the previous and the new chair (`previousChairAccountId`, `chairAccountId`, either null), whom it is meant for; only the two committees receive it. The previous chair’s standing as custodian ends with it.',
    },
    PERIODIC_REPORT_READY: {
      description:
        'Báo cáo kỳ này đã sẵn sàng: the draft of a periodic report was prepared the day after its period ended (payload: template, periodKind, year, number, from, to, title). Only the two committees receive it.',
    },
    REMINDER_DIGEST_READY: {
      description:
        'Bản nhắc việc hằng ngày: the day’s reminder digest of one staff account is ready (payload: recipientAccountId, digestId, day, dueSoon, overdue — counts only). Only that account receives it; read it with myReminderDigest.',
    },
  },
});

/** Event types about a report (the ones INTAKE_STAFF and UNIT_HEAD may receive). */
export const REPORT_EVENT_TYPES: ReadonlySet<BoardEventType> = new Set([
  BoardEventType.REPORT_RECEIVED,
  BoardEventType.REPORT_STATUS_CHANGED,
  BoardEventType.REPORT_CORRECTED,
  BoardEventType.REPORT_DUE_SOON,
  BoardEventType.REPORT_OVERDUE,
  BoardEventType.PRESS_REPORT_RECORDED,
]);

@ObjectType({ description: 'A live-board event, as delivered (ids and public fields only) (sự kiện trên bảng giám sát).' })
export class BoardEvent {
  @Field({ description: 'Opaque position of this event in the feed: pass it to boardEvents(after:) to resume after it.' })
  cursor!: string;

  @Field(() => ID, { description: 'The event’s id (unique; events are delivered in feed order, which is not always id order).' })
  id!: string;

  @Field(() => BoardEventType, { description: 'What happened.' })
  type!: BoardEventType;

  @Field(() => Date, { description: 'When the event was written (the change’s transaction).' })
  occurredAt!: Date;

  @Field(() => ID, { nullable: true, description: 'The report the event is about, if any.' })
  reportId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The inspection the event is about, if any.' })
  inspectionId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The finding the event is about, if any.' })
  findingId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The discipline case the event is about, if any.' })
  disciplineCaseId!: string | null;

  @Field(() => GraphQLJSONObject, {
    description: 'The event’s public payload as written by the service (ids, kinds, statuses, dates).',
  })
  payload!: Record<string, unknown>;
}

/** The GraphQL shape of an event, with its cursor: the root value the board's documents render. */
export function boardEventOf(event: FeedEvent, cursor: string): BoardEvent {
  const p = event.payload;
  const id = (key: string) => (typeof p[key] === 'string' ? (p[key] as string) : null);
  return {
    cursor,
    id: event.id,
    type: event.type as BoardEventType,
    occurredAt: event.occurredAt,
    reportId: id('reportId'),
    inspectionId: id('inspectionId'),
    findingId: id('findingId'),
    disciplineCaseId: id('caseId'),
    payload: p,
  };
}

@ObjectType({ description: 'The newest events and the position after them (các sự kiện mới nhất).' })
export class BoardEventPage {
  @Field(() => [BoardEvent], { description: 'Newest first.' })
  events!: BoardEvent[];

  @Field({
    description:
      'Position after the newest visible event (valid even when there are no events): subscribe with boardEvents(after: cursor) to continue with no gap.',
  })
  cursor!: string;
}
