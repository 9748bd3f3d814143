import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { requestedPermissions } from '../../devtenant/app-registration';
import { DIRECTORY_ROLE_READ, PERMISSION_RULES } from '../../devtenant/permissions';
import { ENTRA_ROLES } from '../../identity/tenant/admin-roles';

/** Permissions aad.manifest.json asks for that no Graph call's row explains, with the reason. */
const ALSO_REQUESTED: Record<string, string> = {
  'Scope:User.Read': 'signs the admin in (the consent every Entra app asks for)',
};

interface DocRow {
  call: string;
  delegated: string;
  application: string;
  roles: string;
  page: string;
}

/** The rows of docs/graph-permissions.md's table of calls: "| `GET …` | feature | delegated | application | roles | [page](url) |". */
function docRows(): DocRow[] {
  const text = readFileSync(new URL('../../docs/graph-permissions.md', import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.startsWith('| `GET '))
    .map((line) => {
      const cells = line.split(' | ').map((cell) => cell.replace(/^\| /, '').replace(/ \|$/, '').trim());
      const page = /\]\((https:[^)]+)\)/.exec(cells[5] ?? '')?.[1] ?? '';
      return { call: cells[0].replace(/`/g, ''), delegated: cells[2], application: cells[3], roles: cells[4], page };
    });
}

const leastOf = (list: readonly string[] | null): string => (list ? list[0] : 'not supported');
const rolesOf = (rule: (typeof PERMISSION_RULES)[number]): string =>
  rule.roles ? rule.roles.map((role) => ENTRA_ROLES[role].name).join(', ') : '—';

describe("Graph permissions: docs/graph-permissions.md, the dev tenant's table and aad.manifest.json agree", () => {
  it("the doc lists every call of the dev tenant's table with the same least-privileged permissions, roles and page", () => {
    const rows = docRows();
    assert.deepEqual(
      rows.map((r) => r.call),
      PERMISSION_RULES.map((r) => r.call),
      'the same calls in the same order',
    );
    for (const rule of PERMISSION_RULES) {
      const row = rows.find((r) => r.call === rule.call)!;
      assert.deepEqual(
        { delegated: row.delegated, application: row.application, roles: row.roles, page: row.page },
        { delegated: leastOf(rule.delegated), application: leastOf(rule.application), roles: rolesOf(rule), page: rule.page },
        rule.call,
      );
    }
  });

  it("aad.manifest.json asks, for each call, its least-privileged permission or one the app needs as another call's least", () => {
    const requested = requestedPermissions();
    const needed = {
      delegated: new Set(PERMISSION_RULES.filter((r) => r.usedWith.includes('delegated') && r.delegated).map((r) => r.delegated![0])),
      application: new Set([
        ...PERMISSION_RULES.filter((r) => r.usedWith.includes('application') && r.application).map((r) => r.application![0]),
        DIRECTORY_ROLE_READ[0],
      ]),
    };
    for (const rule of PERMISSION_RULES) {
      for (const mode of rule.usedWith) {
        const accepted = mode === 'delegated' ? rule.delegated : rule.application;
        if (!accepted) continue;
        const held = accepted.filter((p) => requested[mode].includes(p));
        assert.ok(held.length > 0, `${rule.call} (${mode}): the manifest asks none of ${accepted.join(', ')}`);
        assert.ok(
          held.some((p) => p === accepted[0] || needed[mode].has(p)),
          `${rule.call} (${mode}): the manifest reaches it only through a higher permission (${held.join(', ')}), not ${accepted[0]}`,
        );
      }
    }
  });

  it('aad.manifest.json asks for nothing no call needs', () => {
    const requested = requestedPermissions();
    const used = (mode: 'delegated' | 'application', permission: string): boolean =>
      PERMISSION_RULES.some((r) => r.usedWith.includes(mode) && (mode === 'delegated' ? r.delegated : r.application)?.[0] === permission) ||
      (mode === 'application' && permission === DIRECTORY_ROLE_READ[0]);
    const stray = [
      ...requested.delegated.filter((p) => !used('delegated', p) && !ALSO_REQUESTED[`Scope:${p}`]).map((p) => `Scope ${p}`),
      ...requested.application.filter((p) => !used('application', p) && !ALSO_REQUESTED[`Role:${p}`]).map((p) => `Role ${p}`),
    ];
    assert.deepEqual(stray, []);
  });
});
