import { IsInt, IsUUID, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

/**
 * The head of every change to an existing record: which record, and the version the client read.
 * A stale version is a CONFLICT (optimistic locking), never a silent overwrite.
 */
@InputType()
export abstract class VersionedInput {
  @Field(() => ID, { description: 'Id of the record to change.' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is a CONFLICT.' })
  @IsInt()
  @Min(1)
  version!: number;
}
