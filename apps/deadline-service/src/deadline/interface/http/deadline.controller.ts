import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@overgang/auth';
import { DeadlineQueries } from '../../application/deadline.queries';
import { ListDeadlinesQueryDto } from './dto/list-deadlines.query.dto';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('api/v1/deadlines')
export class DeadlineController {
  constructor(private readonly queries: DeadlineQueries) {}

  @Get()
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({
    summary: 'Deadline clocks of my organisation as recipient: who holds each and when it is due.',
  })
  list(@Query() q: ListDeadlinesQueryDto, @CurrentUser() user: Principal) {
    return this.queries.list(user, q.status, q.referralId);
  }
}
