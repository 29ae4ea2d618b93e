import { createServer, type Server } from 'node:http';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ApiClient } from '../../plugin/cluster/client';
import { INVENTORY } from '../../plugin/cluster/resources';
import { Secrets } from '../../plugin/cluster/secrets';

// A loopback HTTP server that is not a Kubernetes API server (a login page, a misconfigured proxy).
const client = suite('cluster/client (a server that is not Kubernetes)');

function serve(body: string): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }));
  });
}

client('an answer that is not JSON is a one-line CliError that does not quote the page', async () => {
  const { server, url } = await serve('<html>login: token=abc123def456</html>');
  try {
    const secrets = new Secrets();
    const api = new ApiClient({ server: url, request: {}, timeoutMs: 5000, secrets }, { server: url, secrets });
    const error = await api.list(INVENTORY[0], 'ns1').then(() => undefined, (e: Error) => e);
    assert.is(error?.message, `list iotprojects.iot.enmasse.io: the server at ${url} did not answer with JSON ` +
      '(is the kubeconfig pointing at a Kubernetes API server?)');
  } finally {
    server.close();
  }
});

client.run();
