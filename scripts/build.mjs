// `npm run build [-- --out DIR]`: compile src/ to dist/ (or DIR, inside the package) with tsc, then copy
// what tsc does not (templates, CSS, JSON snapshots) beside the compiled modules, so `node dist/server.js`
// finds every file where the source tree had it. public/, national-data/ and node_modules/ stay at the
// package root (found by src/paths.ts). tsc emits without type-checking (--noCheck: the same JavaScript,
// in a third of the time); `npm run typecheck` checks the types, and CI runs both.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const dist = path.resolve(root, values.out ?? 'dist');
if (!dist.startsWith(root + path.sep))
  throw new Error(`--out must be a folder inside ${root}, so the build finds package.json above it`);

fs.rmSync(dist, { recursive: true, force: true });
const tsc = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--noCheck', '--outDir', dist],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

let copied = 0;
for (const entry of fs.readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || entry.name.endsWith('.ts')) continue;
  const from = path.join(entry.parentPath, entry.name);
  const to = path.join(dist, path.relative(src, from));
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
  copied++;
}
console.log(
  `Built ${path.relative(root, dist)}/ (${copied} templates and data files copied beside the compiled modules)`,
);
