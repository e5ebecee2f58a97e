import { isUUID } from 'class-validator';
import { Arg, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { badInput, notFound } from '../../common/errors';
import { Allow } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { Role } from '../../common/role.enum';
import { notInvolved } from '../recusal/recusal.policy';
import { PresenceSubjectType } from './presence.entity';
import { PresenceHub, type PresenceItem, PresenceStream } from './presence.hub';

@ObjectType({ description: 'Someone working on a report or an inspection right now (Đang xử lý).' })
export class PresenceEntry {
  @Field(() => PresenceSubjectType, { description: 'What kind of thing they are working on.' })
  subjectType!: PresenceSubjectType;

  @Field(() => ID, { description: 'The report’s or the inspection’s id.' })
  subjectId!: string;

  @Field(() => ID, { description: 'Their account.' })
  accountId!: string;

  @Field({ description: 'Who it is, as the board shows it (the account’s display name; never a reporter’s identity).' })
  who!: string;

  @Field({ description: 'Since when (their earliest open subscription on the subject).' })
  since!: Date;
}

const COMMITTEES = [Role.INSPECTION_COMMITTEE, Role.STANDING_COMMITTEE] as const;

interface WorkingOnArgs {
  subjectType: PresenceSubjectType;
  subjectId: string;
}

/** Registers the caller on the subject, then streams who is on it; leaving is the stream's end. */
async function subscribeWorkingOn(args: WorkingOnArgs, ctx: RequestContext): Promise<AsyncIterable<PresenceItem[]>> {
  if (!Object.values(PresenceSubjectType).includes(args.subjectType)) {
    throw badInput(
      'subjectType phải là REPORT (đơn thư) hoặc INSPECTION (cuộc kiểm tra)',
      [{ path: 'subjectType', message: 'phải là REPORT hoặc INSPECTION', code: 'NOT_IN_LIST' }],
      'INVALID_INPUT',
    );
  }
  if (!isUUID(args.subjectId))
    throw badInput('subjectId phải là một mã UUID', [{ path: 'subjectId', message: 'must be a UUID' }], 'INVALID_INPUT');
  const isReport = args.subjectType === PresenceSubjectType.REPORT;
  // An item the caller's cadre is involved in is hidden from it (recusal): NOT_FOUND, as if absent.
  const found = (await ctx.manager.query(
    `SELECT 1 FROM ${isReport ? 'report' : 'inspection'} x WHERE x.id = $1 AND ${(isReport ? notInvolved.report : notInvolved.inspection)('x', '$2')}`,
    [args.subjectId, ctx.account?.cadreId ?? null],
  )) as unknown[];
  if (!found.length) throw notFound(isReport ? 'Report' : 'Inspection', args.subjectId);
  const hub = PresenceHub.of(ctx.manager.connection);
  const leave = await hub.join(ctx.account!.id, args.subjectType, args.subjectId);
  return new PresenceStream(
    hub,
    (all) => all.filter((e) => e.subjectType === args.subjectType && e.subjectId === args.subjectId),
    leave,
  );
}

async function subscribePresence(ctx: RequestContext): Promise<AsyncIterable<PresenceItem[]>> {
  const hub = PresenceHub.of(ctx.manager.connection);
  await hub.refresh();
  const hidden = await involvedSubjects(ctx);
  return new PresenceStream(hub, (all) => (hidden.size ? all.filter((e) => !hidden.has(e.subjectId)) : [...all]));
}

/**
 * The reports and inspections the caller's cadre is involved in (recusal), read once when the
 * presence subscription starts: nobody's work on them is shown to the caller.
 */
async function involvedSubjects(ctx: RequestContext): Promise<Set<string>> {
  const me = ctx.account?.cadreId;
  if (!me) return new Set();
  const rows = (await ctx.manager.query(
    `SELECT s.report_id::text AS id FROM report_subject s WHERE s.cadre_id = $1
     UNION ALL SELECT i.id::text FROM inspection i WHERE NOT ${notInvolved.inspection('i', '$1')}`,
    [me],
  )) as Array<{ id: string }>;
  return new Set(rows.map((r) => r.id));
}

/** Presence (item 8 of the board issue): who has which report or inspection open. */
@Resolver()
export class PresenceResolver {
  @Subscription(() => [PresenceEntry], {
    description:
      'While this subscription is open, the caller is shown as working on the subject (Đang xử lý); emits the current list of everyone on it, whenever it changes (the caller included, at once). Ends for everyone else when the caller completes it or its connection drops; an instance that dies takes its entries with it after PRESENCE_TTL_MS. For the Inspection and Standing Committees.',
    subscribe: ({ args, context }) => subscribeWorkingOn(args as WorkingOnArgs, context as RequestContext),
  })
  @Allow(...COMMITTEES)
  workingOn(
    @Root() entries: PresenceItem[],
    @Arg('subjectType', () => PresenceSubjectType, { description: 'A report or an inspection.' })
    _subjectType: PresenceSubjectType,
    @Arg('subjectId', () => ID, { description: 'Its id.' }) _subjectId: string,
  ): PresenceItem[] {
    return entries;
  }

  @Subscription(() => [PresenceEntry], {
    description:
      'Everyone working on anything right now; emits the whole list at once, then whenever it changes. For the Inspection and Standing Committees.',
    subscribe: ({ context }) => subscribePresence(context as RequestContext),
  })
  @Allow(...COMMITTEES)
  presence(@Root() entries: PresenceItem[]): PresenceItem[] {
    return entries;
  }
}
