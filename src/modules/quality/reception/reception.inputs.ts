import { ArrayMaxSize, ArrayMinSize, IsEnum, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IsDay, IsText } from '../../../common/validators';
import { ReceptionKind } from '../quality.enums';
import { IsUuid } from '../quality.validation';

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

@InputType({ description: 'A reception day or dialogue to publish (lịch tiếp công dân).' })
export class ScheduleReceptionInput {
  @Field(() => ReceptionKind, { description: 'Reception or dialogue.' })
  @IsEnum(ReceptionKind)
  kind!: ReceptionKind;

  @Field({ description: 'Day (YYYY-MM-DD).' })
  @IsDay('day')
  day!: string;

  @Field({ description: 'Start, HH:MM.' })
  @Matches(HHMM, { message: 'phải là giờ viết theo dạng HH:MM' })
  startsAt!: string;

  @Field({ description: 'End, HH:MM, after startsAt.' })
  @Matches(HHMM, { message: 'phải là giờ viết theo dạng HH:MM' })
  endsAt!: string;

  @Field(() => ID, { description: 'The receiving leader (a current leader or manager).' })
  @IsUuid('receiverCadreId')
  receiverCadreId!: string;

  @Field({ description: 'Where.' })
  @IsText('location', 300, 3)
  location!: string;
}

@InputType({ description: 'A reception session or dialogue that was held (buổi tiếp công dân đã tổ chức).' })
export class RecordReceptionSessionInput {
  @Field(() => ReceptionKind, { description: 'Reception or dialogue.' })
  @IsEnum(ReceptionKind)
  kind!: ReceptionKind;

  @Field({ description: 'Day held (YYYY-MM-DD), not in the future.' })
  @IsDay('heldOn')
  heldOn!: string;

  @Field(() => ID, { nullable: true, description: 'The schedule entry it fulfils.' })
  @IsOptional()
  @IsUuid('scheduleId')
  scheduleId?: string | null;

  @Field(() => [ID], { description: 'Who received (1 to 10 cadres).' })
  @ArrayMinSize(1, { message: 'phải nêu ít nhất một cán bộ tiếp' })
  @ArrayMaxSize(10)
  @IsUuid('receiverCadreIds', true)
  receiverCadreIds!: string[];

  @Field(() => Int, { description: 'Citizens received.' })
  @IsInt()
  @Min(0, { message: 'must be at least 0' })
  @Max(100000)
  citizenCount!: number;

  @Field({ description: 'Topics raised and answers given.' })
  @IsText('summary', 10000, 5)
  summary!: string;

  @Field(() => [ID], {
    defaultValue: [],
    description: 'Reports recorded from the session (recordReport with channel RECEPTION).',
  })
  @ArrayMaxSize(200)
  @IsUuid('reportIds', true)
  reportIds!: string[];
}
