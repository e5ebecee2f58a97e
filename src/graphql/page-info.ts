import { Field, ObjectType } from 'type-graphql';
import { SIMPLE_RESOLVERS } from './simple-resolvers';

@ObjectType({ description: 'Where a page stands in the whole list (Relay connections).', simpleResolvers: SIMPLE_RESOLVERS })
export class PageInfo {
  @Field({ description: 'More items follow this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'Items precede this page (it was asked for with `after`).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item; null for an empty page.' })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item; null for an empty page. Pass it as `after` for the next page.',
  })
  endCursor!: string | null;
}
