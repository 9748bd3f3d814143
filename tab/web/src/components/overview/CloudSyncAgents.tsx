import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { CloudSyncAgents as Agents, Finding } from '../../../../../contract/tab';
import type { ProvisioningAgent } from '../../../../../identity/tenant/cloud-sync';
import { NARROW, useMediaQuery } from '../../hooks/useMediaQuery';
import { SeverityBadge } from '../Severity';

/** Graph's agent states in an admin's words; any other state is shown as Graph sent it. */
const STATUS: Record<string, string> = { active: 'Active', inactive: 'Inactive' };

function Status({ agent, finding }: { agent: ProvisioningAgent; finding?: Finding }): JSX.Element {
  return (
    <span className="job-state">
      {agent.status !== 'active' && finding && <SeverityBadge severity={finding.severity} />}{' '}
      {STATUS[agent.status] ?? `Graph's state "${agent.status}"`}
    </span>
  );
}

/**
 * Cloud Sync's provisioning agents, one row each: the machine, the external IP the service sees,
 * active or not. Graph gives them only to a signed-in admin; otherwise the panel says why not.
 */
export function CloudSyncAgents({ agents, findings }: { agents: Agents; findings: Finding[] }): JSX.Element {
  const narrow = useMediaQuery(NARROW);
  if (agents.state === 'notChecked') return <p className="muted">Provisioning agents {agents.reason}.</p>;
  if (!agents.agents.length) return <p className="muted">No provisioning agent is registered for Cloud Sync.</p>;
  const finding = findings.find((f) => f.code === 'cloudSync.noActiveAgent' || f.code === 'cloudSync.agentRedundancy');
  const name = (agent: ProvisioningAgent): string => agent.machineName ?? agent.id;
  if (narrow) {
    return (
      <ul className="card-list" aria-label="Cloud Sync agents">
        {agents.agents.map((agent) => (
          <li key={agent.id} className="card">
            <div className="card-title">{name(agent)}</div>
            <Status agent={agent} finding={finding} />
            <div className="muted">{agent.externalIp ?? 'No external IP reported'}</div>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div className="table-scroll">
      <Table aria-label="Cloud Sync agents" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Agent machine</TableHeaderCell>
            <TableHeaderCell>External IP</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {agents.agents.map((agent) => (
            <TableRow key={agent.id}>
              <TableCell>{name(agent)}</TableCell>
              <TableCell>{agent.externalIp ?? <span className="muted">not reported</span>}</TableCell>
              <TableCell>
                <Status agent={agent} finding={finding} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
