/**
 * `npm run bench:load [-- --duration 20 --rounds 4 --soak 60 --connections 10]`: autocannon against
 * POST /api/messages in demo mode, same process, same CloudAdapter and restify app:
 *   1. a minimal echo bot (ActivityHandler that replies with the text) — the ceiling;
 *   2. the real bot answering a Q&A question ("How often does password hash sync run?").
 * Both reply to a local connector sink on loopback. The real bot keeps its data where users' does by
 * default: SQLite and the feedback file in DATA_DIR (a fresh temporary folder, removed afterwards).
 * Prints req/s, p50/p99 latency, the Q&A/echo ratio (goal ≥ 0.9) and the server's CPU time per
 * turn (steadier than req/s when other work shares the machine), then soaks the Q&A server for
 * --soak seconds and prints its RSS every 10 s, and RSS and heap after GC before and after.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import autocannon, { type Result } from 'autocannon';
import { ActivityHandler } from 'botbuilder';
import { createBotHost } from '../bot/adapter';
import { createApp } from '../server/app';
import { loadConfig } from '../platform/config';
import { closeServer, listenOn } from '../platform/listen';
import { silentLogger } from '../platform/logger';
import { startServer } from '../server/main';

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number of seconds/connections`);
  return value;
}

const DURATION = arg('duration', 20);
const SOAK = arg('soak', 60);
const CONNECTIONS = arg('connections', 10);
const ROUNDS = Math.max(1, Math.round(arg('rounds', 4)));
const QUESTION = 'How often does password hash sync run?';
const GOAL = 0.9;

/** The Bot Connector stand-in: answers every reply with 200 and counts them (keeps nothing, so RSS stays honest). */
async function startSink(): Promise<{ url: string; replies: () => number; close: () => Promise<void> }> {
  let replies = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url?.includes('/activities')) replies++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"1"}');
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, replies: () => replies, close: () => closeServer(server) };
}

function activity(serviceUrl: string, text: string): string {
  return JSON.stringify({
    type: 'message',
    id: 'bench-1',
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:user-1', name: 'Adele Vance', aadObjectId: '00000000-0000-4000-8000-000000000001' },
    recipient: { id: '28:bot-id', name: 'Entra Companion' },
    conversation: { id: 'a:personal-1', conversationType: 'personal', tenantId: 'tenant-a' },
    text,
    textFormat: 'plain',
    channelData: { tenant: { id: 'tenant-a' } },
  });
}

/** A body, or a function giving each request its own body. */
type Body = string | (() => string);

async function load(url: string, body: Body, seconds: number): Promise<Result> {
  return autocannon({
    url: `${url}/api/messages`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(typeof body === 'string' ? { body } : { requests: [{ setupRequest: (request) => ({ ...request, body: body() }) }] }),
    connections: CONNECTIONS,
    duration: seconds,
  });
}

/**
 * Each Q&A turn asks the question as if for the first time: a suffix of question and exclamation
 * marks (the turn's number in binary, "?" for 0 and "!" for 1, punctuation the analyser reads as a
 * space) makes every text distinct, so no cache keyed by the text could answer it: every turn runs
 * retrieval and builds its answer card. The suffix is ASCII like admins' questions: the zero-width
 * characters used before made the question, and the card that echoes it in its feedback buttons, a
 * two-byte string, a cost (decoding the body, JSON, the UTF-8 write) that no typed question has.
 */
let asked = 0;
const marks = (n: number): string => n.toString(2).replace(/0/g, '?').replace(/1/g, '!');
const freshQuestion = (sinkUrl: string) => (): string => activity(sinkUrl, QUESTION + marks(++asked));

/** Rounds of one kind as one result: summed requests over summed time; p50/p99 the mean of the rounds'. */
function combine(runs: Result[]): Result {
  const seconds = runs.reduce((sum, r) => sum + r.duration, 0);
  const total = runs.reduce((sum, r) => sum + r.requests.total, 0);
  const mean = (pick: (r: Result) => number): number => Math.round(runs.reduce((sum, r) => sum + pick(r), 0) / runs.length);
  return {
    ...runs[0],
    duration: seconds,
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    timeouts: runs.reduce((sum, r) => sum + r.timeouts, 0),
    requests: { ...runs[0].requests, total, average: total / seconds },
    latency: { ...runs[0].latency, p50: mean((r) => r.latency.p50), p99: mean((r) => r.latency.p99) },
  };
}

function line(name: string, result: Result): string {
  const bad = result.non2xx + result.errors + result.timeouts;
  return `${name.padEnd(6)} ${result.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(result.latency.p50).padStart(4)} ms   p99 ${String(result.latency.p99).padStart(4)} ms   ${result.requests.total} requests, ${bad} failed`;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** What the load generator asks the server process: CPU time used, RSS now, memory after GC. */
type Question = 'cpu' | 'rss' | 'memory';

/** The server side, in its own process so the load generator does not share its event loop. */
async function serve(sinkUrl: string, dataDir: string): Promise<void> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    GRAPH_ENDPOINT: sinkUrl,
    TAB_STATIC_DIR: 'tests/fixtures/tab',
  });
  // The echo bot: same createApp, same BotHost (CloudAdapter), a trivial handler.
  const echo = new ActivityHandler();
  echo.onMessage(async (context, next) => {
    await context.sendActivity(context.activity.text ?? '');
    await next();
  });
  const echoApp = createApp({ config, logger: silentLogger, botHost: createBotHost(config, silentLogger), bot: echo });
  const echoUrl = `http://127.0.0.1:${await listenOn(echoApp.server as HttpServer, 0, '127.0.0.1', 'PORT')}`;
  // The real bot, composed exactly as server/main does, with the default storage (SQLite in DATA_DIR).
  if (config.storage.kind !== 'sqlite') throw new Error(`bench:load measures the default storage, not "${config.storage.kind}"`);
  const qa = await startServer(config, silentLogger);
  process.on('message', (message: Question) => {
    if (message === 'cpu') process.send?.(process.cpuUsage());
    else if (message === 'rss') process.send?.(process.memoryUsage.rss());
    else {
      (globalThis as { gc?: () => void }).gc?.();
      process.send?.(process.memoryUsage());
    }
  });
  process.send?.({ echoUrl, qaUrl: qa.url });
}

async function main(): Promise<void> {
  const sink = await startSink();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-load-'));
  const child = fork(fileURLToPath(import.meta.url), ['--serve', sink.url, dataDir], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(): Promise<T> => new Promise((resolve) => child.once('message', (message) => resolve(message as T)));
  const ask = <T>(question: Question): Promise<T> => {
    const answer = next<T>();
    child.send(question);
    return answer;
  };
  const { echoUrl, qaUrl } = await next<{ echoUrl: string; qaUrl: string }>();
  try {
    console.log(
      `bench:load — ${CONNECTIONS} connections, ${DURATION} s per bot in ${ROUNDS} interleaved rounds, server in its own process, SQLite in ${dataDir}, node ${process.version}`,
    );
    // Warm both (JIT, knowledge index, keep-alive sockets to the sink).
    await load(echoUrl, activity(sink.url, 'hello'), 2);
    await load(qaUrl, freshQuestion(sink.url), 2);

    // Interleaved rounds (echo, Q&A, Q&A, echo, …) so drift in machine load hits both alike.
    const before = sink.replies();
    const echoRuns: Result[] = [];
    const qaRuns: Result[] = [];
    const cpu = { echo: 0, qa: 0 };
    const slice = Math.max(1, Math.round(DURATION / ROUNDS));
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (['echo', 'qa'] as const) : (['qa', 'echo'] as const);
      for (const which of order) {
        const start = await ask<NodeJS.CpuUsage>('cpu');
        if (which === 'echo') echoRuns.push(await load(echoUrl, activity(sink.url, 'hello'), slice));
        else qaRuns.push(await load(qaUrl, freshQuestion(sink.url), slice));
        const used = await ask<NodeJS.CpuUsage>('cpu');
        cpu[which] += used.user - start.user + used.system - start.system;
      }
    }
    const echoResult = combine(echoRuns);
    const qaResult = combine(qaRuns);
    console.log(line('echo', echoResult));
    console.log(line('Q&A', qaResult));
    const ratio = qaResult.requests.average / echoResult.requests.average;
    console.log(`ratio  Q&A / echo = ${ratio.toFixed(2)} (goal ≥ ${GOAL.toFixed(2)}) ${ratio >= GOAL ? 'OK' : 'BELOW GOAL'}`);
    const echoCpu = cpu.echo / echoResult.requests.total;
    const qaCpu = cpu.qa / qaResult.requests.total;
    console.log(
      `server CPU per turn: echo ${echoCpu.toFixed(0)} µs, Q&A ${qaCpu.toFixed(0)} µs (echo / Q&A = ${(echoCpu / qaCpu).toFixed(2)})`,
    );
    console.log(
      `replies reaching the connector sink: ${sink.replies() - before} for ${echoResult.requests.total + qaResult.requests.total} turns`,
    );

    if (SOAK > 0) {
      const start = await ask<NodeJS.MemoryUsage>('memory');
      const samples: number[] = [];
      let sample = Promise.resolve();
      const sampling = setInterval(() => {
        sample = ask<number>('rss').then((rss) => void samples.push(rss));
      }, 10_000);
      const soak = await load(qaUrl, freshQuestion(sink.url), SOAK);
      clearInterval(sampling);
      await sample;
      const end = await ask<NodeJS.MemoryUsage>('memory');
      console.log(line('soak', soak));
      console.log(`server RSS every 10 s of the soak: ${samples.map(mb).join(', ')}`);
      console.log(
        `server RSS after ${SOAK} s soak: ${mb(end.rss)} (before ${mb(start.rss)}); heap used ${mb(end.heapUsed)} (before ${mb(start.heapUsed)}), after GC`,
      );
    }
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    await sink.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--serve') {
  serve(process.argv[3] ?? '', process.argv[4] ?? '').catch((error: Error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().then(
    () => process.exit(0),
    (error: Error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
