/** The child side of child-server.ts: the real server, and its memory figures on request over IPC. */
import { loadConfig } from '../../platform/config';
import { silentLogger } from '../../platform/logger';
import { startServer } from '../../server/main';

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

const running = await startServer(loadConfig(), silentLogger);
process.on('message', (message) => {
  if (message !== 'memory') return;
  gc?.();
  process.send?.({ kind: 'memory', rssMb: mb(process.memoryUsage().rss), peakRssMb: mb(process.resourceUsage().maxRSS * 1024) });
});
process.once('SIGTERM', () => void running.close().then(() => process.exit(0)));
process.send?.({ kind: 'ready', url: running.url });
