import net, { type Server as NetServer } from 'node:net';
import { AppError } from './errors';

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
