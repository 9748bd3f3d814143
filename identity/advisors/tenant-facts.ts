/** Turns what we read from the tenant into prefilled advisor answers, each with its reason. */
import type { Edition } from '../tenant/snapshot';
import type { Advisor, KnownAnswer, KnownAnswers, TenantFactKey } from './model';

/** Facts an advisor can use; leave a fact out when it was unavailable. */
export interface TenantFacts {
  /** organization.onPremisesSyncEnabled: true = syncing, false = synced once, null = never. */
  syncEnabled?: boolean | null;
  /** Names of verified domains whose authentication type is Federated. */
  federatedDomains?: readonly string[];
  edition?: Edition;
}

interface FactValue {
  value: string;
  because: string;
}

function factValue(key: TenantFactKey, facts: TenantFacts): FactValue | undefined {
  switch (key) {
    case 'syncEnabled':
      if (facts.syncEnabled === undefined) return undefined;
      if (facts.syncEnabled === true) return { value: 'on', because: 'directory synchronisation is turned on for this tenant' };
      if (facts.syncEnabled === false) return { value: 'off', because: 'directory synchronisation was used before and is now turned off' };
      return { value: 'never', because: 'this tenant has never synchronised users from on-premises' };
    case 'federatedDomains': {
      const domains = facts.federatedDomains;
      if (!domains) return undefined;
      if (domains.length === 0) return { value: 'none', because: 'none of your verified domains is federated' };
      const named = domains.slice(0, 3).join(', ') + (domains.length > 3 ? ` and ${domains.length - 3} more` : '');
      return { value: 'some', because: `federated domains: ${named}` };
    }
    case 'edition':
      if (!facts.edition) return undefined;
      if (facts.edition === 'Free') return { value: 'free', because: 'your licences include Microsoft Entra ID Free only' };
      return { value: facts.edition.toLowerCase(), because: `your licences include Microsoft Entra ID ${facts.edition}` };
  }
}

/** Answers for every question of the advisor that the facts settle; questions a fact can't settle stay open. */
export function knownFromTenant(advisor: Advisor, facts: TenantFacts): KnownAnswers {
  const known: Record<string, KnownAnswer> = {};
  for (const question of advisor.questions) {
    if (!question.tenantFact) continue;
    const fact = factValue(question.tenantFact.key, facts);
    const choiceId = fact && question.tenantFact.choices[fact.value];
    if (fact && choiceId) known[question.id] = { choiceId, because: fact.because };
  }
  return known;
}
