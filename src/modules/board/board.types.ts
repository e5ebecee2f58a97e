import { Field, Int, ObjectType } from 'type-graphql';

/**
 * Whose figures: `unitPath` null is everything (the committees), otherwise the reports concerning
 * that unit and the units below it. `hiddenCadreId`: the caller's own cadre, whose denunciations
 * it never sees (not even as a count).
 */
export interface BoardScope {
  unitPath: string | null;
  hiddenCadreId: string | null;
}

@ObjectType({
  description: 'A count for one value of an enum (a status, a kind, a source, a severity, an area) (số lượng theo từng giá trị).',
})
export class CountByKey {
  @Field({ description: 'The enum value’s name, e.g. RECEIVED, DENUNCIATION, PRESS, CORRUPTION.' })
  key!: string;

  @Field(() => Int, { description: 'How many.' })
  count!: number;
}

@ObjectType({ description: 'Reports received on one calendar day in Vietnam (UTC+7) (số đơn thư nhận trong ngày).' })
export class DayCount {
  @Field({ description: 'The day, YYYY-MM-DD, in Vietnam’s calendar (UTC+7).' })
  day!: string;

  @Field(() => Int, { description: 'Reports received that day.' })
  count!: number;
}

/**
 * What the committee looks at. Each figure is computed when it is selected (a client that asks
 * for two figures pays for two), from the caller's scope: everything for the committees, the
 * reports concerning its units for a UNIT_HEAD.
 */
@ObjectType({
  description:
    'The supervision board’s figures, as of `generatedAt` (bảng giám sát). Days, weeks (Monday to Sunday) and months are Vietnam’s calendar (UTC+7). The committees see every figure; a UNIT_HEAD sees the figures of the reports concerning its unit and the units below it, the findings of concluded inspections of them, no inspection in progress and no discipline case (what it may read elsewhere).',
})
export class Board {
  @Field({ description: 'When the figures were computed; "today", "overdue" and "due soon" are relative to it.' })
  generatedAt!: Date;

  @Field(() => Int, {
    description:
      'Days before its due date at which an open report counts as due soon (the server’s BOARD_DUE_SOON_DAYS, which dueSoonCount and the REPORT_DUE_SOON events use): a deadline list shows the same reports with reports(filter: { dueWithinDays }).',
  })
  dueSoonDays!: number;

  /** Who the figures are for, the first day of received counts to read, and the shared per-request work (not in the schema). */
  scope!: BoardScope;
  receivedFrom!: number;
  memo!: Map<string, Promise<unknown>>;
}
