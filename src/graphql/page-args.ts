import { IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { MAX_PAGE_SIZE } from './limits';

/** `first` and `after` of every Relay connection; lists extend it with their filter. */
@ArgsType()
export abstract class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  @IsInt()
  @Min(1, { message: 'first must be at least 1' })
  @Max(MAX_PAGE_SIZE, { message: `first must be at most ${MAX_PAGE_SIZE}` })
  first!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item of the previous page; null or omitted: the first page.',
  })
  @IsOptional()
  @MaxLength(200)
  after?: string | null;
}
