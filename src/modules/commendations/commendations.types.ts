import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/page-info';
import { Commendation } from './commendation.entity';

@ObjectType({ description: 'One commendation in a page of results (một khen thưởng).' })
export class CommendationEdge {
  @Field({ description: 'Opaque cursor of this commendation: pass it as `after` to continue after it.' })
  cursor!: string;

  @Field(() => Commendation, { description: 'The commendation.' })
  node!: Commendation;
}

@ObjectType({ description: 'A page of commendations, latest decision first (Relay connection) (danh sách khen thưởng).' })
export class CommendationConnection {
  @Field(() => [CommendationEdge], { description: 'The commendations of this page.' })
  edges!: CommendationEdge[];

  @Field(() => PageInfo, { description: 'Paging state.' })
  pageInfo!: PageInfo;

  countTotal!: () => Promise<number>;

  @Field(() => Int, { description: 'Commendations matching the filter in all pages.' })
  totalCount(): Promise<number> {
    return this.countTotal();
  }
}
