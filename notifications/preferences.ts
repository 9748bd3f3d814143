/**
 * What a subscription wants to hear, and what an exclusion holds back: the per-subscription
 * preferences (categories, minimum severity) and the tenant's exclusions, read by the delivery plan
 * (alert-state.ts) for every kind of alert. Pure.
 */
import { categoryOf } from '../identity/alerts/categories';
import { exclusionFor, type ExclusionRule } from '../identity/alerts/exclusions';
import { SEVERITY_ORDER } from '../identity/tenant/findings';
import type { Subscription } from '../contract/notifications';
import type { AlertRecord } from './types';

export function meetsSeverity(alert: Pick<AlertRecord, 'finding'>, subscription: Pick<Subscription, 'minimumSeverity'>): boolean {
  return SEVERITY_ORDER[alert.finding.severity] >= SEVERITY_ORDER[subscription.minimumSeverity];
}

/** The subscription's categories include the alert's (a subscription stored before categories wants all). */
export function inCategories(alert: Pick<AlertRecord, 'code'>, subscription: Partial<Pick<Subscription, 'categories'>>): boolean {
  return !subscription.categories || subscription.categories.includes(categoryOf(alert.code));
}

/** Category and severity both match. */
export function wants(
  subscription: Pick<Subscription, 'minimumSeverity'> & Partial<Pick<Subscription, 'categories'>>,
  alert: Pick<AlertRecord, 'code' | 'finding'>,
): boolean {
  return inCategories(alert, subscription) && meetsSeverity(alert, subscription);
}

/** An exclusion in force holds every message about the alert back (it stays listed in the tab, marked excluded). */
export function isExcluded(alert: Pick<AlertRecord, 'code' | 'subject'>, exclusions: readonly ExclusionRule[], now: number): boolean {
  return exclusionFor(alert, exclusions, now) !== undefined;
}
