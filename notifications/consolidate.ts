/**
 * Consolidation, pure: when one check would send a conversation more than CONSOLIDATE_ABOVE messages
 * of one kind (new, reminder, resolved) about one finding code, it sends one consolidated message
 * listing them instead. Each alert stays its own record: planDeliveries has already marked every
 * listed alert as told (or reminded) in that conversation, so acknowledging, snoozing or excluding
 * one, its reminders and its resolution go on one alert at a time; only the messages are merged.
 *
 * Runs on the plan's output, so what planDeliveries held back (categories, minimum severity,
 * exclusions, acknowledged and snoozed alerts) is never listed, and digest subscriptions, which get
 * no per-alert messages, are untouched. A single new alert after a consolidated batch is an
 * ordinary alert; a batch's alerts, told at the same moment, come due for their reminder together
 * and are reminded by one consolidated reminder; resolved together, one "resolved" summary.
 */
import { createHash } from 'node:crypto';
import type { FindingCode } from '../identity/tenant/findings';
import { CONSOLIDATE_ABOVE } from '../identity/alerts/consolidation';
import type { Delivery } from './alert-state';

export { CONSOLIDATE_ABOVE };

/** The kinds that are consolidated: the per-alert messages. */
const MERGED: ReadonlySet<Delivery['kind']> = new Set(['new', 'reminder', 'resolved']);

/**
 * Replaces each group of more than `above` deliveries of one conversation, kind and alert code by one
 * delivery listing their alerts (`alertIds`, `batch` = the code), where the group's first stood.
 * Its eventKey is derived from the listed deliveries' own event keys, so a re-plan after a crash or
 * by a second instance of the same alerts is the same event, which the outbox stores once.
 */
export function consolidate(
  deliveries: readonly Delivery[],
  codeOf: (alertId: string) => FindingCode | undefined,
  above: number = CONSOLIDATE_ABOVE,
): Delivery[] {
  const groups = new Map<string, Delivery[]>();
  const groupOf = (delivery: Delivery): string | undefined => {
    if (!MERGED.has(delivery.kind) || delivery.alertId === undefined) return undefined;
    const code = codeOf(delivery.alertId);
    return code === undefined ? undefined : `${delivery.conversationId}\n${delivery.kind}\n${code}`;
  };
  for (const delivery of deliveries) {
    const group = groupOf(delivery);
    if (group !== undefined) groups.set(group, [...(groups.get(group) ?? []), delivery]);
  }
  const out: Delivery[] = [];
  const placed = new Set<string>();
  for (const delivery of deliveries) {
    const group = groupOf(delivery);
    const members = group === undefined ? undefined : groups.get(group)!;
    if (!members || members.length <= above) {
      out.push(delivery);
      continue;
    }
    if (placed.has(group!)) continue;
    placed.add(group!);
    const code = codeOf(delivery.alertId!)!;
    const digest = createHash('sha256')
      .update(
        members
          .map((m) => m.eventKey)
          .sort()
          .join('\n'),
      )
      .digest('hex')
      .slice(0, 16);
    out.push({
      kind: delivery.kind,
      conversationId: delivery.conversationId,
      eventKey: `batch.${code}.${delivery.kind}.${digest}`,
      alertIds: members.map((m) => m.alertId!),
      memberEventKeys: members.map((m) => m.eventKey),
      batch: code,
    });
  }
  return out;
}
