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

/** A short form for screens: the first 10 hex characters. */
export function shortPseudonym(hash: string): string {
  return hash.slice(0, 10);
}
