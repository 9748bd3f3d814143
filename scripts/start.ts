/**
 * `npm start`: the whole app on its embedded default. In demo mode: the dev tenant, the server
 * (bot + tab + API) and the Agents Playground, with the chat and tab URLs printed. In production
 * mode (BOT_ID set): the server alone. Ctrl-C stops everything. Demo mode listens on loopback only;
 * a non-loopback HOST is refused unless `npm start -- --allow-remote-demo` (ALLOW_REMOTE_DEMO=true).
 */
import { fileURLToPath } from 'node:url';
import { startDevTenant, type RunningDevTenant } from '../devtenant/server';
import { ConfigError, loadConfig } from '../platform/config';
import { assertPortFree, checkDemoExposure, envWithFlags, PortInUseError } from '../platform/listen';
import { createLogger } from '../platform/logger';
import { devTenantTokenPath } from '../platform/graph/dev-tenant';
import { startServer, type RunningServer } from '../server/main';
import { buildTabIfStale } from './lib/build-tab';
import { startPlayground, type RunningPlayground } from './lib/playground';

const logger = createLogger('start');
const projectRoot = fileURLToPath(new URL('..', import.meta.url));

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig(envWithFlags(process.env, process.argv));
  // Before anything starts: a demo on a non-loopback HOST is refused here, or (with --allow-remote-demo) warned about.
  const exposed = checkDemoExposure(config);
  const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);
  const demo = config.mode === 'demo';

  await assertPortFree(config.port, config.host, 'PORT');
  if (demo) {
    await assertPortFree(config.devTenant.port, '127.0.0.1', 'DEV_TENANT_PORT');
    await assertPortFree(playgroundPort, '0.0.0.0', 'PLAYGROUND_PORT');
  }
  if (buildTabIfStale(projectRoot)) logger.info('built the tab into dist/tab');

  let devTenant: RunningDevTenant | undefined;
  let server: RunningServer | undefined;
  let playground: RunningPlayground | undefined;
  const stopAll = async (): Promise<void> => {
    await Promise.allSettled([playground?.stop(), server?.close(), devTenant?.close()]);
  };
  let stopping = false;
  const onSignal = (): void => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping…');
    void stopAll().then(() => process.exit(0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    if (demo) {
      devTenant = await startDevTenant({ scenario: config.devTenant.scenario, port: config.devTenant.port });
      logger.info(`dev tenant: scenario "${devTenant.stats().scenario}" at ${devTenant.url}`);
    }
    server = await startServer(config, createLogger('server'));
    if (demo) {
      playground = await startPlayground({
        port: playgroundPort,
        appEndpoint: `${server.url}/api/messages`,
        onOutput: (line) => logger.debug(`playground: ${line}`),
      });
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const lines = [
    '',
    `Entra Companion is running in ${config.mode} mode (ready in ${seconds} s).`,
    ...(playground ? [`  Chat (Agents Playground): ${playground.url}`] : []),
    `  Tab:                      ${server.url}/tab/`,
    `  Bot endpoint:             ${server.url}/api/messages`,
    ...(devTenant
      ? [`  Dev tenant (Graph):       ${devTenant.url}/v1.0/ (bearer tokens from POST ${devTenant.url}${devTenantTokenPath()})`]
      : []),
    ...(exposed ? ['', `  ${exposed}`] : []),
    'Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

main().catch((error: Error) => {
  const known = error instanceof PortInUseError || error instanceof ConfigError;
  logger.error(known ? error.message : (error.stack ?? error.message));
  process.exit(1);
});
