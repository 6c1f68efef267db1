import type { Server, ServerResponse } from 'node:http';

export interface RequestTracker {
  /** How many responses are not yet finished. */
  readonly inFlight: number;
  /**
   * Stop accepting connections and let the requests in flight finish; at `timeoutMs` call `onDeadline`
   * and close every connection still open. Resolves once the server has closed.
   */
  drain(timeoutMs: number, onDeadline: () => void): Promise<{ forced: boolean }>;
}

/**
 * Watch a server's requests so that it can stop without cutting anyone off and without waiting for
 * idle keep-alive connections. Once draining, every answer says `Connection: close` so keep-alive
 * clients reconnect elsewhere; an answer whose headers had already gone out (a page whose session
 * was still being saved, a download) was sent keep-alive, so its connection is closed as soon as that
 * answer is finished rather than left open until the keep-alive timeout runs out the deadline.
 */
export function trackRequests(server: Server): RequestTracker {
  let draining = false;
  const inFlight = new Set<ServerResponse>();
  server.prependListener('request', (_req, res: ServerResponse) => {
    if (draining) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      // The connection counts as idle only after this answer's own bookkeeping is done.
      if (draining) setImmediate(() => server.closeIdleConnections());
    });
  });

  return {
    get inFlight() {
      return inFlight.size;
    },
    drain(timeoutMs, onDeadline) {
      draining = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
      let forced = false;
      return new Promise((resolve) => {
        const deadline = setTimeout(() => {
          forced = true;
          onDeadline();
          server.closeAllConnections();
        }, timeoutMs);
        deadline.unref();
        server.close(() => {
          clearTimeout(deadline);
          resolve({ forced });
        });
        server.closeIdleConnections();
      });
    },
  };
}
