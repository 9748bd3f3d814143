import type { TenantGrounding } from '../identity/grounding/tenant-facts';
import { describeAccess } from '../identity/tenant/coverage';
import { md } from './markdown';
import { SEVERITY_STYLE } from './severity';

type Element = Record<string, unknown>;

/** Most findings named in an answer; `status` shows them all. */
export const MAX_FINDINGS_IN_ANSWER = 3;

/**
 * "In your tenant": what the tenant has that bears on the answer (every tenant string as data), the
 * relevant findings, what could not be read, and where and when it was read.
 */
export function tenantSection(grounding: TenantGrounding, source: string): Element {
  const items: Element[] = [
    textBlock(md`In your tenant: ${grounding.organization}`, { id: 'tenant-grounding', weight: 'Bolder' }),
    ...(grounding.facts.length
      ? [
          {
            type: 'FactSet',
            spacing: 'Small',
            facts: grounding.facts.map((fact) => ({ title: md`${fact.label}`, value: md`${fact.value}` })),
          },
        ]
      : []),
    ...grounding.findings.slice(0, MAX_FINDINGS_IN_ANSWER).map((finding) => {
      const style = SEVERITY_STYLE[finding.severity];
      return textBlock(md`${style.label}: ${finding.title}`, { color: style.color, spacing: 'Small' });
    }),
    ...grounding.notRead.map((line) => textBlock(md`${line}`, { isSubtle: true, size: 'Small', spacing: 'Small' })),
    textBlock(md`Read from ${source} with ${describeAccess(grounding.readAs)}, ${grounding.age}. Type "status" for the whole picture.`, {
      isSubtle: true,
      size: 'Small',
      spacing: 'Small',
    }),
  ];
  return { type: 'Container', style: 'emphasis', spacing: 'Medium', items };
}

/** Said instead of the tenant's facts when they could not be read in time or at all: the answer stays general. */
export function tenantUnavailable(reason: string): Element {
  return {
    type: 'Container',
    spacing: 'Medium',
    items: [
      textBlock(md`Your tenant's configuration is not shown: ${reason}. Type "status" to read it.`, {
        id: 'tenant-grounding',
        isSubtle: true,
        size: 'Small',
      }),
    ],
  };
}

/** A card with the tenant section added at the end of its body (the "Did you mean" card). */
export function withTenantSection(card: Record<string, unknown>, section: Element): Record<string, unknown> {
  const body = Array.isArray(card.body) ? card.body : [];
  return { ...card, body: [...body, section] };
}

function textBlock(text: string, props: Element = {}): Element {
  return { type: 'TextBlock', text, wrap: true, ...props };
}
