import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, Matches, ValidateBy, ValidationArguments } from 'class-validator';
import { IsOmittable } from '@overgang/web';
import { ID, ID_MESSAGE } from '../../../../directory/interface/http/dto/directory-id';

const takesOver = (args: ValidationArguments) => (args.object as { takeOver?: unknown }).takeOver === true;

/** Either a named contact person of the unit, or takeOver: true (the coordinator holds it themself). */
export class AssignReferralRequestDto {
  @ApiProperty({
    description: 'The receiving unit the referral is assigned in.',
    example: 'drammen-boligtjenesten',
  })
  @Matches(ID, { message: `unitId ${ID_MESSAGE}` })
  unitId!: string;

  @ApiPropertyOptional({
    description: 'The contact person of that unit who gets it (leave out with takeOver).',
    example: 'cp-drammen-bolig-2',
  })
  @ValidateBy({
    name: 'contactOrTakeOver',
    validator: {
      validate: (value: unknown, args) =>
        takesOver(args!) ? value === undefined : typeof value === 'string' && ID.test(value),
      defaultMessage: (args) =>
        takesOver(args!)
          ? 'contactPersonId must be left out when takeOver is true'
          : `contactPersonId ${ID_MESSAGE}, or send takeOver: true`,
    },
  })
  contactPersonId?: string;

  @ApiPropertyOptional({
    description: 'true: the coordinator takes it over (they must be a contact person of the unit).',
  })
  @IsOmittable()
  @Equals(true, { message: 'takeOver must be true, or left out' })
  takeOver?: true;
}
