import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response } from 'restify';

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

/** Hosts allowed to frame the tab: Teams (desktop, web, mobile) and the Microsoft 365 app. */
export const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://*.microsoft365.com',
  'https://outlook.office.com',
  'http://localhost:*',
  'http://127.0.0.1:*',
];

export const TAB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' https://res.cdn.office.net",
  `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
].join('; ');

/**
 * Serves the built tab from `root` under `prefix`. Only files inside root are served; unknown
 * paths fall back to index.html so client-side routes work.
 */
export function staticHandler(root: string, prefix: string) {
  const absoluteRoot = path.resolve(root);
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
      'Content-Security-Policy': TAB_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'Cache-Control': ext === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
    });
    createReadStream(file).pipe(res);
  };
}
