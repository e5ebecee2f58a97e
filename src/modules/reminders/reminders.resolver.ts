import { IsOptional, Matches } from 'class-validator';
import { Args, ArgsType, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { badInput } from '../../common/errors';
import { Role } from '../../common/role.enum';
import { ISO_DATE } from '../../common/validation';
import { Allow } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { isIsoDate } from '../reports/legal-calendar';
import { REPORT_HANDLERS } from '../reports/reports.service';
import { ReminderDigest, ReminderItem } from './reminder-digest.entity';
import type { ReminderScheduler } from './reminder-scheduler';
import type { RemindersService } from './reminders.service';

@ArgsType()
class ReminderDayArgs {
  @Field(() => String, { nullable: true, description: 'The day (YYYY-MM-DD, Vietnam); today when left out.' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'day must be a date written YYYY-MM-DD' })
  day?: string | null;
}

@ObjectType({ description: 'What a run of the daily reminder digests (bản nhắc việc hằng ngày) did.' })
export class ReminderDigestRun {
  @Field({ description: 'The day (YYYY-MM-DD).' })
  day!: string;

  @Field(() => Int, {
    description: 'Accounts that get a digest that day: handlers of open reports with a due date, and the chair.',
  })
  recipients!: number;

  @Field(() => Int, { description: 'Digests this run prepared; the others already existed and were left as they were.' })
  prepared!: number;
}

function realDay(day: string | null | undefined): string | undefined {
  if (day == null) return undefined;
  if (!isIsoDate(day)) throw badInput(`Ngày ${day} không có thật.`, [{ path: 'day', message: 'must be a real calendar date' }]);
  return day;
}

@Resolver(() => ReminderDigest)
export class RemindersResolver {
  constructor(
    private readonly service: RemindersService,
    private readonly scheduler: ReminderScheduler,
  ) {}

  @Allow(...REPORT_HANDLERS)
  @Query(() => ReminderDigest, {
    nullable: true,
    description:
      'Bản nhắc việc hằng ngày: the signed-in staff account’s reminder digest of a day (today by default), or null when none was prepared for it (nothing handled, or the hour REMINDER_HOUR has not come). Lines of items the account is recused from are never shown. BAD_USER_INPUT: DAY_IN_FUTURE.',
  })
  myReminderDigest(@Args() args: ReminderDayArgs, @Ctx() ctx: RequestContext) {
    return this.service.mine(ctx, realDay(args.day));
  }

  @Allow(Role.ADMIN)
  @Mutation(() => ReminderDigestRun, {
    description:
      'Prepares today’s reminder digests (bản nhắc việc hằng ngày) now, whatever the hour, for every recipient that has none yet (admins only); a digest that exists is left as it is, so a second run is a no-op. Their e-mails go right after the commit when SMTP_URL is set. Only today can be prepared: a digest lists what is due as of when it is made. BAD_USER_INPUT: DAY_NOT_TODAY.',
  })
  async runReminderDigests(@Args() args: ReminderDayArgs): Promise<ReminderDigestRun> {
    const today = this.service.today();
    const day = realDay(args.day) ?? today;
    if (day !== today) {
      throw badInput(
        `Chỉ lập được bản nhắc việc của hôm nay (${today}), không phải ngày ${day}.`,
        [{ path: 'day', message: `must be ${today}` }],
        'DAY_NOT_TODAY',
      );
    }
    // The scheduler's own transactions, one per digest, without the admin as acting account: row-level
    // security would otherwise hide from the chair's digest the reports naming the admin's cadre.
    const run = await this.scheduler.prepareDay(day, this.service.now());
    this.scheduler.kick();
    return { day, ...run };
  }

  @FieldResolver(() => [ReminderItem], { description: 'The lines, most urgent first (at most 200: the counts cover the rest).' })
  items(@Root() digest: ReminderDigest): ReminderItem[] {
    return digest.items.map((i) => ({ ...i, dueAt: new Date(i.dueAt) }));
  }
}
