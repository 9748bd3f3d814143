import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

/** Listens on a free loopback port; answers the server's base URL (https for a TLS server). */
export async function listenOnLoopback(server: http.Server | https.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const scheme = server instanceof https.Server ? 'https' : 'http';
  return `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Closes the server, ending its kept-alive connections so that closing does not wait for them. */
export async function closeServer(server: http.Server | https.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
