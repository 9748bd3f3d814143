import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Newest modification time of any file under dir. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

/** Builds the tab with Vite when dist/tab is missing or older than its sources. Returns true if it built. */
export function buildTabIfStale(projectRoot: string): boolean {
  const index = path.join(projectRoot, 'dist', 'tab', 'index.html');
  const sources = path.join(projectRoot, 'tab', 'web');
  if (existsSync(index) && statSync(index).mtimeMs >= newest(sources)) return false;
  const vite = path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', path.join(sources, 'vite.config.ts')], {
    cwd: projectRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('Building the tab failed (see the Vite output above).');
  return true;
}
