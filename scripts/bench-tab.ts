/**
 * `npm run bench:tab`: the built tab's bundle size (raw and gzip), and in headless Chromium against
 * the demo stack (dev tenant + server, no Playground) the time to the overview rendered and the
 * Graph requests per cold and warm load; then the sync history opened directly, to its lag chart drawn.
 *   cold: a fresh server (empty tenant cache) and a fresh browser profile (empty HTTP cache)
 *   warm: the same server and browser profile again (cached snapshot, cached assets)
 * Options: --runs N (default 5).
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { startDevTenant, type RunningDevTenant } from '../devtenant/server';
import { loadConfig } from '../platform/config';
import { silentLogger } from '../platform/logger';
import { startServer, type RunningServer } from '../server/main';
import { launchChromium } from '../tests/e2e/browser';
import { buildTabIfStale } from './lib/build-tab';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const distTab = path.join(projectRoot, 'dist', 'tab');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

function bundleSizes(): void {
  const assets = path.join(distTab, 'assets');
  const rows = readdirSync(assets)
    .map((name) => {
      const body = readFileSync(path.join(assets, name));
      return { name, raw: statSync(path.join(assets, name)).size, gzip: gzipSync(body, { level: 9 }).length };
    })
    .sort((a, b) => b.raw - a.raw);
  const index = readFileSync(path.join(distTab, 'index.html'), 'utf8');
  const initial = rows.filter((r) => index.includes(`/assets/${r.name}`));
  const sum = (list: typeof rows, key: 'raw' | 'gzip'): number => list.reduce((n, r) => n + r[key], 0);
  console.log('Bundle (dist/tab/assets)');
  console.log(`  ${'file'.padEnd(44)} ${'raw'.padStart(11)} ${'gzip'.padStart(11)}`);
  for (const r of rows) console.log(`  ${r.name.padEnd(44)} ${kb(r.raw).padStart(11)} ${kb(r.gzip).padStart(11)}`);
  console.log(`  ${'all assets'.padEnd(44)} ${kb(sum(rows, 'raw')).padStart(11)} ${kb(sum(rows, 'gzip')).padStart(11)}`);
  console.log(
    `  ${'index.html loads up front'.padEnd(44)} ${kb(sum(initial, 'raw')).padStart(11)} ${kb(sum(initial, 'gzip')).padStart(11)}`,
  );
}

async function graphCounters(devTenant: RunningDevTenant): Promise<{ requests: number; operations: number }> {
  const health = (await (await fetch(`${devTenant.url}/_devtenant/health`)).json()) as { requests: number; operations: number };
  return { requests: health.requests, operations: health.operations };
}

interface Sample {
  ms: number;
  requests: number;
  operations: number;
}

function summary(label: string, samples: Sample[]): void {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)];
  const req = samples.map((s) => s.requests);
  const ops = samples.map((s) => s.operations);
  console.log(
    `  ${label.padEnd(6)} overview rendered: median ${median.toFixed(0)} ms (min ${ms[0].toFixed(0)}, max ${ms[ms.length - 1].toFixed(0)}) · ` +
      `Graph HTTP requests per load: ${[...new Set(req)].join('/')} (batched operations: ${[...new Set(ops)].join('/')})`,
  );
}

/** ms since navigation start until the history view's lag chart (its SVG, described by the summary) is in the page. */
async function historyDrawn(
  browser: Browser,
  config: ReturnType<typeof loadConfig>,
  runs: number,
): Promise<{ cold: number[]; warm: number[] }> {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const server = await startServer(config, silentLogger);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      for (const samples of [cold, warm]) {
        const page = await context.newPage();
        await page.goto(`${server.url}/tab/?view=history`);
        await page.locator('svg[aria-describedby="history-summary"]').waitFor({ timeout: 60_000 });
        samples.push(await page.evaluate(() => performance.now()));
        await page.close();
      }
    } finally {
      await context.close();
      await server.close();
    }
  }
  return { cold, warm };
}

function historySummary(label: string, ms: number[]): void {
  const sorted = [...ms].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(
    `  ${label.padEnd(6)} lag chart drawn: median ${median.toFixed(0)} ms (min ${sorted[0].toFixed(0)}, max ${sorted[sorted.length - 1].toFixed(0)})`,
  );
}

async function main(): Promise<void> {
  if (buildTabIfStale(projectRoot)) console.log('built the tab into dist/tab');
  bundleSizes();

  const devTenant = await startDevTenant({ scenario: 'healthy-hybrid', port: 0 });
  const sqliteFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'ec-bench-tab-')), 'store.sqlite');
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    GRAPH_ENDPOINT: devTenant.url,
    TAB_STATIC_DIR: distTab,
    SQLITE_FILE: sqliteFile,
  });
  let browser: Browser | undefined;
  let server: RunningServer | undefined;
  const cold: Sample[] = [];
  const warm: Sample[] = [];
  let history: { cold: number[]; warm: number[] } | undefined;
  try {
    browser = await launchChromium();
    for (let run = 0; run < RUNS; run += 1) {
      server = await startServer(config, silentLogger);
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      for (const [samples, count] of [
        [cold, 1],
        [warm, 1],
      ] as const) {
        for (let i = 0; i < count; i += 1) {
          const page = await context.newPage();
          const before = await graphCounters(devTenant);
          await page.goto(`${server.url}/tab/?view=overview`);
          await page.getByTestId('overview').waitFor({ timeout: 60_000 });
          const ms = await page.evaluate(() => performance.getEntriesByName('overview-rendered')[0]?.startTime ?? performance.now());
          const after = await graphCounters(devTenant);
          samples.push({ ms, requests: after.requests - before.requests, operations: after.operations - before.operations });
          await page.close();
        }
      }
      await context.close();
      await server.close();
      server = undefined;
    }
    history = await historyDrawn(browser, config, RUNS);
  } finally {
    await browser?.close();
    await server?.close();
    await devTenant.close();
  }
  console.log(`\nOverview in headless Chromium (demo, healthy-hybrid, 1280x800, ${RUNS} runs; ms since navigation start)`);
  summary('cold', cold);
  summary('warm', warm);
  console.log(`\nSync history in headless Chromium (demo history, 7 days, 1280x800, ${RUNS} runs; ms since navigation start)`);
  historySummary('cold', history.cold);
  historySummary('warm', history.warm);
}

main().catch((error: Error) => {
  console.error(error);
  process.exitCode = 1;
});
