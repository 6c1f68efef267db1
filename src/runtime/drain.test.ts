import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { trackRequests } from './drain.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

// A server whose /slow answer sends its headers and first bytes, then waits to be let go: the shape
// of a page whose session is still being saved, or a download, when the stop begins. /wait sends
// nothing until let go.
async function slowServer() {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrived = () => {};
  const waitArrived = new Promise<void>((resolve) => (arrived = resolve));
  const server = http.createServer((req, res) => {
    if (req.url === '/slow') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first part ');
      void released.then(() => res.end('last part'));
    } else if (req.url === '/wait') {
      arrived();
      void released.then(() => res.end('waited'));
    } else res.end('quick');
  });
  server.keepAliveTimeout = 65_000;
  const requests = trackRequests(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const agent = new http.Agent({ keepAlive: true });
  cleanup.push(
    () => agent.destroy(),
    () => server.closeAllConnections(),
  );
  return { requests, release, waitArrived, agent, port: (server.address() as AddressInfo).port };
}

function get(agent: http.Agent, port: number, path: string) {
  return new Promise<http.IncomingMessage>((resolve, reject) =>
    http.get({ host: '127.0.0.1', port, path, agent }, resolve).on('error', reject),
  );
}
const bodyOf = async (res: http.IncomingMessage) => {
  let text = '';
  for await (const chunk of res) text += String(chunk);
  return text;
};

describe('draining a server that is stopping', () => {
  it('lets an answer already under way finish, then closes its keep-alive connection at once, not at the deadline', async () => {
    const { requests, release, agent, port } = await slowServer();

    const slow = await get(agent, port, '/slow');
    expect(slow.headers.connection).toBe('keep-alive');
    expect(requests.inFlight).toBe(1);
    const socketClosed = new Promise<void>((resolve) => slow.socket.once('close', () => resolve()));

    let deadlineReached = false;
    const drained = requests.drain(20_000, () => (deadlineReached = true));
    release();
    expect(await bodyOf(slow)).toBe('first part last part');
    await socketClosed;
    expect(await drained).toEqual({ forced: false });
    expect(deadlineReached).toBe(false);
    expect(requests.inFlight).toBe(0);
  });

  it('closes idle keep-alive connections when the drain starts, and answers a request already on its way with Connection: close', async () => {
    const { requests, release, waitArrived, agent, port } = await slowServer();

    const idle = await get(agent, port, '/quick');
    const idleClosed = new Promise<void>((resolve) => idle.socket.once('close', () => resolve()));
    expect(await bodyOf(idle)).toBe('quick');
    // A second connection whose request has not been answered yet when the drain starts.
    const pending = http.get({ host: '127.0.0.1', port, path: '/wait', agent: false });
    const answered = new Promise<http.IncomingMessage>((resolve) => pending.once('response', resolve));
    await waitArrived;

    const drained = requests.drain(20_000, () => {});
    release();
    await idleClosed;
    const late = await answered;
    expect(late.headers.connection).toBe('close');
    expect(await bodyOf(late)).toBe('waited');
    expect(await drained).toEqual({ forced: false });
  });

  it('at the deadline closes what is still open and says so', async () => {
    const { requests, agent, port } = await slowServer();

    const slow = await get(agent, port, '/slow');
    slow.resume();
    const cut = new Promise<void>((resolve) => slow.socket.once('close', () => resolve()));
    let deadlineReached = false;
    expect(await requests.drain(200, () => (deadlineReached = true))).toEqual({ forced: true });
    expect(deadlineReached).toBe(true);
    await cut;
  });
});
