// A proxy in front of the emulator that forwards each request and, when told to, drops the connection
// after the emulator has acted but before its answer reaches the client: an outcome the client cannot know.
// It can also hold answers back (a latency spike after the emulator acted, beyond the client's timeout).
import { type IncomingHttpHeaders, type IncomingMessage, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DroppingProxy {
  url: string;
  /** Operations whose next N answers are dropped. */
  dropNext(operation: string, count: number): void;
  /** Operations whose next N answers are held back `ms` before they are forwarded. */
  delayNext(operation: string, count: number, ms: number): void;
  dropped: string[];
  delayed: string[];
  /** The headers of every request forwarded (to check what a client really sent). */
  headers: IncomingHttpHeaders[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startDroppingProxy(target: string): Promise<DroppingProxy> {
  const upstream = new URL(target);
  const drops = new Map<string, number>();
  const dropped: string[] = [];
  const delays = new Map<string, { count: number; ms: number }>();
  const delayed: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const headers: IncomingHttpHeaders[] = [];
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- node's http server ignores the handler's promise; a failure here fails the test's request
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    headers.push(req.headers);
    // JSON protocols name the operation in a header; Connect's REST calls by their path.
    const target = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
    const operation = target !== '' ? target : /^\/security-profiles-summary\//.test(req.url ?? '') ? 'ListSecurityProfiles' : '';
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      // eslint-disable-next-line @typescript-eslint/no-misused-promises -- node's http callbacks ignore the promise; a failure here fails the test's request
      async (answer) => {
        const payload = await readBody(answer);
        const left = drops.get(operation) ?? 0;
        if (left > 0) {
          drops.set(operation, left - 1);
          dropped.push(operation);
          req.socket.destroy();
          return;
        }
        const delay = delays.get(operation);
        if (delay && delay.count > 0) {
          delay.count -= 1;
          delayed.push(operation);
          await new Promise<void>((resolve) => {
            const timer = setTimeout(() => (timers.delete(timer), resolve()), delay.ms);
            timers.add(timer);
          });
        }
        if (res.destroyed || req.socket.destroyed) return;
        res.writeHead(answer.statusCode ?? 500, answer.headers);
        res.end(payload);
      },
    );
    forward.on('error', () => res.destroy());
    forward.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dropNext: (operation, count) => drops.set(operation, count),
    delayNext: (operation, count, ms) => delays.set(operation, { count, ms }),
    dropped,
    delayed,
    headers,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
