import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@overgang/auth';
import { REFERRAL_SUBMITTED_V1 } from '@overgang/contracts';
import { MessageProcessor } from '@overgang/messaging';
import {
  RecordReferralFacts,
  StatisticsHandler,
  StatisticsSubject,
} from '../application/statistics.handlers';
import { statisticsCsv } from './statistics.csv';
import { StatisticsQueryDto } from '@overgang/web';

type CsvResponse = { send(b: string): void };

const SUMMARY =
  'per municipality and month of the date: notices received, notice lead time, housing outcome, answered in time per clock kind, breaches by cause. Counts 1–4 are null, and a second count where the first could be derived from a total.';

/** Statistics without personal data, counted from the fact table (never from a referral). */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('api/v1/statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsHandler) {}

  @Get('releases')
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({ summary: `Release notices ${SUMMARY}` })
  releases(@Query() q: StatisticsQueryDto) {
    return this.run('releases', q);
  }

  @Get('releases.csv')
  @Roles('coordinator', 'hub-admin')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'The release statistics as CSV (":" for a suppressed figure).' })
  async releasesCsv(@Query() q: StatisticsQueryDto, @Res() res: CsvResponse) {
    res.send(statisticsCsv(await this.run('releases', q)));
  }

  @Get('discharges')
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({ summary: `Discharge notices ${SUMMARY}` })
  discharges(@Query() q: StatisticsQueryDto) {
    return this.run('discharges', q);
  }

  @Get('discharges.csv')
  @Roles('coordinator', 'hub-admin')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'The discharge statistics as CSV (":" for a suppressed figure).' })
  async dischargesCsv(@Query() q: StatisticsQueryDto, @Res() res: CsvResponse) {
    res.send(statisticsCsv(await this.run('discharges', q)));
  }

  private run(subject: StatisticsSubject, q: StatisticsQueryDto) {
    return this.statistics.execute({ subject, ...q });
  }
}

/** The deadline service's only use of referral.submitted.v1: the statistics' fact row. */
@Controller()
export class StatisticsEventsConsumer {
  constructor(
    private readonly processor: MessageProcessor,
    private readonly record: RecordReferralFacts,
  ) {}

  @EventPattern(REFERRAL_SUBMITTED_V1)
  async submitted(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(REFERRAL_SUBMITTED_V1, ctx, (e, c) => this.record.submitted(e, c));
  }
}
