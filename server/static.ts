import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response } from 'restify';
import type { Mode } from '../platform/config';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Hosts allowed to frame the tab: the Teams, Microsoft 365 app and Outlook hosts that Microsoft
 * Learn lists for tabs ("Prerequisites" in tabs/how-to/tab-requirements), *.cloud.microsoft being
 * where all of them are moving.
 */
export const FRAME_ANCESTORS = [
  "'self'",
  'https://*.cloud.microsoft',
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
];

/** Demo mode only: the Agents Playground frames the tab from this machine. */
export const DEMO_FRAME_ANCESTORS = ['http://localhost:*', 'http://127.0.0.1:*'];

/** The tab's Content-Security-Policy; loopback framers only in demo mode. */
export function tabCsp(mode: Mode): string {
  const ancestors = mode === 'demo' ? [...FRAME_ANCESTORS, ...DEMO_FRAME_ANCESTORS] : FRAME_ANCESTORS;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self' https://res.cdn.office.net",
    `frame-ancestors ${ancestors.join(' ')}`,
  ].join('; ');
}

/**
 * Serves the built tab from `root` under `prefix`. Only files inside root are served; unknown
 * paths fall back to index.html so client-side routes work.
 */
export function staticHandler(root: string, prefix: string, mode: Mode) {
  const absoluteRoot = path.resolve(root);
  const csp = tabCsp(mode);
  return async (req: Request, res: Response): Promise<void> => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const relative = pathname.slice(prefix.length).replace(/^\/+/, '') || 'index.html';
    let file = path.resolve(absoluteRoot, relative);
    if (!file.startsWith(absoluteRoot + path.sep)) {
      res.status(400);
      res.json({ error: 'bad path' });
      return;
    }
    let info = await stat(file).catch(() => undefined);
    if (!info?.isFile() && !path.extname(relative)) {
      file = path.join(absoluteRoot, 'index.html');
      info = await stat(file).catch(() => undefined);
    }
    if (!info?.isFile()) {
      res.status(404);
      res.json({
        error: 'not found',
        hint: path.basename(file) === 'index.html' ? 'The tab is not built: run npm run build:tab' : undefined,
      });
      return;
    }
    const ext = path.extname(file);
    res.writeHead(200, {
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'Cache-Control': ext === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
    });
    createReadStream(file).pipe(res);
  };
}
