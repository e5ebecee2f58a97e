import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../../db/base.entity';
import { SIMPLE_RESOLVERS } from '../../graphql/simple-resolvers';

/**
 * A post (chức vụ) from the catalogue. A single-holder post has at most one current holder
 * per unit (one Bí thư per Đảng ủy, one Chủ tịch per UBND).
 */
@ObjectType({
  description: 'A post (chức vụ) cadres hold, from the catalogue shared by all wards.',
  simpleResolvers: SIMPLE_RESOLVERS,
})
@Entity()
export class Post extends BaseRecord {
  @Field({ description: 'Stable code, unique (e.g. `PARTY_SECRETARY`).' })
  @Index('post_code_key', { unique: true })
  @Column({ type: 'text' })
  code!: string;

  @Field({ description: 'Name in Vietnamese, e.g. "Bí thư Đảng ủy phường".' })
  @Column({ type: 'text' })
  name!: string;

  @Field({ description: 'A leadership or management post (cán bộ lãnh đạo, quản lý).' })
  @Column({ type: 'boolean' })
  isManagement!: boolean;

  @Field({ description: 'At most one current holder per unit; appointing a second one is a CONFLICT.' })
  @Column({ type: 'boolean' })
  singleHolder!: boolean;
}
