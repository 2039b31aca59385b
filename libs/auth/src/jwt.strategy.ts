import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { BaseServiceEnv, SERVICE_ENV } from '@overgang/config';
import { Principal } from './principal';
import {
  principalFromClaims,
  TokenTimeRules,
  tokenTimeRules,
  tokenTrust,
  VerifiedClaims,
} from './token-verification';

/** Every service verifies the caller's token itself; the gateway only routes. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly rules: TokenTimeRules;

  constructor(@Inject(SERVICE_ENV) env: BaseServiceEnv) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      ...tokenTrust(env),
      ignoreExpiration: false,
    });
    this.rules = tokenTimeRules(env);
  }

  validate(claims: VerifiedClaims): Principal | false {
    return principalFromClaims(claims, Math.floor(Date.now() / 1000), this.rules) ?? false;
  }
}
