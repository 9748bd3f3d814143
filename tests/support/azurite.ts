import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface RunningAzurite {
  connectionString: string;
  blobPort: number;
  queuePort: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, deadline: number): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`azurite exited with code ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`azurite did not listen on ${port} in time`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Starts Azurite (blob + queue) on loopback, on free ports, in memory, and returns the
 * devstoreaccount1 connection string. Call stop() in after().
 */
export async function startAzurite(): Promise<RunningAzurite> {
  const [blobPort, queuePort, tablePort] = [await freePort(), await freePort(), await freePort()];
  const bin = path.resolve('node_modules/.bin/azurite');
  const child = spawn(
    bin,
    [
      '--silent',
      '--inMemoryPersistence',
      '--skipApiVersionCheck',
      '--loose',
      '--disableProductStyleUrl',
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(blobPort),
      '--queueHost',
      '127.0.0.1',
      '--queuePort',
      String(queuePort),
      '--tableHost',
      '127.0.0.1',
      '--tablePort',
      String(tablePort),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 20_000;
  try {
    await waitForPort(blobPort, child, deadline);
    await waitForPort(queuePort, child, deadline);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return {
    blobPort,
    queuePort,
    connectionString: [
      'DefaultEndpointsProtocol=http',
      `AccountName=${DEV_ACCOUNT}`,
      `AccountKey=${DEV_KEY}`,
      `BlobEndpoint=http://127.0.0.1:${blobPort}/${DEV_ACCOUNT}`,
      `QueueEndpoint=http://127.0.0.1:${queuePort}/${DEV_ACCOUNT}`,
    ].join(';'),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
