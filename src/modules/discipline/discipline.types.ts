import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/page-info';
import { DisciplineCase } from './discipline-case.entity';

@ObjectType({ description: 'One discipline case in a page of results (một hồ sơ kỷ luật).' })
export class DisciplineCaseEdge {
  @Field({ description: 'Opaque cursor of this case: pass it as `after` to continue after it.' })
  cursor!: string;

  @Field(() => DisciplineCase, { description: 'The case.' })
  node!: DisciplineCase;
}

@ObjectType({ description: 'A page of discipline cases, newest first (Relay connection) (danh sách hồ sơ kỷ luật).' })
export class DisciplineCaseConnection {
  @Field(() => [DisciplineCaseEdge], { description: 'The cases of this page.' })
  edges!: DisciplineCaseEdge[];

  @Field(() => PageInfo, { description: 'Paging state.' })
  pageInfo!: PageInfo;

  countTotal!: () => Promise<number>;

  @Field(() => Int, { description: 'Cases matching the filter in all pages.' })
  totalCount(): Promise<number> {
    return this.countTotal();
  }
}
