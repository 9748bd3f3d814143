/**
 * Federation settings of the tenant's federated domains, read as Graph answers them:
 * - `GET domains/{id}/federationConfiguration` holds one internalDomainFederation, or answers 404 when
 *   there is none (https://learn.microsoft.com/graph/api/domain-list-federationconfiguration).
 * - A subdomain (isRoot false) inherits the authentication settings of its root domain, so it shows
 *   as Federated while the configuration lives on the root; its own read answers 404
 *   (https://learn.microsoft.com/entra/identity/users/domains-verify-custom-subdomain). That 404 is
 *   the expected answer: the domain is marked as inheriting from its root, not as unreadable.
 * - Unverified domains are not read: they take no sign-ins.
 */
import { BATCH_LIMIT, type GraphPort, type GraphReply } from '../../platform/graph/port';
import { readCertificate } from './certificate';
import { NotPresent, sectionFrom, str, valuesOf, type AccessHint } from './sections';
import type { DomainInfo, FederationInfo, Section } from './snapshot';

export async function withFederation(graph: GraphPort, domains: Section<DomainInfo[]>, hint: AccessHint): Promise<Section<DomainInfo[]>> {
  if (domains.status !== 'ok') return domains;
  const federated = domains.data.filter((d) => d.isVerified && d.authenticationType.toLowerCase() === 'federated');
  if (federated.length === 0) return domains;
  const replies: GraphReply[] = [];
  for (let i = 0; i < federated.length; i += BATCH_LIMIT) {
    const chunk = federated.slice(i, i + BATCH_LIMIT);
    replies.push(...(await graph.batch(chunk.map((d) => ({ url: `domains/${encodeURIComponent(d.name)}/federationConfiguration` })))));
  }
  const read = new Map<string, Partial<DomainInfo>>();
  federated.forEach((domain, i) => {
    const reply = replies[i];
    const root = reply.status === 404 && !domain.isRoot ? rootOf(domain, domains.data) : undefined;
    read.set(domain.name, root ? { inheritsFederationFrom: root.name } : { federation: sectionFrom(reply, hint, readFederation) });
  });
  return { status: 'ok', data: domains.data.map((d) => ({ ...d, ...read.get(d.name) })) };
}

/** The verified root domain a subdomain belongs to (the longest one it ends with). */
function rootOf(domain: DomainInfo, all: readonly DomainInfo[]): DomainInfo | undefined {
  return all
    .filter((d) => d.isRoot && d.isVerified && d.name !== domain.name && domain.name.toLowerCase().endsWith(`.${d.name.toLowerCase()}`))
    .sort((a, b) => b.name.length - a.name.length)[0];
}

function readFederation(body: unknown): FederationInfo {
  const config = valuesOf(body)[0];
  if (!config) throw new NotPresent('no federation configuration is published for this domain');
  const current = readCertificate(config.signingCertificate);
  const next = readCertificate(config.nextSigningCertificate);
  return {
    issuerUri: str(config.issuerUri),
    passiveSignInUri: str(config.passiveSignInUri),
    preferredAuthenticationProtocol: str(config.preferredAuthenticationProtocol),
    federatedIdpMfaBehavior: str(config.federatedIdpMfaBehavior),
    signingCertificateExpiry: current?.notAfter ?? null,
    signingCertificateSubject: current?.subject ?? null,
    nextSigningCertificateExpiry: next?.notAfter ?? null,
  };
}
