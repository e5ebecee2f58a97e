import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseRecord } from '../../../db/base.entity';
import { PoliticalTheory, Qualification } from '../../cadres/cadre.enums';
import { Post } from '../../units/post.entity';
import { TrainingCategory } from '../quality.enums';

/**
 * The standard of one post (tiêu chuẩn chức danh). Posts without a row follow the default of
 * their category (leaders/managers or staff) in the quality rule data.
 */
@ObjectType({
  description:
    'The standard a post requires: qualification, political theory and public-service training (tiêu chuẩn chức danh).',
})
@Entity()
export class PostStandard extends BaseRecord {
  @Field(() => ID, { description: 'The post.' })
  @Index('post_standard_post_key', { unique: true })
  @Column({ type: 'uuid' })
  postId!: string;

  @ManyToOne(() => Post, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'post_id' })
  post?: Relation<Post>;

  @Field(() => Qualification, { description: 'Least professional qualification.' })
  @Column({ type: 'enum', enum: Qualification, enumName: 'qualification' })
  minQualification!: Qualification;

  @Field(() => PoliticalTheory, { description: 'Least political theory level.' })
  @Column({ type: 'enum', enum: PoliticalTheory, enumName: 'political_theory' })
  minPoliticalTheory!: PoliticalTheory;

  @Field(() => [TrainingCategory], { description: 'Training categories the holder must have passed (any year).' })
  @Column({ type: 'enum', enum: TrainingCategory, enumName: 'training_category', array: true })
  requiredTraining!: TrainingCategory[];
}
