/**
 * `npm run bench:tenant [-- NAME …]`: for each dev-tenant scenario, a cold snapshot (status +
 * integrated apps, through graph-client over loopback HTTP) and a warm one (the per-tenant cache):
 * Graph requests made, wall time, and this process's peak RSS. Then the tab's status view as a
 * signed-in Global Administrator reads it (delegated: the one access that also reads Entra
 * Connect's sync configuration and Cloud Sync's agents), cold and warm. The dev tenant runs in a child process so its
 * memory is not counted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { SCENARIO_DIR } from '../devtenant/scenario';
import { createGraphPort } from '../platform/graph/client';
import { devTenantTokenProvider } from '../platform/graph/dev-tenant';
import { ENTRA_ROLES } from '../identity/tenant/admin-roles';
import { CachedSnapshots, type CallerAccess } from '../identity/tenant/snapshot-cache';
import { freePort } from './lib/ports';

interface Stats {
  requests: number;
  operations: number;
  throttled: number;
}

async function startTenant(scenario: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'devtenant/main.ts'], {
    env: { ...process.env, DEV_TENANT_PORT: String(port), DEV_TENANT_SCENARIO: scenario, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/_devtenant/health`)).ok) return child;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill();
  throw new Error(`dev tenant for ${scenario} did not start`);
}

const stats = async (port: number): Promise<Stats> => (await (await fetch(`http://127.0.0.1:${port}/_devtenant/health`)).json()) as Stats;

async function measure(scenario: string): Promise<string> {
  const port = await freePort();
  const child = await startTenant(scenario, port);
  try {
    global.gc?.();
    const baseRss = process.memoryUsage().rss;
    let peak = baseRss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const token = devTenantTokenProvider(`http://127.0.0.1:${port}`, { kind: 'app' });
    const snapshots = new CachedSnapshots(() => createGraphPort({ endpoint: `http://127.0.0.1:${port}`, token }));
    const before = await stats(port);
    let start = performance.now();
    const snapshot = await snapshots.snapshot('bench', { includeApps: true });
    const coldMs = performance.now() - start;
    const afterCold = await stats(port);
    start = performance.now();
    await snapshots.snapshot('bench', { includeApps: true });
    const warmMs = performance.now() - start;
    const afterWarm = await stats(port);
    const tab = await globalAdministratorStatus(port);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const apps = snapshot.apps?.status === 'ok' ? snapshot.apps.data.length : 0;
    return [
      scenario.padEnd(24),
      `cold ${String(afterCold.requests - before.requests).padStart(3)} req (${String(afterCold.operations - before.operations).padStart(3)} ops, ${afterCold.throttled - before.throttled} throttled) ${coldMs.toFixed(0).padStart(6)} ms`,
      `warm ${afterWarm.requests - afterCold.requests} req ${warmMs.toFixed(2).padStart(6)} ms`,
      `apps ${String(apps).padStart(6)}`,
      tab,
      `peak RSS ${(peak / 1048576).toFixed(0)} MB`,
    ].join('  ');
  } finally {
    child.kill('SIGTERM');
  }
}

/** The tab's status view (no apps) read with a Global Administrator's delegated token: requests cold, then warm. */
async function globalAdministratorStatus(port: number): Promise<string> {
  const endpoint = `http://127.0.0.1:${port}`;
  const roles = [ENTRA_ROLES.globalAdministrator.id];
  const token = devTenantTokenProvider(endpoint, { kind: 'user', userId: '00000000-0000-4000-8000-00000000ad01', roles });
  const access: CallerAccess = { graph: createGraphPort({ endpoint, token }), readAs: { kind: 'user', roles } };
  const snapshots = new CachedSnapshots(() => {
    throw new Error('the tab reads delegated');
  });
  await token.getToken();
  const before = await stats(port);
  const start = performance.now();
  const snapshot = await snapshots.snapshot('bench', {}, access);
  const coldMs = performance.now() - start;
  const afterCold = await stats(port);
  await snapshots.snapshot('bench', {}, access);
  const afterWarm = await stats(port);
  const connect = snapshot.syncSettings.status === 'ok' ? 'read' : 'not read';
  const cloudSync = snapshot.cloudSync.status === 'ok' ? snapshot.cloudSync.data : undefined;
  const agents = !cloudSync?.configurations
    ? 'no Cloud Sync'
    : `Cloud Sync agents ${cloudSync.agents?.status === 'ok' ? 'read' : 'not read'}`;
  return `tab as GA: cold ${afterCold.requests - before.requests} req (${afterCold.operations - before.operations} ops) ${coldMs.toFixed(0).padStart(5)} ms, warm ${afterWarm.requests - afterCold.requests} req, Connect details ${connect}, ${agents}`;
}

async function main(): Promise<void> {
  const names = process.argv.slice(2).length
    ? process.argv.slice(2)
    : readdirSync(SCENARIO_DIR)
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.replace(/\.json$/, ''))
        .sort();
  console.log(`bench:tenant  ${names.length} scenarios; status + integrated apps through @microsoft/microsoft-graph-client over loopback`);
  for (const name of names) console.log(await measure(name));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
