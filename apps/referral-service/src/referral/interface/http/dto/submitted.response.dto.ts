import { ApiProperty } from '@nestjs/swagger';

/** The answer to every intake. */
export class SubmittedResponseDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({
    type: [String],
    description:
      'Open referrals about the same person and period from another sender, linked for the recipient.',
  })
  possibleDuplicates!: string[];
}
