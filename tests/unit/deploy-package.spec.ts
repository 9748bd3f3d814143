import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ignore from 'ignore';
import { loadConfig } from '../../platform/config';
import { feedbackFile } from '../../server/main';
import { SqliteStore } from '../../storage/sqlite';

const root = path.resolve(import.meta.dirname, '../..');
const lines = (file: string): string[] =>
  readFileSync(path.join(root, file), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

/** `teamsapp deploy` zips the project folder minus what .webappignore names (gitignore syntax). */
const packageIgnores = ignore().add(lines('.webappignore'));
const shipped = (file: string): boolean => !packageIgnores.ignores(path.posix.normalize(file.split(path.sep).join('/')));

/** What the deployed server needs that git does not track: the dependencies and the built tab. */
const NEEDED_AT_RUNTIME = new Set(['node_modules/', 'node_modules', 'dist/']);

/**
 * The deploy package (teamsapp.yml: azureAppService/zipDeploy with .webappignore) must not carry
 * what a developer's machine wrote: the local store, feedback, Toolkit outputs with secrets, keys.
 * The paths come from the code and config that write them, not from a list copied here.
 */
describe('the deploy package leaves out local data and keys', () => {
  const defaults = loadConfig({});

  it('leaves out DATA_DIR with the SQLite store and every file SQLite keeps beside it, and the feedback log', async () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'webappignore-'));
    try {
      // What the store writes next to its file (WAL mode: -wal and -shm), seen by running it.
      const file = path.join(scratch, path.basename(defaults.storage.sqliteFile));
      const store = new SqliteStore(file);
      await store.put('k', { v: 1 });
      const written = readdirSync(scratch);
      await store.close();
      assert.ok(written.length >= 2, `the store wrote ${written.join(', ')}`);
      const paths = [
        `${defaults.dataDir}/`,
        ...written.map((name) => path.join(path.dirname(defaults.storage.sqliteFile), name)),
        ...written.map((name) => name),
        feedbackFile(defaults),
      ];
      assert.deepEqual(paths.filter(shipped), [], 'shipped local data');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('leaves out what the Toolkit writes locally: the files teamsapp*.yml targets, and every env file with its .user secrets', () => {
    const targets = ['teamsapp.yml', 'teamsapp.local.yml'].flatMap((file) =>
      [...readFileSync(path.join(root, file), 'utf8').matchAll(/^\s*target:\s*(\S+)/gm)].map((m) => m[1]),
    );
    assert.ok(targets.length > 0, 'the local lifecycle writes a file');
    const envs = readdirSync(path.join(root, 'env')).filter((name) => /^\.env\.[\w-]+$/.test(name));
    assert.ok(envs.length > 0);
    const paths = [...targets, ...envs.flatMap((name) => [`env/${name}`, `env/${name}.user`])];
    assert.deepEqual(paths.filter(shipped), [], 'shipped Toolkit output');
  });

  it('leaves out everything git keeps out as local (keys, logs, Playground data), except what the server needs at runtime', () => {
    const local = lines('.gitignore').filter((pattern) => !NEEDED_AT_RUNTIME.has(pattern));
    const samples = local.map((pattern) => pattern.replace(/\*/g, 'sample').replace(/\/$/, '/sample'));
    assert.deepEqual(samples.filter(shipped), [], 'a .gitignore entry missing from .webappignore');
    for (const key of ['server.pem', 'certs/bot.pfx', 'tls/private.key']) assert.ok(!shipped(key), key);
  });

  it('still ships the server, the built tab and the dependencies', () => {
    for (const file of [
      'server/main.ts',
      'package.json',
      'dist/tab/index.html',
      'node_modules/restify/package.json',
      'devtenant/scenarios/healthy-hybrid.json',
    ]) {
      assert.ok(shipped(file), file);
    }
  });
});
