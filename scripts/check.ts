/**
 * `npm run check -- [--scenario NAME|FILE] [--json] [--no-apps]`
 * Reads a tenant, prints its snapshot and health findings (a table, or with --json the stable
 * schema of docs/check-json.md), and exits
 *   0  no finding above info,  1  a warning,  2  a critical finding,  3  could not run (bad arguments, unreadable scenario).
 * Target: the dev tenant playing a scenario (default healthy-hybrid), or — with no --scenario and
 * AAD_APP_CLIENT_ID / AAD_APP_CLIENT_SECRET / AAD_APP_TENANT_ID set — the real tenant, app-only.
 */
import { startDevTenant, type RunningDevTenant } from '../devtenant/server';
import { deletionPreventionSentence, SYNC_FEATURES } from '../identity/tenant/connect-details';
import { evidenceSentences } from '../identity/tenant/evidence-text';
import { worstSeverity, type HealthReport } from '../identity/tenant/findings';
import { describeAccess, neverSynced, sectionReadings } from '../identity/tenant/coverage';
import { readSnapshot } from '../identity/tenant/reader';
import { evaluateHealth } from '../identity/tenant/rules';
import { APP_ONLY, type Section, type TenantSnapshot } from '../identity/tenant/snapshot';
import { relativeTime } from '../identity/tenant/age';
import { dataOf, describeCloudSync, summariseIdentity } from '../identity/tenant/summary';
import { loadConfig } from '../platform/config';
import { checkJson, EXIT_BY_SEVERITY } from './lib/check-output';
import { createGraphPort } from '../platform/graph/client';
import { appOnlyTokenProvider } from '../platform/graph/tokens';

interface Args {
  scenario?: string;
  json: boolean;
  apps: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, apps: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') args.json = true;
    else if (arg === '--no-apps') args.apps = false;
    else if (arg === '--scenario') {
      const value = argv[++i];
      if (!value) throw new UsageError('--scenario needs a name (devtenant/scenarios) or a path');
      args.scenario = value;
    } else if (arg.startsWith('--scenario=')) args.scenario = arg.slice('--scenario='.length);
    else if (arg === '--help' || arg === '-h') throw new UsageError('usage: npm run check -- [--scenario NAME|FILE] [--json] [--no-apps]');
    else throw new UsageError(`unknown argument ${arg}; usage: npm run check -- [--scenario NAME|FILE] [--json] [--no-apps]`);
  }
  return args;
}

class UsageError extends Error {}

function sectionLine<T>(name: string, section: Section<T> | undefined, describe: (data: T) => string): string {
  if (!section) return `${name.padEnd(22)} (not read)`;
  return `${name.padEnd(22)} ${section.status === 'ok' ? describe(section.data) : `not checked, because ${section.reason}`}`;
}

function printTable(snapshot: TenantSnapshot, report: HealthReport, target: string, now: Date): void {
  const identity = summariseIdentity(snapshot);
  const lines = [
    `Tenant ${dataOf(snapshot.organization)?.displayName ?? '?'} (${snapshot.tenantId || 'unknown id'}) — ${target}`,
    sectionLine('Identity model', snapshot.organization, () => `${identity.model}; sign-in: ${identity.signIn}`),
    sectionLine('Last directory sync', snapshot.organization, (o) =>
      o.onPremisesSyncEnabled === null
        ? 'never (cloud-only)'
        : `${relativeTime(o.lastSyncDateTime, now)} (${o.lastSyncDateTime ?? 'none'})`,
    ),
    sectionLine('Last password sync', snapshot.passwordSync, (p) => relativeTime(p.lastPasswordSyncDateTime, now)),
    ...(neverSynced(snapshot)
      ? []
      : [
          sectionLine('Entra Connect', snapshot.syncSettings, (s) => {
            const on = SYNC_FEATURES.filter((f) => s.features[f.key] === true).map((f) => f.name);
            const deletion = s.accidentalDeletionPrevention
              ? deletionPreventionSentence(s.accidentalDeletionPrevention)
              : 'not configured.';
            return `deletion prevention ${deletion[0].toLowerCase()}${deletion.slice(1)} Features on: ${on.length ? on.join(', ') : 'none'}.`;
          }),
        ]),
    sectionLine('Domains', snapshot.domains, (d) => d.map((x) => `${x.name} (${x.authenticationType})`).join(', ')),
    sectionLine('Edition', snapshot.licensing, (l) => `Microsoft Entra ID ${l.edition}`),
    sectionLine('Synced objects', snapshot.syncedObjects, (s) => `${s.users} users${s.groups === null ? '' : `, ${s.groups} groups`}`),
    sectionLine('Provisioning errors', snapshot.provisioningErrors, (e) => String(e.total)),
    sectionLine('Cloud Sync', snapshot.cloudSync, (c) => describeCloudSync(c, now)),
    sectionLine('Entra service health', snapshot.serviceHealth, (i) => (i.length ? `${i.length} open issue(s)` : 'no open issues')),
    sectionLine('Integrated apps', snapshot.apps, (a) => `${a.length}`),
    '',
    `Sections (read with ${describeAccess(snapshot.readAs)}):`,
    ...sectionReadings(snapshot).map((r) => `  ${r.label.padEnd(57)} ${r.detail}`),
    '',
  ];
  if (report.findings.length === 0) lines.push('Findings: none');
  else {
    lines.push('SEVERITY  CODE                          SUBJECT                               TITLE');
    for (const f of report.findings) {
      lines.push(`${f.severity.padEnd(9)} ${f.code.padEnd(29)} ${f.subject.slice(0, 37).padEnd(37)} ${f.title}`);
      for (const sentence of evidenceSentences(f, now)) lines.push(`${' '.repeat(10)}${sentence}`);
    }
  }
  for (const u of report.unknown) lines.push(`unknown   ${u.code.padEnd(29)} ${u.reason}`);
  process.stdout.write(lines.join('\n') + '\n');
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const realTenant = !args.scenario && config.aad.clientId && config.aad.clientSecret && config.aad.tenantId;
  let devTenant: RunningDevTenant | undefined;
  let graph;
  let target: string;
  if (realTenant) {
    const endpoint = process.env.GRAPH_ENDPOINT ?? 'https://graph.microsoft.com';
    const token = appOnlyTokenProvider({
      clientId: config.aad.clientId,
      clientSecret: config.aad.clientSecret,
      tenantId: config.aad.tenantId,
      authorityHost: config.aad.authorityHost,
      graphResource: endpoint,
    });
    // The token first: refused credentials mean "could not run" (exit 3), not a tenant whose every
    // section reads as unavailable and exits 0. MSAL keeps it for the reads that follow.
    await token.getToken().catch((error: { errorMessage?: string; message?: string }) => {
      const reason = (error.errorMessage ?? error.message ?? String(error)).split('\r\n')[0];
      throw new Error(`no app-only token from ${config.aad.authorityHost} for tenant ${config.aad.tenantId}: ${reason}`);
    });
    graph = createGraphPort({ endpoint, token });
    target = `${endpoint}, app-only`;
  } else {
    devTenant = await startDevTenant({ scenario: args.scenario ?? config.devTenant.scenario, port: 0 });
    graph = createGraphPort({ endpoint: devTenant.url, token: devTenant.token() });
    target = `dev tenant scenario "${devTenant.stats().scenario}"`;
  }
  try {
    // Both targets are read app-only (the dev tenant stands in for the same app-only access).
    const snapshot = await readSnapshot(graph, { now: new Date(), includeApps: args.apps, readAs: APP_ONLY });
    // Judged once the data is in, as the tab and the watcher judge it: ages and days left agree with theirs.
    const now = new Date();
    const report = evaluateHealth(snapshot, now);
    const worst = worstSeverity(report.findings);
    // The JSON is a stable schema (docs/check-json.md); the table is for people.
    if (args.json) process.stdout.write(JSON.stringify(checkJson(snapshot, report, target, now), null, 2) + '\n');
    else printTable(snapshot, report, target, now);
    return EXIT_BY_SEVERITY[worst ?? 'none'];
  } finally {
    await devTenant?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`check: ${error.message}\n`);
    process.exit(3);
  },
);
