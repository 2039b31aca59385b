import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Inject,
  Injectable,
  OnModuleInit,
  ServiceUnavailableException,
  SetMetadata,
} from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { BaseServiceEnv, SERVICE_ENV } from '@overgang/config';
import { DomainError } from '@overgang/core';
import { checkCaller } from './caller-check';
import {
  CachedOrganisationDirectory,
  ORGANISATION_DIRECTORY,
  OrganisationDirectory,
} from './organisation-directory';
import { Principal, Role } from './principal';

const PUBLIC = 'overgang:public';
const ROLES_KEY = 'overgang:roles';

/** Marks a route that needs no token (health, OpenAPI). */
export const Public = () => SetMetadata(PUBLIC, true);

/** The caller needs at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

const isPublic = (reflector: Reflector, context: ExecutionContext) =>
  !!reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]);

@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    if (context.getType() !== 'http') return true;
    if (isPublic(this.reflector, context)) return true;
    return super.canActivate(context);
  }
}

/**
 * After the token is verified: its organisation and unit are checked against the directory, and
 * the roles not valid for the organisation's type are dropped, so a token cannot make a NAV
 * caseworker a prison consultant or a municipality's coordinator the hub's administrator.
 */
@Injectable()
export class OrganisationGuard implements CanActivate, OnModuleInit {
  private directory!: CachedOrganisationDirectory;

  constructor(
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
    @Inject(SERVICE_ENV) private readonly env: BaseServiceEnv,
  ) {}

  onModuleInit(): void {
    let source: OrganisationDirectory;
    try {
      source = this.moduleRef.get<OrganisationDirectory>(ORGANISATION_DIRECTORY, { strict: false });
    } catch {
      throw new Error(
        'No OrganisationDirectory: a service that uses AuthModule must provide ORGANISATION_DIRECTORY.',
      );
    }
    this.directory = new CachedOrganisationDirectory(source, this.env.AUTH_DIRECTORY_CACHE_MS);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || isPublic(this.reflector, context)) return true;
    const req = context.switchToHttp().getRequest<{ user?: Principal }>();
    const user = req.user;
    if (!user) return true;
    let view = await this.directory.view();
    let check = view && checkCaller(view, user);
    if (check && !check.ok) {
      view = await this.directory.afterMiss();
      check = view && checkCaller(view, user);
    }
    if (!check) {
      throw new ServiceUnavailableException(
        'Tjenesten har ennå ikke fått katalogen over organisasjoner og enheter, så den kan ikke kontrollere tilgangen din. Prøv igjen om noen sekunder.',
      );
    }
    if (!check.ok) throw new DomainError(check.code, check.message, 'forbidden');
    req.user = { ...user, roles: check.roles };
    return true;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A system may change something only with a write scope (`overgang:<area>.write`). */
const mayWrite = (p: Principal) => (p.scopes ?? []).some((s) => /^overgang:[a-z-]+\.write$/.test(s));

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<{ user?: Principal; method: string }>();
    // An agency system granted only read scopes reads; it changes nothing.
    if (request.user?.system && !SAFE_METHODS.has(request.method) && !mayWrite(request.user)) {
      throw new DomainError(
        'AUTH.SCOPE_READ_ONLY',
        `Systemet har bare lesetilgang (${(request.user.scopes ?? []).join(' ')}); en endring krever et skriveomfang (overgang:<område>.write).`,
        'forbidden',
        { scopes: request.user.scopes ?? [] },
      );
    }
    const needed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!needed || needed.length === 0) return true;
    const user = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (user && needed.some((r) => user.roles.includes(r))) return true;
    throw new DomainError(
      'AUTH.ROLE_REQUIRED',
      `Dette krever en av rollene ${needed.join(', ')} i en organisasjon der rollen gjelder.`,
      'forbidden',
      { requiredRoles: needed },
    );
  }
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ user: Principal }>().user;
});
