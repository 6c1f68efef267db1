import fs from 'node:fs';
import path from 'node:path';
import { createDb } from '../../src/db/create-db.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { TEMPLATE_PATH } from './services.js';

/**
 * Vitest global setup: run the migrations once into an in-memory PGlite and dump it, so each test
 * file starts from a copy instead of paying for initdb and every migration again.
 */
export default async function setup(): Promise<() => void> {
  const handle = await createDb({ memory: true });
  try {
    await migrateToLatest(handle.db);
    const dump = await handle.dump!();
    fs.mkdirSync(path.dirname(TEMPLATE_PATH), { recursive: true });
    fs.writeFileSync(TEMPLATE_PATH, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await handle.close();
  }
  return () => fs.rmSync(TEMPLATE_PATH, { force: true });
}
