import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';

/**
 * The dev tenant serving the shipped large scenario with `apps` generated integrated apps instead of
 * 20,000 (named large-<apps>); the scenario file it reads at start is written to a temporary folder and removed.
 */
export async function startLargeTenant(apps: number): Promise<RunningDevTenant> {
  const large = JSON.parse(readFileSync(new URL('../../devtenant/scenarios/large.json', import.meta.url), 'utf8'));
  large['@scenario'].name = `large-${apps}`;
  large['@scenario'].generate.servicePrincipals.count = apps;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'large-tenant-'));
  try {
    const file = path.join(dir, `large-${apps}.json`);
    writeFileSync(file, JSON.stringify(large));
    return await startDevTenant({ scenario: file, port: 0 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
