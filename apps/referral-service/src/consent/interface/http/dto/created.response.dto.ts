import { ApiProperty } from '@nestjs/swagger';

export class CreatedResponseDto {
  @ApiProperty()
  id!: string;
}
