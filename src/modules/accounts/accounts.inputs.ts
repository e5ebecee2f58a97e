import { IsBoolean, IsEmail, IsEnum, IsOptional, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { VersionedInput } from '../../graphql/versioned.input';
import { Role } from '../../common/role.enum';

const NO_CONTROL_CHARS = /^[^\p{Cc}]*$/u;

@InputType({ description: 'A new staff account (tài khoản mới).' })
export class CreateAccountInput {
  @Field({ description: 'Sign-in email; unique, case-insensitive.' })
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;

  @Field({ description: 'Name shown to other staff.' })
  @MinLength(1)
  @MaxLength(200)
  @Matches(NO_CONTROL_CHARS, { message: 'displayName must not contain control characters' })
  displayName!: string;

  @Field({ description: 'Initial password, 12 to 200 characters.' })
  @MinLength(12, { message: 'password must be at least 12 characters long' })
  @MaxLength(200)
  password!: string;

  @Field(() => Role, { description: 'What the account may do.' })
  @IsEnum(Role)
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'Unit a UNIT_HEAD account heads (required for UNIT_HEAD).' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The cadre in the register who holds this account (a cadre never sees a denunciation of themself).',
  })
  @IsOptional()
  @IsUUID('all', { message: 'cadreId must be a UUID' })
  cadreId?: string;
}

@InputType({ description: 'Changes to an account (sửa tài khoản). Omitted fields stay as they are.' })
export class UpdateAccountInput extends VersionedInput {
  @Field(() => Role, { nullable: true, description: 'New role; existing tokens of the account stop working.' })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @Field(() => ID, { nullable: true, description: 'Unit for a UNIT_HEAD account.' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The cadre in the register who holds this account (a cadre never sees a denunciation of themself).',
  })
  @IsOptional()
  @IsUUID('all', { message: 'cadreId must be a UUID' })
  cadreId?: string;

  @Field({ nullable: true, description: 'Disable (true) or enable (false); disabling revokes its tokens at once.' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @Field({
    nullable: true,
    description:
      'Designate (true) or release (false) the chair of the Inspection Committee, the identity custodian. Only an active INSPECTION_COMMITTEE account; CONFLICT (reason CHAIR_TAKEN) while another account holds it. A change of role or disabling releases it.',
  })
  @IsOptional()
  @IsBoolean()
  isInspectionChair?: boolean;

  @Field({ nullable: true, description: 'New display name.' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  @Matches(NO_CONTROL_CHARS, { message: 'displayName must not contain control characters' })
  displayName?: string;
}
