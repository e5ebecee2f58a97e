import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseRecord } from '../../db/base.entity';
import { Post } from '../units/post.entity';
import { Unit } from '../units/unit.entity';
import { CivilServiceCategory, EmploymentStatus, Gender, PoliticalTheory, Qualification } from './cadre.enums';
import { SIMPLE_RESOLVERS } from '../../graphql/simple-resolvers';

/**
 * A cadre or civil servant in the register. Date of birth and contact data have no `@Field`
 * here: the resolver exposes them per role (null for VIEWER).
 */
@ObjectType({
  description: 'A cadre, civil servant or public employee of the ward (cán bộ, công chức) in the register.',
  simpleResolvers: SIMPLE_RESOLVERS,
})
@Entity()
// Expression and operator-class indexes TypeORM cannot generate: hand-written migration.
@Index('cadre_search_name_trgm_idx', { synchronize: false })
@Index('cadre_search_words_idx', { synchronize: false })
@Index('cadre_search_name_order_idx', ['searchName', 'id'])
@Index('cadre_full_name_order_idx', { synchronize: false })
@Index('cadre_date_of_birth_order_idx', ['dateOfBirth', 'id'])
@Index('cadre_created_at_order_idx', ['createdAt', 'id'])
export class Cadre extends BaseRecord {
  @Field({ description: 'Full name in Vietnamese with diacritics, family name first (e.g. "Nguyễn Văn Thành").' })
  @Column({ type: 'text' })
  fullName!: string;

  /**
   * `search_text(full_name)` (lower case, no diacritics), stored: name search filters and sorts on
   * it without running unaccent again for every row it reads. Never selected by the app.
   */
  @Column({
    type: 'text',
    generatedType: 'STORED',
    asExpression: 'search_text(full_name)',
    select: false,
    insert: false,
    update: false,
  })
  searchName!: string;

  @Field(() => Gender, { description: 'Gender.' })
  @Column({ type: 'enum', enum: Gender, enumName: 'gender' })
  gender!: Gender;

  /** ISO date `YYYY-MM-DD`; hidden from VIEWER. */
  @Column({ type: 'date' })
  dateOfBirth!: string;

  @Index('cadre_unit_id_idx')
  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;

  @Index('cadre_post_id_idx')
  @Column({ type: 'uuid' })
  postId!: string;

  @ManyToOne(() => Post, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'post_id' })
  post?: Relation<Post>;

  @Field(() => CivilServiceCategory, { description: 'Civil-service category (cán bộ, công chức, viên chức, hợp đồng).' })
  @Column({ type: 'enum', enum: CivilServiceCategory, enumName: 'civil_service_category' })
  civilServiceCategory!: CivilServiceCategory;

  @Field(() => Qualification, { description: 'Highest professional qualification.' })
  @Column({ type: 'enum', enum: Qualification, enumName: 'qualification' })
  qualification!: Qualification;

  @Field(() => PoliticalTheory, { description: 'Political theory level.' })
  @Column({ type: 'enum', enum: PoliticalTheory, enumName: 'political_theory' })
  politicalTheory!: PoliticalTheory;

  @Field({ description: 'Member of the Communist Party of Vietnam (đảng viên).' })
  @Column({ type: 'boolean' })
  partyMember!: boolean;

  @Field(() => String, { nullable: true, description: 'Date joined the Party (YYYY-MM-DD); null when not a member.' })
  @Column({ type: 'date', nullable: true })
  partyJoinedOn!: string | null;

  @Field(() => EmploymentStatus, { description: 'Employment status.' })
  @Index('cadre_status_idx')
  @Column({ type: 'enum', enum: EmploymentStatus, enumName: 'employment_status' })
  status!: EmploymentStatus;

  @Field(() => String, { nullable: true, description: 'Date employment ended (YYYY-MM-DD); null while employed.' })
  @Column({ type: 'date', nullable: true })
  employmentEndedOn!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Date employment in the ward began (YYYY-MM-DD); null when it began before the register (counted as employed in every year up to employmentEndedOn).',
  })
  @Column({ type: 'date', nullable: true })
  employedFrom!: string | null;

  @Field({ description: 'In the succession-planning pool (quy hoạch cán bộ) for the term 2025-2030.' })
  @Column({ type: 'boolean', default: false })
  inPlanningPool!: boolean;

  @Column({ type: 'uuid', nullable: true })
  planningPostId!: string | null;

  @ManyToOne(() => Post, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'planning_post_id' })
  planningPost?: Relation<Post> | null;

  /** Contact data: hidden from VIEWER. */
  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  /** Contact data: hidden from VIEWER. */
  @Column({ type: 'text', nullable: true })
  email!: string | null;
}
