import { Field, ID, Int, ObjectType } from 'type-graphql';
import { CadreChangeKind } from './cadre.enums';
import { Cadre } from './cadre.entity';
import { PageInfo } from '../../graphql/page-info';
import { SIMPLE_RESOLVERS } from '../../graphql/simple-resolvers';

@ObjectType({ description: 'One cadre (cán bộ) in a page of results.', simpleResolvers: SIMPLE_RESOLVERS })
export class CadreEdge {
  @Field({ description: 'Opaque cursor of this cadre: pass it as `after` to continue after it.' })
  cursor!: string;

  @Field(() => Cadre, { description: 'The cadre.' })
  node!: Cadre;
}

@ObjectType({ description: 'A page of cadres (danh sách cán bộ; Relay connection).' })
export class CadreConnection {
  @Field(() => [CadreEdge], { description: 'The cadres of this page, in the requested order.' })
  edges!: CadreEdge[];

  @Field(() => PageInfo, { description: 'Paging state.' })
  pageInfo!: PageInfo;

  /** Runs the count only when a client asks for it. */
  countTotal!: () => Promise<number>;

  @Field(() => Int, { description: 'Cadres matching the filter in all pages.' })
  totalCount(): Promise<number> {
    return this.countTotal();
  }

  /** The resolution's stated total for this list, read only when a client asks (null: none applies). */
  stated: () => Promise<{ total: number; note: string } | null> = () => Promise.resolve(null);
  private statedOnce?: Promise<{ total: number; note: string } | null>;

  @Field(() => Int, {
    nullable: true,
    description:
      'The total the resolution states for the ward (tổng số Nghị quyết nêu: 131 cán bộ, công chức), to show beside `totalCount`: only when the list is the whole ward the resolution is about, unfiltered and read whole; null otherwise (a filter, a unit, a UNIT_HEAD’s subtree, another register).',
  })
  async statedTotal(): Promise<number | null> {
    this.statedOnce ??= this.stated();
    return (await this.statedOnce)?.total ?? null;
  }

  @Field(() => String, {
    nullable: true,
    description:
      'Why the stated total differs from the count (giải thích), in Vietnamese: the resolution’s total says 131, its parts add up to 130, the register counts the people it holds. Null when `statedTotal` is.',
  })
  async statedTotalNote(): Promise<string | null> {
    this.statedOnce ??= this.stated();
    return (await this.statedOnce)?.note ?? null;
  }
}

@ObjectType({ description: 'One changed field in a history entry (nội dung thay đổi). Values are shown as text.' })
export class CadreFieldChange {
  @Field({ description: 'Field name (e.g. `fullName`, `unit`, `post`, `status`).' })
  field!: string;

  @Field(() => String, { nullable: true, description: 'Value before; null when unset, new, or hidden from the caller’s role.' })
  from!: string | null;

  @Field(() => String, { nullable: true, description: 'Value after; null when cleared or hidden from the caller’s role.' })
  to!: string | null;
}

@ObjectType({ description: 'One entry of a cadre’s append-only history (lịch sử thay đổi): who changed what, when.' })
export class CadreHistoryEntry {
  @Field(() => ID, { description: 'Sequence number; higher is later.' })
  id!: string;

  @Field({ description: 'When the change was committed.' })
  at!: Date;

  @Field(() => CadreChangeKind, { description: 'What kind of change.' })
  kind!: CadreChangeKind;

  @Field(() => [CadreFieldChange], { description: 'The fields that changed, from and to.' })
  changes!: CadreFieldChange[];

  @Field(() => String, { nullable: true, description: 'Reason or decision given with the change.' })
  note!: string | null;

  /** Who made it; resolved to a display name. */
  accountId!: string | null;
}

export type { Cadre };
