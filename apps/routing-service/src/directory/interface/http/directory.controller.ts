import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@overgang/auth';
import { DirectoryService } from '../../application/directory.service';
import { RegisterAbsenceRequestDto } from './dto/register-absence.request.dto';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/v1/directory')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get('organisations')
  @ApiOperation({ summary: 'Organisations and their units: who receives which referral type.' })
  organisations() {
    return this.directory.organisations();
  }

  @Get('units/:id')
  @ApiOperation({ summary: 'A unit with its contact persons and who is away today.' })
  unit(@Param('id') id: string) {
    return this.directory.unit(id);
  }

  @Post('contact-persons/:id/absences')
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({
    summary: 'Register that a contact person is away; new referrals go to the backup meanwhile.',
  })
  absence(@Param('id') id: string, @Body() body: RegisterAbsenceRequestDto, @CurrentUser() user: Principal) {
    return this.directory.registerAbsence(user, id, body);
  }
}
