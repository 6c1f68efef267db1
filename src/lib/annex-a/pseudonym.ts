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
 * the largest authority): the key is imported once as a KeyObject instead of once per identifier.
 * Gives exactly what `pseudonymise` gives.
 */
export function pseudonymiser(secret: string): (rawId: string) => string {
  const key = crypto.createSecretKey(Buffer.from(secret, 'utf8'));
  return (rawId) => crypto.createHmac('sha256', key).update(rawId.trim()).digest('hex');
}

/** A short form for screens: the first 10 hex characters. */
export function shortPseudonym(hash: string): string {
  return hash.slice(0, 10);
}
