import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, REPO_ROOT, runNode, startWaymark } from '../support/processes.js';

/**
 * The production start: `npm run build` output run by plain `node`, with no tsx loaded. It must find
 * its templates, the GOV.UK assets, public/, the bank-holiday JSON snapshot and national-data/ from the
 * compiled folder, and its command line must work the same way.
 */
describe('the compiled build', () => {
  const out = path.join(REPO_ROOT, '.tmp', `build-test-${crypto.randomBytes(4).toString('hex')}`);
  const dataDir = `${out}-data`;
  const env = childEnv({ WAYMARK_DATA_DIR: dataDir, DATABASE_URL: undefined });
  const cli = async (...args: string[]) => {
    const proc = runNode([path.join(out, 'cli/main.js'), ...args], env);
    const { code } = await proc.exited;
    if (code !== 0) throw new Error(`waymark ${args.join(' ')} exited with ${code}:\n${proc.output()}`);
    return proc.output();
  };

  beforeAll(async () => {
    const build = runNode(['scripts/build.mjs', '--out', path.relative(REPO_ROOT, out)], childEnv({}));
    const { code } = await build.exited;
    expect(code, build.output()).toBe(0);
    // The compiled command line creates the embedded database (a migration loads the JSON snapshot of
    // bank holidays) and reads Ofsted's national outcomes from national-data/.
    expect(await cli('national', 'import-inspections')).toMatch(
      /Imported \d{3} inspections and visits of 15\d local authorities/,
    );
    // A build and a first database on two busy cores: generous, since this measures nothing.
  }, 180_000);
  afterAll(() => {
    fs.rmSync(out, { recursive: true, force: true, maxRetries: 5 });
    fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
  });

  it('holds JavaScript, templates and data files only, and serves every kind of page with plain node', async () => {
    const files = fs.readdirSync(out, { recursive: true }) as string[];
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
    expect(files).toContain('server.js');
    expect(files).toContain(path.join('views', 'layout.njk'));

    const server = await startWaymark(
      { WAYMARK_DATA_DIR: dataDir, DATABASE_URL: undefined },
      { entry: path.join(out, 'server.js') },
    );
    try {
      expect(server.child.spawnargs.slice(1)).toEqual([path.join(out, 'server.js')]);
      const version = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
        .version;
      expect(await (await fetch(`${server.url}/health`)).json()).toMatchObject({
        status: 'ok',
        database: 'pglite',
        version,
      });

      const signInPage = await fetch(`${server.url}/sign-in`);
      const html = await signInPage.text();
      expect(signInPage.status).toBe(200);
      expect(html).toContain('name="password"');
      expect(html).toContain('/stylesheets/govuk-frontend.min.css');
      for (const asset of [
        '/stylesheets/govuk-frontend.min.css',
        '/public/waymark.css',
        '/javascripts/govuk-frontend.min.js',
      ]) {
        expect((await fetch(`${server.url}${asset}`)).status, asset).toBe(200);
      }

      expect(html).toContain('/public/waymark.css');
      const statement = await fetch(`${server.url}/accessibility`);
      expect(statement.status).toBe(200);
      expect(await statement.text()).toContain('Accessibility statement');
    } finally {
      const { code } = await server.stop();
      expect(code).toBe(0);
    }
  });
});
