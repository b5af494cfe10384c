// Test helpers: the module's service on a test platform, and a local webhook receiver.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from '../../../test/harness.ts';
import type { IntegrationsService } from './integrations.service.ts';

/** The integrations service of a test context (the runtime builds it like any module's). */
export function integrationsFor(t: TestContext): IntegrationsService {
  return t.services.integrations;
}

export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
}

export interface Receiver {
  url: string;
  received: ReceivedWebhook[];
  /** What the next requests are answered with. */
  status: number;
  /** When true, requests are held open and never answered (a receiver that times out). */
  hang: boolean;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 and a free port, recording every request. */
export async function startReceiver(status = 200): Promise<Receiver> {
  const held: http.ServerResponse[] = [];
  const receiver: Receiver = {
    url: '',
    received: [],
    status,
    hang: false,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      receiver.received.push({ headers, body: Buffer.concat(chunks).toString('utf8') });
      if (receiver.hang) return void held.push(res);
      res.writeHead(receiver.status, { 'content-type': 'text/plain' });
      res.end(receiver.status < 300 ? 'thanks' : 'receiver is broken');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}
