import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { JwtAuthGuard, OrganisationGuard, RolesGuard } from './guards';
import { JwtStrategy } from './jwt.strategy';

/**
 * Every route needs a verified token unless marked @Public(); the caller's organisation and unit
 * are then checked against the service's ORGANISATION_DIRECTORY, and @Roles() narrows further.
 * Guards run in this order.
 */
@Module({
  imports: [PassportModule],
  providers: [
    JwtStrategy,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: OrganisationGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
})
export class AuthModule {}
