import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';

/**
 * The shipped large scenario with `apps` generated integrated apps instead of 20,000 (named
 * large-<apps>), written to a temporary folder for the dev tenant to read; `remove` deletes it
 * (the dev tenant reads a scenario file once, when it starts or switches to it).
 */
export function largeScenarioFile(apps: number): { file: string; remove(): void } {
  const large = JSON.parse(readFileSync(new URL('../../devtenant/scenarios/large.json', import.meta.url), 'utf8'));
  large['@scenario'].name = `large-${apps}`;
  large['@scenario'].generate.servicePrincipals.count = apps;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'large-tenant-'));
  const file = path.join(dir, `large-${apps}.json`);
  writeFileSync(file, JSON.stringify(large));
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The dev tenant serving the large scenario with `apps` generated apps (largeScenarioFile, removed once read). */
export async function startLargeTenant(apps: number): Promise<RunningDevTenant> {
  const scenario = largeScenarioFile(apps);
  try {
    return await startDevTenant({ scenario: scenario.file, port: 0 });
  } finally {
    scenario.remove();
  }
}
