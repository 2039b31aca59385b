import { Body, Controller, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@overgang/auth';
import { RegisterConsentHandler } from '../../application/register-consent/register-consent.handler';
import { CreatedResponseDto } from '../../../referral/interface/http/dto/release-notice.request.dto';
import { RegisterConsentRequestDto } from './dto/register-consent.request.dto';

@ApiTags('consents')
@ApiBearerAuth()
@Controller('api/v1/consents')
export class ConsentController {
  constructor(private readonly register: RegisterConsentHandler) {}

  @Post()
  @Roles('prison-consultant', 'health-trust-staff', 'housing-caseworker', 'nav-caseworker')
  @ApiOperation({ summary: 'Register a person’s signed consent to share information for a purpose.' })
  async create(
    @Body() body: RegisterConsentRequestDto,
    @CurrentUser() user: Principal,
    @Req() req: { headers: Record<string, string | undefined> },
  ): Promise<CreatedResponseDto> {
    const id = await this.register.execute({
      ...body,
      registeredBy: user,
      correlationId: req.headers['x-correlation-id'] ?? 'none',
    });
    return { id };
  }
}
