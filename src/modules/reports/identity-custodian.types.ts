import { Field, ID, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/page-info';

@ObjectType({ description: 'A member of a group complaint, decrypted with the reporter’s identity (người cùng đứng đơn).' })
export class GroupMemberView {
  @Field({ description: 'Full name.' })
  fullName!: string;

  @Field(() => String, { nullable: true, description: 'ID card number.' })
  idNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'Phone.' })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: 'Address.' })
  address!: string | null;
}

@ObjectType({
  description:
    'The reporter’s identity, decrypted for the handler holding a grant of the chair of the Inspection Committee (danh tính người gửi đơn). Every read is logged.',
})
export class ReporterIdentityView {
  @Field(() => String, { nullable: true, description: 'Full name.' })
  fullName!: string | null;

  @Field(() => String, { nullable: true, description: 'ID card number.' })
  idNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'Phone.' })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: 'Email.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Address.' })
  address!: string | null;

  @Field(() => [GroupMemberView], {
    description: 'A group complaint’s other members (the reporter is their representative); empty for one reporter.',
  })
  groupMembers!: GroupMemberView[];

  @Field(() => Date, {
    nullable: true,
    description:
      'Đã tiêu hủy theo thời hạn lưu trữ: when the identity was destroyed at the end of the retention period (its data key erased, crypto-shredding); every other field is then null and the group list empty. Null while the identity is kept.',
  })
  destroyedAt!: Date | null;
}

@ObjectType({
  description:
    'One read of a reporter’s identity (lượt xem danh tính người gửi đơn): who, when, which report, why, under whose grant. Never the identity.',
})
export class IdentityAccessLogEntry {
  @Field(() => ID, { description: 'Entry id, increasing in time order.' })
  id!: string;

  @Field({ description: 'When the identity was read.' })
  accessedAt!: Date;

  @Field(() => ID, { description: 'The report whose reporter’s identity was read.' })
  reportId!: string;

  accountId!: string;

  @Field(() => String, { nullable: true, description: 'The reason given in the request the read was granted under.' })
  reason!: string | null;

  grantedById!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the chair granted the request.' })
  grantedAt!: Date | null;
}

@ObjectType({ description: 'One entry of the identity access log in a page (một dòng nhật ký truy cập danh tính).' })
export class IdentityAccessLogEdge {
  @Field({ description: 'Opaque cursor of this entry: pass it as `after` to continue after it.' })
  cursor!: string;

  @Field(() => IdentityAccessLogEntry, { description: 'The entry.' })
  node!: IdentityAccessLogEntry;
}

@ObjectType({ description: 'A page of the identity access log (nhật ký truy cập danh tính), newest first (Relay connection).' })
export class IdentityAccessLogPage {
  @Field(() => [IdentityAccessLogEdge], { description: 'The entries of this page.' })
  edges!: IdentityAccessLogEdge[];

  @Field(() => PageInfo, { description: 'Paging state.' })
  pageInfo!: PageInfo;
}
