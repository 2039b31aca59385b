import { Agent, IncomingHttpHeaders, request } from 'http';

/** A request exactly as it goes on the wire: raw path (already percent-encoded), headers and bytes. */
export interface WireRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
  body?: Buffer;
  /** Send the body with Transfer-Encoding: chunked instead of a Content-Length. */
  chunked?: boolean;
}

export type WireResponse =
  | { ok: true; status: number; headers: IncomingHttpHeaders; body: Buffer; ms: number }
  | { ok: false; error: string; ms: number };

const agent = new Agent({ keepAlive: true, maxSockets: 4 });
const ANSWER_TIMEOUT_MS = 30_000;

/**
 * Sends one request with Node's http client, so nothing is normalised on the way (fetch would refuse
 * some headers and re-encode the path). A transport failure is a result, not an exception: "no
 * answer" is itself a finding.
 */
export function send(base: string, req: WireRequest): Promise<WireResponse> {
  const url = new URL(base);
  const started = Date.now();
  const headers: Record<string, string | string[]> = { ...req.headers };
  if (req.body && !req.chunked) headers['content-length'] = String(req.body.length);
  if (req.chunked) headers['transfer-encoding'] = 'chunked';
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: WireResponse) => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    const out = request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        headers,
        agent,
        timeout: ANSWER_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          done({
            ok: true,
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            ms: Date.now() - started,
          }),
        );
        res.on('error', (err) =>
          done({ ok: false, error: `answer cut off: ${err.message}`, ms: Date.now() - started }),
        );
      },
    );
    out.on('timeout', () => {
      out.destroy(new Error(`no answer within ${ANSWER_TIMEOUT_MS} ms`));
    });
    // A server may answer (e.g. 413) and close before it has read the whole body: the answer still counts.
    out.on('error', (err: NodeJS.ErrnoException) =>
      setTimeout(() => done({ ok: false, error: err.code ?? err.message, ms: Date.now() - started }), 50),
    );
    if (req.body) out.end(req.body);
    else out.end();
  });
}

export function closeWire(): void {
  agent.destroy();
}

const excerpt = (b: Buffer | undefined, max = 400): string => {
  if (!b || b.length === 0) return '(no body)';
  const text = b.subarray(0, max).toString('utf8');
  return `${JSON.stringify(text)}${b.length > max ? ` … (${b.length} bytes)` : ''}`;
};

/** One line per request and answer, for failure messages. */
export function describeExchange(req: WireRequest, res?: WireResponse): string {
  const headers = Object.entries(req.headers)
    .map(([k, v]) => {
      const text = Array.isArray(v) ? v.join(' | ') : v;
      const shown = k === 'authorization' ? `${text.slice(0, 24)}…(${text.length})` : text;
      return `${k}: ${JSON.stringify(shown.length > 120 ? `${shown.slice(0, 120)}…(${shown.length})` : shown)}`;
    })
    .join('; ');
  const lines = [
    `request:  ${req.method} ${req.path.length > 200 ? `${req.path.slice(0, 200)}…(${req.path.length})` : req.path}`,
    `          headers { ${headers} }${req.chunked ? ' (chunked)' : ''}`,
    `          body ${excerpt(req.body)}`,
  ];
  if (res?.ok) {
    lines.push(
      `response: ${res.status} content-type ${JSON.stringify(res.headers['content-type'] ?? null)} in ${res.ms} ms`,
      `          body ${excerpt(res.body)}`,
    );
  } else if (res) {
    lines.push(`response: none (${res.error}) after ${res.ms} ms`);
  }
  return lines.join('\n');
}
