import { createLogger, type Logger } from '../../platform/logger';

/**
 * Captures everything a server and the SDKs under it write: our logger (at debug level), the
 * console (botbuilder logs auth failures with console.error) and raw stderr. For "logs never
 * contain tokens or secrets" assertions.
 */
export class LogCapture {
  readonly lines: string[] = [];
  readonly logger: Logger = createLogger('server', 'debug', (line) => this.lines.push(line));
  private restore: Array<() => void> = [];

  start(): this {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[method];
      console[method] = (...args: unknown[]) => {
        this.lines.push(
          args
            .map((a) => (a instanceof Error ? `${a.name}: ${a.message}\n${a.stack ?? ''}` : typeof a === 'string' ? a : safeJson(a)))
            .join(' '),
        );
      };
      this.restore.push(() => (console[method] = original));
    }
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
      this.lines.push(String(chunk));
      return typeof rest[rest.length - 1] === 'function' ? ((rest[rest.length - 1] as () => void)(), true) : true;
    }) as typeof process.stderr.write;
    this.restore.push(() => (process.stderr.write = write));
    return this;
  }

  stop(): void {
    for (const undo of this.restore.reverse()) undo();
    this.restore = [];
  }

  text(): string {
    return this.lines.join('\n');
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Anything shaped like a JWT (header.payload.signature, base64url, starting with "eyJ"). */
export const JWT_PATTERN = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/;
