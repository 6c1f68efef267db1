import crypto from 'node:crypto';

/**
 * A child's identifier as stored: HMAC-SHA256 keyed with the organisation's secret, hex-encoded. The
 * same child gets the same pseudonym in every list and every import of one organisation (so drill-down
 * and cross-list checks work), while the database never holds the authority's own identifier and
 * another organisation's pseudonym for the same identifier differs.
 */
export function pseudonymise(secret: string, rawId: string): string {
  return crypto.createHmac('sha256', secret).update(rawId.trim()).digest('hex');
}

/**
 * The same function for many identifiers with one secret (an import hashes one per child, ~90,000 for
 * the largest authority): HMAC-SHA256 built from SHA-256 states keyed once (RFC 2104) and copied per
 * identifier, about three times faster than a new HMAC object each time. Gives exactly what
 * `pseudonymise` gives.
 */
export function pseudonymiser(secret: string): (rawId: string) => string {
  let key = Buffer.from(secret, 'utf8');
  if (key.length > 64) key = crypto.createHash('sha256').update(key).digest();
  const block = Buffer.alloc(64);
  key.copy(block);
  const pad = (byte: number) => Buffer.from(block.map((b) => b ^ byte));
  const inner = crypto.createHash('sha256').update(pad(0x36));
  const outer = crypto.createHash('sha256').update(pad(0x5c));
  return (rawId) => outer.copy().update(inner.copy().update(rawId.trim()).digest()).digest('hex');
}

/** A short form for screens: the first 10 hex characters. */
export function shortPseudonym(hash: string): string {
  return hash.slice(0, 10);
}
