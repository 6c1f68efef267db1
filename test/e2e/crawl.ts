import type { Page } from '@playwright/test';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const SKIP = /^\/(sign-out|api\/|auth\/)|\.(csv|xlsx|docx|pdf|json)$|\/download|\/export|\/feed/;

/** The page's shape, so 400 action pages count as one page to check. */
export function pattern(path: string): string {
  return path.replace(UUID, ':id').replace(/\/\d+(?=\/|$)/g, '/:n');
}

/** Visit every distinct kind of page reachable by links from `start`, calling `visit` on each. */
export async function crawl(page: Page, start: string, visit: (path: string) => Promise<void>, limit = 150): Promise<string[]> {
  const seenPatterns = new Set<string>();
  const queue = [start];
  const visited: string[] = [];
  while (queue.length && visited.length < limit) {
    const path = queue.shift()!;
    const key = pattern(path);
    if (seenPatterns.has(key)) continue;
    seenPatterns.add(key);
    const response = await page.goto(path);
    if (!response || response.status() >= 400 || !(response.headers()['content-type'] ?? '').includes('text/html')) continue;
    visited.push(path);
    await visit(path);
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
    for (const href of hrefs) {
      if (!href.startsWith('/') || href.startsWith('//')) continue;
      const clean = href.split('#')[0].split('?')[0];
      if (!clean || SKIP.test(clean) || seenPatterns.has(pattern(clean))) continue;
      queue.push(clean);
    }
  }
  return visited;
}
