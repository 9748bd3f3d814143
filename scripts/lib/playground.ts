import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { assertPortFree } from '../../platform/listen';

/**
 * Runs Microsoft's Agents Playground (the Teams-like client with its own Bot Framework connector)
 * offline, telemetry off, on an exact port. See shared/REALCLIENT.md.
 */
export interface PlaygroundOptions {
  port: number;
  appEndpoint: string;
  conversationId?: string;
  /** Receives the playground's own output lines. */
  onOutput?: (line: string) => void;
}

export interface RunningPlayground {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  // The playground silently takes a random port when its port is busy: refuse that up front.
  await assertPortFree(options.port, '0.0.0.0', 'PLAYGROUND_PORT');
  const cli = path.join(path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
  const args = [
    cli,
    '--app-endpoint',
    options.appEndpoint,
    '--channel-id',
    'msteams',
    '--port',
    String(options.port),
    '--disable-telemetry',
  ];
  if (options.conversationId) args.push('--conversation-id', options.conversationId);
  const child = spawn(process.execPath, args, {
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', APPLICATION_INSIGHTS_NO_STATSBEAT: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = (chunk: Buffer): void => {
    for (const line of chunk.toString().split(/\r?\n/)) if (line.trim()) options.onOutput?.(line);
  };
  child.stdout?.on('data', lines);
  child.stderr?.on('data', lines);
  const url = `http://127.0.0.1:${options.port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`Agents Playground exited early (code ${code})`))),
  );
  await Promise.race([waitForPing(url, 30_000), exited]);
  return { url, port: options.port, process: child, stop: () => stopProcess(child) };
}

async function waitForPing(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/_debug/ping`);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`Agents Playground did not answer ${url}/_debug/ping within ${timeoutMs} ms`);
}

/** SIGTERM, then SIGKILL after 5 s (the playground can be slow to stop). */
export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
