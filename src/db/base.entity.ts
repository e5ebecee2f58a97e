import { Field, ID, Int, ObjectType } from 'type-graphql';
import { CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * Columns every mutable record has. `version` guards against lost updates: a mutation carries
 * the version it read and gets CONFLICT when the row has moved on.
 */
@ObjectType()
export abstract class BaseRecord {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'When the record was created.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field({ description: 'When the record last changed.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Field(() => Int, { description: 'Optimistic-lock version: send it back with an update; a stale one is a CONFLICT.' })
  @VersionColumn()
  version!: number;
}
