import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { assertPortFree } from '../../platform/listen';
import { DEMO_TENANT_ID } from '../../tab/api';
import { DEV_PERSONAS } from '../../tab/api/dev-issuer';

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

/** A user in the Playground's config file (its schema spells the UPN key "userPrincipleName"). */
interface PlaygroundUser {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

const demoUser = (id: string, aadObjectId: string, given: string, surname: string): PlaygroundUser => {
  const upn = `${given.toLowerCase()}${surname[0]!.toLowerCase()}@contoso.com`;
  return { id, name: `${given} ${surname}`, userPrincipleName: upn, aadObjectId, givenName: given, surname, email: upn };
};

/**
 * The Playground's own config file (`.m365agentsplayground.yml`, schema 0.1.1 in the package), which
 * sets the tenant of every conversation it opens (`conversation.tenantId`) and its users. Without it
 * the Playground's chats belong to a made-up tenant (00000000-…-0001) while the tab signs in to the
 * demo tenant, so a chat subscribed in the Playground never showed in the tab. Here the chats belong
 * to the demo tenant, and their people are the tab's demo personas (same names and object ids): the
 * one place that makes the demo one tenant. Demo only: production has no Playground.
 */
export function demoPlaygroundConfig(conversationId: string): Record<string, unknown> {
  return {
    version: '0.1.1',
    tenantId: DEMO_TENANT_ID,
    bot: { id: '00000000-0000-0000-0000-00000000000011', name: 'Entra Companion' },
    currentUser: demoUser('user-id-0', DEV_PERSONAS.admin.oid, 'Adele', 'Vance'),
    // Its schema asks for at least 5 other users: the tab's two other personas, then three colleagues.
    users: [
      demoUser('user-id-1', DEV_PERSONAS.reader.oid, 'Megan', 'Bowen'),
      demoUser('user-id-2', DEV_PERSONAS.user.oid, 'Alex', 'Wilber'),
      demoUser('user-id-3', '00000000-0000-4000-8000-00000000ad04', 'Isaiah', 'Langer'),
      demoUser('user-id-4', '00000000-0000-4000-8000-00000000ad05', 'Patti', 'Fernandez'),
      demoUser('user-id-5', '00000000-0000-4000-8000-00000000ad06', 'Lynne', 'Robbins'),
    ],
    personalChat: { id: conversationId },
    groupChat: { id: randomUUID(), name: 'Group Chat' },
    team: {
      id: 'team-id',
      name: 'My Team',
      aadGroupId: '00000000-0000-0000-0000-000000000031',
      channels: [{ id: 'channel-announcements-id', name: 'Announcements' }],
    },
  };
}

export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  // The playground silently takes a random port when its port is busy: refuse that up front.
  await assertPortFree(options.port, '0.0.0.0', 'PLAYGROUND_PORT');
  const cli = path.join(path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
  // JSON is YAML: the Playground parses this file with its YAML reader and checks it against its schema.
  const configDir = mkdtempSync(path.join(os.tmpdir(), 'ec-playground-'));
  const configFile = path.join(configDir, '.m365agentsplayground.yml');
  writeFileSync(configFile, JSON.stringify(demoPlaygroundConfig(options.conversationId ?? randomUUID()), null, 2));
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
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none',
      APPLICATION_INSIGHTS_NO_STATSBEAT: '1',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.once('exit', () => rmSync(configDir, { recursive: true, force: true }));
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
