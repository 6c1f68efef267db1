import fs from 'node:fs';

// Browser tests start from a fresh embedded database seeded with the demo council.
fs.rmSync(process.env.WAYMARK_DATA_DIR ?? '.tmp/e2e-data', { recursive: true, force: true });
await import('../../src/server.js');
