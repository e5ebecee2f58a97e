import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../graphql/page-info';
import { SIMPLE_RESOLVERS } from '../../graphql/simple-resolvers';
import { SupervisionEntryType } from './supervision-record.query';

registerEnumType(SupervisionEntryType, {
  name: 'SupervisionEntryType',
  description: 'What an entry of a supervision record is (loại mục trong hồ sơ giám sát).',
  valuesConfig: {
    REPORT: { description: 'A report (đơn thư) naming the cadre or unit.' },
    INSPECTION: { description: 'Cuộc kiểm tra, giám sát: an inspection or supervision of the cadre or unit.' },
    FINDING: { description: 'Phát hiện: a finding concerning the cadre or unit.' },
    DISCIPLINE_CASE: { description: 'Vụ kỷ luật: a discipline case (with its decision, when decided).' },
    COMMENDATION: { description: 'A commendation (khen thưởng), dated by its decision.' },
  },
});

@ObjectType({
  description: 'One entry of a supervision record, with a link to the item it stands for (mục trong hồ sơ giám sát).',
  simpleResolvers: SIMPLE_RESOLVERS,
})
export class SupervisionRecordEntry {
  @Field({
    description:
      'When it happened: a report’s receipt, an inspection’s or case’s creation, a finding’s recording, a commendation’s decision day (midnight, Vietnam time).',
  })
  at!: Date;

  @Field(() => SupervisionEntryType, { description: 'What it is.' })
  type!: SupervisionEntryType;

  @Field(() => ID, { description: 'Id of the item.' })
  id!: string;

  @Field({
    description:
      'Its stage or severity, as a code (e.g. CONCLUDED, VIOLATION, FINAL); WITHDRAWN for a finding withdrawn as recorded in error.',
  })
  status!: string;
}

@ObjectType({ description: 'One entry of a supervision record in a page of results (một mục trong hồ sơ giám sát).' })
export class SupervisionRecordEdge {
  @Field({ description: 'Opaque cursor of this entry: pass it as `after` to continue after it.' })
  cursor!: string;

  @Field(() => SupervisionRecordEntry, { description: 'The entry.' })
  node!: SupervisionRecordEntry;
}

@ObjectType({
  description:
    'A page of a supervision record, newest first: by time, then type (REPORT, INSPECTION, FINDING, DISCIPLINE_CASE, COMMENDATION), then id (Relay connection) (hồ sơ giám sát).',
})
export class SupervisionRecordConnection {
  @Field(() => [SupervisionRecordEdge], { description: 'The entries of this page, each with its cursor.' })
  edges!: SupervisionRecordEdge[];

  @Field(() => [SupervisionRecordEntry], {
    description:
      'The same entries without the edge wrapper (one level less, within the query depth limit for deep links such as `finding { inspection { … } }`); page on with `pageInfo.endCursor`.',
  })
  nodes!: SupervisionRecordEntry[];

  @Field(() => PageInfo, { description: 'Paging state.' })
  pageInfo!: PageInfo;
}
