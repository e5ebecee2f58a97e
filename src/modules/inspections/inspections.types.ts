import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/page-info';
import { Finding } from './finding.entity';
import { Inspection } from './inspection.entity';

@ObjectType({ description: 'One inspection in a page of results (một cuộc kiểm tra, giám sát).' })
export class InspectionEdge {
  @Field({ description: 'Opaque cursor of this inspection: pass it as `after` to continue after it.' })
  cursor!: string;

  @Field(() => Inspection, { description: 'The inspection.' })
  node!: Inspection;
}

@ObjectType({
  description: 'A page of inspections and supervisions, newest first (Relay connection) (danh sách cuộc kiểm tra, giám sát).',
})
export class InspectionConnection {
  @Field(() => [InspectionEdge], { description: 'The inspections of this page.' })
  edges!: InspectionEdge[];

  @Field(() => PageInfo, { description: 'Paging state.' })
  pageInfo!: PageInfo;

  countTotal!: () => Promise<number>;

  @Field(() => Int, { description: 'Inspections matching the filter in all pages.' })
  totalCount(): Promise<number> {
    return this.countTotal();
  }
}

@ObjectType({ description: 'One finding in a page of results (một phát hiện).' })
export class FindingEdge {
  @Field({ description: 'Opaque cursor of this finding: pass it as `after` to continue after it.' })
  cursor!: string;

  @Field(() => Finding, { description: 'The finding.' })
  node!: Finding;
}

@ObjectType({ description: 'A page of findings, newest first (Relay connection) (danh sách phát hiện).' })
export class FindingConnection {
  @Field(() => [FindingEdge], { description: 'The findings of this page.' })
  edges!: FindingEdge[];

  @Field(() => PageInfo, { description: 'Paging state.' })
  pageInfo!: PageInfo;

  countTotal!: () => Promise<number>;

  @Field(() => Int, { description: 'Findings matching the filter in all pages.' })
  totalCount(): Promise<number> {
    return this.countTotal();
  }
}
