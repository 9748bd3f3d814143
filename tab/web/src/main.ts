import { applyTheme, connectToHost } from './teams';

interface TabConfig {
  mode: 'demo' | 'production';
  version: string;
}

function row(label: string, value: string): string {
  return `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

async function main(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  const host = await connectToHost();
  applyTheme(host.theme);
  try {
    const response = await fetch('/api/tab/config', { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`The server answered ${response.status}`);
    const config = (await response.json()) as TabConfig;
    root.innerHTML = `<h1>Entra status</h1>
      <dl>
        ${row('Running in', host.inTeams ? `Microsoft Teams (${host.hostName ?? 'unknown host'})` : 'a browser, outside Teams')}
        ${row('Mode', config.mode === 'demo' ? 'Demo (dev tenant on this machine)' : 'Production')}
        ${row('Version', config.version)}
      </dl>`;
  } catch (error) {
    root.innerHTML = `<h1>Entra status</h1><p role="alert">Could not reach the Entra Companion server: ${escapeHtml((error as Error).message)}.</p>`;
  }
}

void main();
