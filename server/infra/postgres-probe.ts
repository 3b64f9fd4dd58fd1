// PostgreSQL's liveness check: a startup message answered with an authentication request, as pg_isready does.
import net from 'node:net';
import { DATABASE, ROLE } from './postgres-cluster';

/**
 * Resolves when PostgreSQL on 127.0.0.1:`port` accepts connections: sends a startup message and
 * expects the server's authentication request, then hangs up (as pg_isready does; the server does not
 * log a client that leaves during authentication). Rejects with the server's error (e.g. SQLSTATE
 * 57P03 "the database system is starting up"), a network error, or when `signal` aborts.
 */
export function probePostgres(port: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      if (err) reject(err);
      else resolve();
    };
    const onAbort = () => finish(new Error(`PostgreSQL on port ${port} did not answer in time`));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => socket.write(startupMessage({ user: ROLE, database: DATABASE, application_name: 'kus-probe' })));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 5) return;
      const type = String.fromCharCode(received[0]);
      if (type === 'R') return finish(); // an authentication request: it accepts connections
      if (type !== 'E') return finish(new Error(`unexpected answer from PostgreSQL (message type ${JSON.stringify(type)})`));
      const length = received.readInt32BE(1);
      if (received.length < 1 + length) return;
      finish(new Error(`PostgreSQL: ${errorFields(received.subarray(5, 1 + length))}`));
    });
    socket.once('error', (err) => finish(err));
    socket.once('close', () => finish(new Error('PostgreSQL closed the connection')));
  });
}

/** Protocol 3.0 startup message: length, version, then name/value pairs, each NUL-terminated. */
function startupMessage(params: Record<string, string>): Buffer {
  const body = Buffer.from(
    `${Object.entries(params)
      .flatMap(([k, v]) => [k, v])
      .join('\0')}\0\0`,
  );
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + body.length, 0);
  head.writeInt32BE(196_608, 4);
  return Buffer.concat([head, body]);
}

/** "FATAL 57P03: the database system is starting up" from an ErrorResponse body. */
function errorFields(body: Buffer): string {
  const fields: Record<string, string> = {};
  for (const part of body.toString('utf8').split('\0')) if (part) fields[part[0]] = part.slice(1);
  return `${fields.V ?? fields.S ?? 'ERROR'} ${fields.C ?? ''}: ${fields.M ?? '(no message)'}`;
}
