import fs from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';
import { withoutGdsTransport } from '../../lib/branding/govuk-font.js';

/**
 * GOV.UK Frontend's compiled stylesheet without GDS Transport (ADR 0840), read and rewritten once on
 * first request and then served from memory with a strong ETag.
 */
export function govukStylesheet(govukDir: string, maxAgeSeconds: number): RequestHandler {
  let cached: { body: string; etag: string } | null = null;
  return (req, res) => {
    if (!cached) {
      const body = withoutGdsTransport(fs.readFileSync(path.join(govukDir, 'govuk-frontend.min.css'), 'utf8'));
      cached = { body, etag: `"${Buffer.from(String(body.length)).toString('base64')}-${body.length}"` };
    }
    res.set({
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': `public, max-age=${maxAgeSeconds}`,
      ETag: cached.etag,
    });
    if (req.headers['if-none-match'] === cached.etag) return void res.status(304).end();
    res.send(cached.body);
  };
}
