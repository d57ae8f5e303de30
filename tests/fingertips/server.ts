/**
 * A local stand-in for the Fingertips API on 127.0.0.1 (random port), for tests only: JSON
 * fixtures from tests/fixtures/fingertips, the real bundled export on the CSV data endpoint, and
 * switches to make it fail (status codes, Retry-After, delays, malformed bodies). The server is
 * unref'd, so it never keeps the test process alive, and `close()` stops it.
 *
 * Also a minimal HTTP proxy (CONNECT tunnels and absolute-form forwarding) that records what it
 * was asked to reach.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/fingertips/', import.meta.url));
export const BUNDLED_EXPORT = fileURLToPath(
  new URL('../../data/fingertips/fingertips_93356_campylobacter_countyua_indicators-CountyUA.data.csv', import.meta.url),
);

/** One scripted answer: a status, headers, a body, or a delay before answering. */
export interface Scripted {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
}

export interface FakeApi {
  url: string;
  /** Every request: method, path with query, headers. */
  requests: { path: string; headers: IncomingMessage['headers'] }[];
  /** Answers used in turn before the normal ones (shifted off as used). */
  script: Scripted[];
  close(): Promise<void>;
}

function fixture(name: string): string {
  return readFileSync(`${FIXTURES}${name}`, 'utf8');
}

const ETAG = '"export-93356-v1"';

function normal(path: string, req: IncomingMessage): Scripted {
  const [route, query = ''] = path.replace(/^\/api\//, '').split('?');
  const q = new URLSearchParams(query);
  switch (route) {
    case 'profiles':
      return { body: fixture('profiles.fixture.json'), headers: { 'content-type': 'application/json' } };
    case 'group_metadata':
      return {
        body: JSON.stringify(
          JSON.parse(fixture('group_metadata.fixture.json')).filter((g: { Id: number }) => (q.get('group_ids') ?? '').split(',').includes(String(g.Id))),
        ),
      };
    case 'indicator_names/by_group_id':
      return {
        body: JSON.stringify(
          JSON.parse(fixture('indicator_names.fixture.json')).filter((g: { GroupId: number }) =>
            (q.get('group_ids') ?? '').split(',').includes(String(g.GroupId)),
          ),
        ),
      };
    case 'area_types':
      return { body: fixture('area_types.fixture.json') };
    case 'areas/by_area_type':
      return { body: fixture('areas_by_area_type.fixture.json') };
    case 'available_data':
      return { body: fixture('available_data.fixture.json') };
    case 'indicator_metadata/csv/by_indicator_id':
      return { body: fixture('indicator_metadata.fixture.csv'), headers: { 'content-type': 'text/csv' } };
    case 'all_data/csv/by_indicator_id': {
      if (q.get('indicator_ids') !== '93356' || q.get('child_area_type_id') !== '102') {
        // what Fingertips sends when there is no data: the header only
        return { body: readFileSync(BUNDLED_EXPORT, 'utf8').split('\r\n')[0] + '\r\n', headers: { 'content-type': 'text/csv' } };
      }
      if (req.headers['if-none-match'] === ETAG) return { status: 304 };
      return {
        body: readFileSync(BUNDLED_EXPORT, 'utf8'),
        headers: { 'content-type': 'text/csv', etag: ETAG, 'last-modified': 'Sun, 27 Dec 2020 12:00:00 GMT' },
      };
    }
    default:
      return { status: 404, body: '{"Message":"No HTTP resource was found"}' };
  }
}

/**
 * Start the fake API. Bodies are gzipped when the client asks for gzip (as the real API does).
 *
 * @example const api = await startFakeApi(); … await api.close();
 */
export async function startFakeApi(): Promise<FakeApi> {
  const requests: FakeApi['requests'] = [];
  const script: Scripted[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers });
    const answer = script.length ? script.shift()! : normal(path, req);
    const send = () => {
      const status = answer.status ?? 200;
      const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', ...(answer.headers ?? {}) };
      let body: Buffer = Buffer.from(answer.body ?? '', 'utf8');
      if (status === 200 && /gzip/.test(String(req.headers['accept-encoding'] ?? ''))) {
        body = gzipSync(body);
        headers['content-encoding'] = 'gzip';
      }
      res.writeHead(status, headers);
      res.end(status === 304 ? undefined : body);
    };
    if (answer.delayMs) setTimeout(send, answer.delayMs).unref();
    else send();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  server.unref();
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    requests,
    script,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

export interface FakeProxy {
  url: string;
  /** What clients asked the proxy for: `CONNECT host:port` or `GET http://…`. */
  seen: string[];
  close(): Promise<void>;
}

/** A minimal forward proxy on 127.0.0.1 that records each request. */
export async function startFakeProxy(): Promise<FakeProxy> {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const up = httpRequest(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = String(req.url).split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    sockets.add(client);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  server.unref();
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
