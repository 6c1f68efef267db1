import type { Page } from '@playwright/test';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const SKIP = /^\/(sign-out|api\/|auth\/)|\.(csv|xlsx|docx|pdf|json)$|\/download|\/export|\/feed/;

/** Pages named by a key rather than an id: every Annex A indicator page is one template. */
const KEYED = /^\/annex-a\/indicators\/[^/]+$/;

/** The page's shape, so 400 action pages count as one page to check. */
export function pattern(path: string): string {
  if (KEYED.test(path)) return '/annex-a/indicators/:key';
  return path.replace(UUID, ':id').replace(/\/\d+(?=\/|$)/g, '/:n');
}

/** Visit every distinct kind of page reachable by links from `start`, calling `visit` on each. */
export async function crawl(
  page: Page,
  start: string,
  visit: (path: string) => Promise<void>,
  limit = 150,
): Promise<string[]> {
  const seenPatterns = new Set<string>();
  const queue = [start];
  const visited: string[] = [];
  while (queue.length && visited.length < limit) {
    const path = queue.shift()!;
    const key = pattern(path);
    if (seenPatterns.has(key)) continue;
    seenPatterns.add(key);
    const response = await page.goto(path);
    if (!response || response.status() >= 400 || !(response.headers()['content-type'] ?? '').includes('text/html'))
      continue;
    visited.push(path);
    await visit(path);
    const hrefs = await page.$$eval('a[href]', (as) =>
      as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''),
    );
    for (const href of hrefs) {
      if (!href.startsWith('/') || href.startsWith('//')) continue;
      const clean = href.split('#')[0].split('?')[0];
      if (!clean || SKIP.test(clean) || seenPatterns.has(pattern(clean))) continue;
      queue.push(clean);
    }
  }
  return visited;
}

/** Every link on the current page that stays on this site, as written (query kept, fragment dropped). */
export async function linksOn(page: Page): Promise<string[]> {
  const hrefs = await page.$$eval('a[href]', (as) =>
    as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''),
  );
  return [
    ...new Set(
      hrefs
        .filter((h) => h.startsWith('/') && !h.startsWith('//'))
        .map((h) => h.split('#')[0])
        .filter(Boolean),
    ),
  ];
}

/**
 * Internal words a person should never see (ids, ISO dates, JSON, internal keys), in the page's main
 * content and its choice lists. What a file held is shown as typed (`.waymark-as-typed`) and is not
 * counted, nor are `<code>` samples (an API key to copy, a pseudonym).
 */
export async function internalWordsOn(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    if (!main) return [];
    const clone = main.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('.waymark-as-typed, code, script, style, svg').forEach((e) => e.remove());
    const text = [
      clone.innerText ?? clone.textContent ?? '',
      ...Array.from(main.querySelectorAll('option, label'), (o) => o.textContent ?? ''),
    ].join('\n');
    const found = new Set<string>();
    const patterns = [
      /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
      /\b\d{4}-\d{2}-\d{2}\b/g,
      /\{"/g,
      /\b(?:sif|lscb-review|ilacs-standard|ilacs-short|focused-visit|monitoring-visit|in-progress|not-started|area-for-improvement|further-action|plan-action|requires-improvement|help-and-protection|overall-effectiveness)\b/g,
    ];
    for (const p of patterns) for (const m of text.matchAll(p)) found.add(m[0]);
    return [...found];
  });
}
