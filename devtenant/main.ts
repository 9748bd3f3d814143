import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { startDevTenant } from './server';

const logger = createLogger('devtenant');
const config = loadConfig();
startDevTenant({ scenario: config.devTenant.scenario, port: config.devTenant.port }).then(
  (tenant) => {
    logger.info(`serving scenario "${tenant.stats().scenario}" at ${tenant.url}/v1.0/`);
    const stop = (): void => void tenant.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (error: Error) => {
    logger.error(error.message);
    process.exit(1);
  },
);
