const squash = (s: string) => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();

/**
 * A quoted learning point must be the auditor's or moderator's own words, as written in that audit's
 * note (spacing and curly quotes aside): reports show notes only through quotes an editor picked.
 */
export function isQuoteOf(quote: string, notes: readonly (string | null | undefined)[]): boolean {
  const q = squash(quote);
  return q.length > 0 && notes.some((n) => !!n && squash(n).includes(q));
}
