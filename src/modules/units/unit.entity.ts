import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseRecord } from '../../db/base.entity';
import { Body, UnitKind } from './unit.enums';
import { SIMPLE_RESOLVERS } from '../../graphql/simple-resolvers';

/**
 * A node of the ward's organisation tree. `path` is the materialised path of ids from the root
 * (`/<root>/<child>/…/<self>/`), so "this unit and its descendants" is one indexed prefix match
 * (`path LIKE '<path>%'`, btree with text_pattern_ops, see migration unit-path-and-cadre-search).
 */
@ObjectType({
  description: 'A unit of the ward’s organisation (cơ quan, đơn vị, chi bộ), a node of a tree.',
  simpleResolvers: SIMPLE_RESOLVERS,
})
@Entity()
@Index('unit_path_prefix_idx', { synchronize: false })
export class Unit extends BaseRecord {
  @Field({ description: 'Short stable code, unique (e.g. `AB-UBND`).' })
  @Index('unit_code_key', { unique: true })
  @Column({ type: 'text' })
  code!: string;

  @Field({ description: 'Name in Vietnamese, e.g. "Văn phòng Đảng ủy".' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => UnitKind, { description: 'What kind of organisation this is.' })
  @Column({ type: 'enum', enum: UnitKind, enumName: 'unit_kind' })
  kind!: UnitKind;

  @Field(() => Body, {
    nullable: true,
    description: 'The body the unit belongs to; null only for the ward Party committee itself, which spans all three.',
  })
  @Index('unit_body_idx')
  @Column({ type: 'enum', enum: Body, enumName: 'unit_body', nullable: true })
  body!: Body | null;

  @Index('unit_parent_id_idx')
  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => Unit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parentUnit?: Relation<Unit> | null;

  /** `/<root id>/…/<own id>/`; maintained by whoever inserts units (seed, generator). */
  @Column({ type: 'text' })
  path!: string;

  @Field({ description: 'Depth in the tree: 0 for the ward Party committee.' })
  @Column({ type: 'integer' })
  depth!: number;
}
