import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@overgang/auth';
import { BodyRequired, uuidParam as uuid } from '@overgang/web';
import { RegisterConsentHandler } from '../../application/register-consent/register-consent.handler';
import { ConsentLedgerService } from '../../application/withdraw-consent/consent-ledger.service';
import { LogsRefusal } from '../../../referral/interface/http/refused-access.interceptor';
import { CreatedResponseDto } from './dto/created.response.dto';
import { RegisterConsentRequestDto, WithdrawConsentRequestDto } from './dto/register-consent.request.dto';

type Req = { headers: Record<string, string | undefined> };

@ApiTags('consents')
@ApiBearerAuth()
@Controller('api/v1/consents')
export class ConsentController {
  constructor(
    private readonly register: RegisterConsentHandler,
    private readonly ledger: ConsentLedgerService,
  ) {}

  @Post()
  @Roles('prison-consultant', 'health-trust-staff', 'housing-caseworker', 'nav-caseworker')
  @ApiOperation({ summary: 'Register a person’s signed consent to share information for a purpose.' })
  async create(
    @Body() body: RegisterConsentRequestDto,
    @CurrentUser() user: Principal,
    @Req() req: Req,
  ): Promise<CreatedResponseDto> {
    const id = await this.register.execute({
      nationalId: body.nationalId,
      purposes: body.purposes,
      receivingOrganisationNumbers: body.receivingOrganisationNumbers,
      sharingOrganisationNumbers: body.sharingOrganisationNumbers,
      validFrom: body.validFrom,
      validTo: body.validTo,
      givenBy: body.givenBy,
      evidenceReference: body.evidenceReference,
      registeredBy: user,
      correlationId: req.headers['x-correlation-id'] ?? 'none',
    });
    return { id };
  }

  @Get(':id')
  @LogsRefusal({ objectType: 'consent', action: 'read-consent', consent: 'id' })
  @ApiOperation({
    summary: 'A consent and its ledger (withdrawals, expiry), for the organisations it names.',
  })
  read(@Param('id', uuid) id: string, @CurrentUser() user: Principal, @Req() req: Req) {
    return this.ledger.read(user, id, req.headers['x-correlation-id'] ?? 'none');
  }

  @Post(':id/withdrawals')
  @LogsRefusal({ objectType: 'consent', action: 'withdraw-consent', consent: 'id' })
  @HttpCode(200)
  @BodyRequired()
  @Roles('prison-consultant', 'health-trust-staff', 'housing-caseworker', 'nav-caseworker', 'coordinator')
  @ApiOperation({
    summary:
      'The person withdraws the consent, wholly or for some organisations or purposes; open referrals under it are suspended.',
  })
  withdraw(
    @Param('id', uuid) id: string,
    @Body() body: WithdrawConsentRequestDto,
    @CurrentUser() user: Principal,
    @Req() req: Req,
  ) {
    return this.ledger.withdraw({
      consentId: id,
      organisationNumbers: body.organisationNumbers ?? [],
      purposes: body.purposes ?? [],
      by: user,
      correlationId: req.headers['x-correlation-id'] ?? 'none',
    });
  }
}
