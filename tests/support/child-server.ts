import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real server in a child process with a temporary directory of its own (TMPDIR), so a spec or a
 * probe can ask what the requests it sent cost the server: resident memory now and at its peak
 * (process.resourceUsage().maxRSS, which keeps a spike even after it is freed), and the files left
 * in its temporary directory. Nothing here waits on a clock: the child answers when asked.
 */
export interface ChildServer {
  readonly url: string;
  readonly tmpDir: string;
  /** Resident set size now and at its peak so far, in MB, after a full GC in the child. */
  memory(): Promise<{ rssMb: number; peakRssMb: number }>;
  /** Files (recursively) in the child's temporary directory. */
  tmpFiles(): string[];
  stop(): Promise<void>;
}

interface Ready {
  kind: 'ready';
  url: string;
}
interface Memory {
  kind: 'memory';
  rssMb: number;
  peakRssMb: number;
}

const entry = fileURLToPath(new URL('./child-server-main.ts', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((item) => !item.isDirectory())
    .map((item) => path.join(item.parentPath, item.name));
}

/** Starts server/main.ts's startServer in a child with `env` on top of a memory-storage, loopback config. */
export async function startChildServer(env: Record<string, string> = {}): Promise<ChildServer> {
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), 'entra-child-'));
  const child: ChildProcess = fork(entry, [], {
    execArgv: ['--import', 'tsx', '--expose-gc', '--disable-warning=DEP0111'],
    env: {
      ...process.env,
      TMPDIR: tmpDir,
      TMP: tmpDir,
      TEMP: tmpDir,
      PORT: '0',
      HOST: '127.0.0.1',
      STORAGE_KIND: 'memory',
      TAB_STATIC_DIR: 'tests/fixtures/tab',
      DATA_DIR: path.join(tmpDir, 'data'),
      WATCH_INTERVAL_MINUTES: '0',
      LOG_LEVEL: 'error',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const next = <T extends Ready | Memory>(kind: T['kind']): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: Ready | Memory): void => {
        if (message.kind !== kind) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as T);
      };
      const onExit = (code: number | null): void => reject(new Error(`the child server exited (${code}) before answering ${kind}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await next<Ready>('ready');
  return {
    url: ready.url,
    tmpDir,
    memory: async () => {
      const answer = next<Memory>('memory');
      child.send('memory');
      const { rssMb, peakRssMb } = await answer;
      return { rssMb, peakRssMb };
    },
    // tsx keeps its compile cache in the temporary directory (tsx-<uid>/); DATA_DIR is under it too.
    tmpFiles: () => filesUnder(tmpDir).filter((file) => !/^(tsx-[^/]*|data)\//.test(path.relative(tmpDir, file))),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(tmpDir, { recursive: true, force: true });
    },
  };
}
