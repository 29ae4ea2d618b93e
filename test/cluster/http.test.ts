import { createServer, type Server, type Socket } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { send } from '../../plugin/cluster/http';
import { Secrets } from '../../plugin/cluster/secrets';
import { CliError } from '../../plugin/errors';

// Real sockets on loopback: one that never answers (the API server is not involved).
const http = suite('cluster/http (loopback sockets)');

function listen(onConnection: (socket: Socket) => void): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer(onConnection);
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port }));
  });
}

http('a server that accepts but never answers fails with "no answer" after the timeout', async () => {
  const sockets: Socket[] = [];
  const { server, port } = await listen((socket) => sockets.push(socket));
  try {
    const secrets = new Secrets();
    const error = await send({ server: `http://127.0.0.1:${port}`, request: {}, timeoutMs: 200, secrets }, { method: 'GET', path: '/api' })
      .then(() => undefined, (e: unknown) => e);
    assert.instance(error, CliError);
    assert.is((error as Error).message, `cannot reach the cluster at http://127.0.0.1:${port}: no answer within 0.2 s`);
  } finally {
    for (const socket of sockets) socket.destroy();
    server.close();
  }
});

http('a closed port fails at once with "connection refused"', async () => {
  const { server, port } = await listen(() => undefined);
  await new Promise((resolve) => server.close(resolve));
  const error = await send({ server: `http://127.0.0.1:${port}`, request: {}, timeoutMs: 5000, secrets: new Secrets() },
    { method: 'GET', path: '/api' }).then(() => undefined, (e: unknown) => e);
  assert.is((error as Error).message, `cannot reach the cluster at http://127.0.0.1:${port}: connection refused`);
});

http('the request keeps the server\'s path prefix, sends the headers, and logs a scrubbed line', async () => {
  let seen = '';
  const { server, port } = await listen((socket) => {
    socket.once('data', (data) => {
      seen = data.toString();
      socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}');
    });
  });
  try {
    const secrets = new Secrets();
    secrets.add('Bearer tok-123456');
    const lines: string[] = [];
    const response = await send({ server: `http://127.0.0.1:${port}/k8s/clusters/c1/`, request: { headers: { Authorization: 'Bearer tok-123456' } },
      timeoutMs: 5000, secrets, log: (line) => lines.push(line) },
    { method: 'GET', path: '/api/v1/namespaces', query: { limit: '500' } });
    assert.equal(response, { status: 200, body: '{}' });
    assert.match(seen, /^GET \/k8s\/clusters\/c1\/api\/v1\/namespaces\?limit=500 HTTP\/1\.1\r\n/);
    assert.match(seen, /\r\nAuthorization: Bearer tok-123456\r\n/);
    assert.equal(lines.map((l) => l.replace(/\d+ ms$/, 'N ms')), [`GET http://127.0.0.1:${port}/k8s/clusters/c1/api/v1/namespaces?limit=500 200 in N ms`]);
  } finally {
    server.close();
  }
});

http.run();
