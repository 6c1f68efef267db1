import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository (or installed package) root: the nearest folder above this module holding
 * package.json. Walking up, rather than counting '../', keeps it right for both `src/` under tsx
 * and the compiled `dist/`.
 */
function findPackageRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

/** The published national tables Waymark ships with (see national-data/README.md for source and licence). */
export const NATIONAL_DATA_DIR = path.join(PACKAGE_ROOT, 'national-data');
export const DFE_DATA_DIR = path.join(NATIONAL_DATA_DIR, 'dfe');
export const OFSTED_DATA_DIR = path.join(NATIONAL_DATA_DIR, 'ofsted');
