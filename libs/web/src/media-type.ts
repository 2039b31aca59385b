import { IncomingMessage, ServerResponse } from 'http';
import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiConsumes } from '@nestjs/swagger';
import { RequestRefusedError } from './problem';

const BODY_MEDIA_TYPES = 'overgang:bodyMediaTypes';
const BODY_REQUIRED = 'overgang:bodyRequired';

/** What every endpoint takes unless it says otherwise. */
export const JSON_MEDIA_TYPE = 'application/json';

/**
 * The media types an endpoint takes instead of JSON (a CSV import, a multipart upload); also its
 * OpenAPI `consumes`, so the document and the check cannot disagree.
 */
export const BodyMediaTypes = (...types: string[]) =>
  applyDecorators(SetMetadata(BODY_MEDIA_TYPES, types), ApiConsumes(...types));

/**
 * The endpoint needs a body even though every field is optional, because an empty one means
 * something drastic (no organisations and no purposes: the whole consent is withdrawn).
 */
export const BodyRequired = () => SetMetadata(BODY_REQUIRED, true);

interface ContentType {
  type: string;
  params: Record<string, string>;
}

function parseContentType(header: string | undefined): ContentType | null {
  if (!header) return null;
  const [type, ...rest] = header.split(';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const at = p.indexOf('=');
    if (at > 0)
      params[p.slice(0, at).trim().toLowerCase()] = p
        .slice(at + 1)
        .trim()
        .replace(/^"|"$/g, '');
  }
  return { type: type.trim().toLowerCase(), params };
}

/** A body is on its way: chunked, or a length above zero. */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
}

/** A type the caller sent, fit to be quoted back. */
const quoted = (type: string) => (/^[\w.+-]{1,60}\/[\w.+-]{1,60}$/.test(type) ? type : 'that type');

/**
 * Every body must be of a type its endpoint takes — JSON unless the endpoint says otherwise — else
 * 415, before anything reads it: a body of another type would otherwise reach the handler as "no
 * fields sent", which changes what the request means.
 */
@Injectable()
export class MediaTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<IncomingMessage>();
    const accepted = this.reflector.get<string[] | undefined>(BODY_MEDIA_TYPES, context.getHandler()) ?? [
      JSON_MEDIA_TYPE,
    ];
    const names = accepted.join(' or ');
    if (!hasBody(req)) {
      if (this.reflector.get<boolean | undefined>(BODY_REQUIRED, context.getHandler())) {
        throw new RequestRefusedError(
          400,
          'REQUEST.BODY_MISSING',
          `This endpoint needs a body (${names}); send {} only when you mean its empty default.`,
          { accepted },
        );
      }
      return true;
    }
    const contentType = parseContentType(req.headers['content-type']);
    if (!contentType || !accepted.includes(contentType.type)) {
      throw new RequestRefusedError(
        415,
        'REQUEST.UNSUPPORTED_MEDIA_TYPE',
        `This endpoint takes ${names}, not ${contentType ? quoted(contentType.type) : 'a body without a Content-Type'}.`,
        { accepted },
      );
    }
    if (contentType.type.startsWith('multipart/') && !contentType.params.boundary) {
      throw new RequestRefusedError(
        400,
        'REQUEST.MALFORMED_MULTIPART',
        'The multipart body has no boundary.',
      );
    }
    return true;
  }
}

/**
 * Every body is UTF-8: a charset parameter naming anything else is 415 before a parser decodes it
 * (body-parser would read UTF-16 or refuse Latin-1 in its own ways). Mounted before the parsers.
 */
export function refuseForeignCharset(
  req: IncomingMessage,
  _res: ServerResponse,
  next: (err?: unknown) => void,
): void {
  const charset = parseContentType(req.headers['content-type'])?.params.charset?.toLowerCase();
  if (!hasBody(req) || charset === undefined || charset === 'utf-8' || charset === 'utf8') return next();
  next(
    new RequestRefusedError(
      415,
      'REQUEST.UNSUPPORTED_CHARSET',
      'Send the body encoded as UTF-8 (charset=utf-8).',
    ),
  );
}
