import net, { type Server as NetServer } from 'node:net';
import { ConfigError, type AppConfig } from './config';
import { AppError } from './errors';
import { isLoopbackHost } from './http/loopback';

/** The command-line flag (env ALLOW_REMOTE_DEMO=true) that lets demo mode listen beyond this machine. */
export const ALLOW_REMOTE_DEMO_FLAG = '--allow-remote-demo';

/** The environment with the command line's --allow-remote-demo folded in as ALLOW_REMOTE_DEMO. */
export function envWithFlags(env: NodeJS.ProcessEnv, argv: readonly string[]): NodeJS.ProcessEnv {
  return argv.includes(ALLOW_REMOTE_DEMO_FLAG) ? { ...env, ALLOW_REMOTE_DEMO: 'true' } : env;
}

/**
 * Demo mode runs the bot without authentication, signs anyone in as a demo admin and takes a
 * well-known notify key: on any address but loopback that is open to the network. Throws a
 * ConfigError then, unless ALLOW_REMOTE_DEMO / --allow-remote-demo says so; returns the warning to
 * print in that case, undefined when there is nothing to warn about.
 */
export function checkDemoExposure(config: Pick<AppConfig, 'mode' | 'host' | 'allowRemoteDemo'>): string | undefined {
  if (config.mode !== 'demo' || isLoopbackHost(config.host)) return undefined;
  const exposure =
    `HOST=${config.host} is not a loopback address, and demo mode has no bot authentication, signs anyone in as a demo admin ` +
    'and takes the well-known demo notify key';
  if (!config.allowRemoteDemo) {
    throw new ConfigError(
      `Refusing to start: ${exposure}. Use HOST=127.0.0.1 (the demo default), configure BOT_ID for production mode, ` +
        `or accept the exposure with ${ALLOW_REMOTE_DEMO_FLAG} (ALLOW_REMOTE_DEMO=true).`,
    );
  }
  return `WARNING: ${exposure}: anyone who can reach ${config.host} can use it as an admin (${ALLOW_REMOTE_DEMO_FLAG} given).`;
}

export class PortInUseError extends AppError {
  constructor(
    readonly port: number,
    readonly host: string,
    envName: string,
  ) {
    super(
      'port_in_use',
      `Port ${port} on ${host} is already in use. Stop whatever is using it, or choose another port with ${envName}=<port>.`,
    );
  }
}

/** A URL this machine can reach the server at, for an address it is bound to (0.0.0.0 and :: through loopback). */
export function reachableUrl(address: string, port: number): string {
  if (address === '0.0.0.0') return `http://127.0.0.1:${port}`;
  if (address === '::') return `http://[::1]:${port}`;
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
}

/** The address and port a listening server is bound to. */
export function boundAddress(server: NetServer): { address: string; port: number } {
  const info = server.address();
  if (!info || typeof info === 'string') throw new AppError('internal_error', 'the server is not listening on a TCP port');
  return { address: info.address, port: info.port };
}

/** Listens on exactly host:port; a busy port is an error, never a silent other port. Returns the bound port. */
export function listenOn(server: NetServer, port: number, host: string, envName: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, host, envName) : error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Throws PortInUseError when something already listens on host:port. */
export async function assertPortFree(port: number, host: string, envName: string): Promise<void> {
  const probe = net.createServer();
  await listenOn(probe, port, host, envName);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

/** Closes a server, waiting for it, and drops keep-alive connections. */
export function closeServer(server: NetServer & { closeAllConnections?: () => void }): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}
