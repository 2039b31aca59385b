import { Server } from 'http';
import { Socket } from 'net';

/**
 * Node's HTTP parser refuses a malformed request (a raw non-ASCII character in the path, a broken
 * header) before any middleware runs, and answers a bare 400 with no body. This answers it as
 * problem+json like every other refusal.
 */
export function answerClientErrorsAsProblems(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || (err.code === 'ECONNRESET' && !socket.bytesWritten)) {
      socket.destroy();
      return;
    }
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const body = JSON.stringify({
      type: 'urn:overgang:problem:request-malformed',
      title: tooLarge ? 'Request headers too large' : 'Bad request',
      status,
      code: 'REQUEST.MALFORMED',
      detail: tooLarge
        ? 'The request headers are too large.'
        : 'The request is not valid HTTP: characters outside ASCII in the address must be percent-encoded.',
    });
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        'Content-Type: application/problem+json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
