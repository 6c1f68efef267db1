import { parse, type HTMLElement } from 'node-html-parser';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, demoContextFor, type World } from '../support/world.js';
import { demoSeeders } from '../../src/db/seeds/demo-seeders.js';

const PAYLOAD = `<script>alert('wm')</script>"'; DROP TABLE users; -- ' OR '1'='1`;
const RAW = "<script>alert('wm')";
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const SKIP = /^\/(sign-out|api\/|auth\/)|\.(csv|xlsx|docx|pdf|json)$|\/download|\/export|\/feed/;

/** Pages reachable from the overview, one per shape of address. */
async function crawl(agent: request.Agent, limit = 400): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  const seen = new Set<string>();
  const queue = ['/'];
  while (queue.length && pages.size < limit) {
    const path = queue.shift()!;
    const key = path.replace(UUID, ':id');
    if (seen.has(key)) continue;
    seen.add(key);
    const res = await agent.get(path);
    if (res.status !== 200 || !String(res.headers['content-type']).includes('text/html')) continue;
    pages.set(path, res.text);
    for (const a of parse(res.text).querySelectorAll('a[href]')) {
      const href = (a.getAttribute('href') ?? '').split('#')[0].split('?')[0];
      if (href.startsWith('/') && !href.startsWith('//') && !SKIP.test(href)) queue.push(href);
    }
  }
  return pages;
}

function formFields(form: HTMLElement): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const input of form.querySelectorAll('input, textarea, select')) {
    const name = input.getAttribute('name');
    if (!name) continue;
    const type = (input.getAttribute('type') ?? input.tagName.toLowerCase()).toLowerCase();
    if (type === 'hidden') fields[name] = input.getAttribute('value') ?? '';
    else if (type === 'select') fields[name] ??= input.querySelector('option')?.getAttribute('value') ?? '';
    else if (type === 'radio' || type === 'checkbox') fields[name] ??= input.getAttribute('value') ?? '';
    else if (type === 'file' || type === 'submit') continue;
    else fields[name] = PAYLOAD;
  }
  return fields;
}

/** Error-summary links whose target is not on the page (GOV.UK: each links to the field it is about). */
function deadSummaryLinks(html: string): string[] {
  const doc = parse(html);
  return doc
    .querySelectorAll('.govuk-error-summary a[href^="#"]')
    .map((a) => a.getAttribute('href')!.slice(1))
    .filter((id) => !doc.getElementById(id) || doc.getElementById(id)!.getAttribute('type') === 'hidden');
}

/**
 * Nothing a user types can break a page: every form reachable from the overview is submitted with
 * script and SQL-looking text in every text field; no response is a server error and no page ever
 * shows the script unescaped.
 */
describe('every form escapes what it is given', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld();
    const ctx = demoContextFor(w.orgA);
    for (const seeder of demoSeeders) await seeder(w.services, ctx);
  }, 180_000);
  afterAll(() => w.close());

  it('submits script and SQL text through every form without a server error or unescaped output', async () => {
    const agent = await w.agent(w.orgA, 'admin');
    const pages = await crawl(agent);
    expect(pages.size).toBeGreaterThan(3);
    const submitted = new Set<string>();
    const failures: string[] = [];
    for (const [path, html] of pages) {
      for (const form of parse(html).querySelectorAll('form')) {
        if ((form.getAttribute('method') ?? 'get').toLowerCase() !== 'post') continue;
        const action = form.getAttribute('action') || path;
        if (/\/sign-out|\/password|\/revoke/.test(action)) continue;
        const key = `${action.replace(UUID, ':id')} ${Object.keys(formFields(form)).sort().join(',')}`;
        if (submitted.has(key)) continue;
        submitted.add(key);
        const res = await agent.post(action).type('form').send(formFields(form));
        if (res.status >= 500) failures.push(`${action} → ${res.status}`);
        if (res.text.includes(RAW)) failures.push(`${action} echoed the script unescaped`);
        for (const id of deadSummaryLinks(res.text))
          failures.push(`${action}: the error summary links to #${id}, not a field`);
      }
    }
    expect(submitted.size).toBeGreaterThan(2);
    const after = await crawl(agent);
    for (const [path, html] of after) if (html.includes(RAW)) failures.push(`${path} shows the script unescaped`);
    expect(failures).toEqual([]);
    const users = await w.services.db.selectFrom('users').select('id').execute();
    expect(users.length).toBeGreaterThan(0);
  }, 300_000);

  it('says a stale edit on every form that carries a version in plain words against a field on the page', async () => {
    const agent = await w.agent(w.orgA, 'admin');
    const pages = await crawl(agent);
    const submitted = new Set<string>();
    const failures: string[] = [];
    for (const [path, html] of pages) {
      for (const form of parse(html).querySelectorAll('form')) {
        if ((form.getAttribute('method') ?? 'get').toLowerCase() !== 'post') continue;
        const fields = formFields(form);
        if (!/^\d+$/.test(fields.version ?? '') || fields.version === '0') continue;
        const action = form.getAttribute('action') || path;
        const key = action.replace(UUID, ':id');
        if (submitted.has(key)) continue;
        submitted.add(key);
        // As rendered, but the record has moved on since: the version the form carries is not the current one
        // (one ahead rather than behind, since a form never carries version 0 for a record that exists).
        for (const [name, value] of Object.entries(fields)) if (value === PAYLOAD) fields[name] = 'Stale edit test';
        fields.version = String(Number(fields.version) + 1);
        const res = await agent.post(action).type('form').send(fields);
        if (res.status >= 500) failures.push(`${action} → ${res.status}`);
        const shown = res.status === 302 ? (await agent.get(res.headers.location)).text : res.text;
        if (/You (edited|worked on) version|#version"/.test(shown)) failures.push(`${action} shows version numbers`);
        for (const id of deadSummaryLinks(shown)) failures.push(`${action}: the error summary links to #${id}`);
      }
    }
    expect(submitted.size).toBeGreaterThan(2);
    expect(failures).toEqual([]);
  }, 300_000);
});
