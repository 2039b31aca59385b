import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { BaseServiceEnv, SERVICE_ENV } from '@overgang/config';
import { Principal, ROLES, Role } from './principal';

interface VerifiedClaims {
  sub?: unknown;
  org?: unknown;
  unit?: unknown;
  roles?: unknown;
}

/** Every service verifies the caller's token itself; the gateway only routes. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(SERVICE_ENV) env: BaseServiceEnv) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: env.AUTH_JWT_SECRET,
      issuer: env.AUTH_JWT_ISSUER,
      audience: env.AUTH_JWT_AUDIENCE,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  validate(claims: VerifiedClaims): Principal | false {
    const roles = Array.isArray(claims.roles)
      ? (claims.roles as unknown[]).filter((r): r is Role => ROLES.includes(r as Role))
      : [];
    if (typeof claims.sub !== 'string' || typeof claims.org !== 'string' || !/^\d{9}$/.test(claims.org)) {
      return false;
    }
    return {
      userId: claims.sub,
      organisationNumber: claims.org,
      unitId: typeof claims.unit === 'string' ? claims.unit : null,
      roles,
    };
  }
}
