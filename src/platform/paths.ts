import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed package's root, found the same way from src/ (tsx) and from the dist/ bundle. */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'migrations', 'meta', '_journal.json'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('congso: cannot find the migrations folder next to the code');
}

export const projectRoot = findRoot();
export const migrationsFolder = path.join(projectRoot, 'migrations');
export const assetsDir = path.join(projectRoot, 'dist', 'assets');
