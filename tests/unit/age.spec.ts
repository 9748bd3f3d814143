import assert from 'node:assert/strict';
import { statusCard } from '../../bot/commands/status';
import { alertCard } from '../../cards/alerts';
import { describeAge, describeDuration, relativeTime } from '../../identity/tenant/age';
import { evidenceSentences } from '../../identity/tenant/evidence-text';
import { evaluateHealth } from '../../identity/tenant/rules';
import { NOW, ago, findingsOf, healthySnapshot } from './tenant-fixtures';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Every TextBlock text and FactSet value of a rendered card, in order. */
function cardTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(cardTexts);
  if (!node || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const own = [record.text, record.value].filter((v): v is string => typeof v === 'string');
  return [...own, ...Object.values(record).flatMap(cardTexts)];
}

describe('ages and durations: one wording, rounded down (minutes below 2 h, hours below 2 days, then days)', () => {
  it('says less than a minute up to 59 s, and counts whole minutes from 60 s', () => {
    assert.equal(describeDuration(0), 'less than a minute');
    assert.equal(describeDuration(59 * SECOND), 'less than a minute');
    assert.equal(describeDuration(60 * SECOND), '1 minute');
    assert.equal(describeDuration(119 * SECOND), '1 minute');
    assert.equal(describeDuration(2 * MINUTE), '2 minutes');
  });

  it('keeps minutes up to 119 (89 and 90 minutes stay minutes, never "1 hour" or "2 hours")', () => {
    assert.equal(describeDuration(89 * MINUTE + 59 * SECOND), '89 minutes');
    assert.equal(describeDuration(90 * MINUTE), '90 minutes');
    assert.equal(describeDuration(119 * MINUTE + 59 * SECOND), '119 minutes');
    assert.equal(describeDuration(2 * HOUR), '2 hours');
  });

  it('counts whole hours up to 47, so 23 h 59 is 23 hours (not a day) and 48 h is 2 days', () => {
    assert.equal(describeDuration(2 * HOUR + 59 * MINUTE), '2 hours');
    assert.equal(describeDuration(23 * HOUR + 59 * MINUTE), '23 hours');
    assert.equal(describeDuration(24 * HOUR), '24 hours');
    assert.equal(describeDuration(47 * HOUR + 59 * MINUTE), '47 hours');
    assert.equal(describeDuration(48 * HOUR), '2 days');
    assert.equal(describeDuration(3 * DAY - SECOND), '2 days');
    assert.equal(describeDuration(400 * DAY), '400 days');
  });

  it('reads a negative duration as none at all', () => {
    assert.equal(describeDuration(-5 * HOUR), 'less than a minute');
  });

  it('says how long ago or how far ahead, and "just now" within a minute either way', () => {
    assert.equal(describeAge(59 * SECOND), 'just now');
    assert.equal(describeAge(-59 * SECOND), 'just now');
    assert.equal(describeAge(60 * SECOND), '1 minute ago');
    assert.equal(describeAge(-60 * SECOND), 'in 1 minute');
    assert.equal(describeAge(23 * HOUR + 59 * MINUTE), '23 hours ago');
    assert.equal(describeAge(-(12 * DAY + 23 * HOUR)), 'in 12 days');
  });

  it('reads an ISO time at now, "never" without one and "unknown" for one that does not parse', () => {
    assert.equal(relativeTime(ago({ minutes: 89 }), NOW), '89 minutes ago');
    assert.equal(relativeTime(ago({ hours: 6, minutes: 40 }), NOW), '6 hours ago');
    assert.equal(relativeTime(null, NOW), 'never');
    assert.equal(relativeTime(undefined, NOW), 'never');
    assert.equal(relativeTime('yesterday', NOW), 'unknown');
  });

  it('gives one age for one timestamp in the finding title, its evidence, the status card and the alert card', () => {
    // 23 h 40 min: rounding would say "24 hours" (or "1 day") while the finding is still below the 24-hour critical threshold.
    const lastSync = ago({ hours: 23, minutes: 40 });
    const snapshot = healthySnapshot({ organization: { lastSyncDateTime: lastSync } });
    const report = evaluateHealth(snapshot, NOW);
    const [finding] = findingsOf('sync.stale', report);
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.title, 'Directory sync last ran 23 hours ago');
    assert.ok(evidenceSentences(finding, NOW).some((s) => s.includes('23 hours ago')));
    assert.equal(relativeTime(lastSync, NOW), '23 hours ago');

    const status = cardTexts(statusCard(snapshot, report, { tabUrl: 'https://teams.example/tab', source: 'the dev tenant', now: NOW }));
    assert.ok(status.includes('23 hours ago'), status.join(' | '));

    const alert = alertCard({ id: 'a1', finding, status: 'open', episode: 1, openedAt: Date.parse(lastSync) }, 'new', {
      tabUrl: 'https://teams.example/tab',
      now: NOW.getTime(),
    });
    const texts = cardTexts(alert).join(' | ');
    assert.match(texts, /\(23 hours ago\)/);
    assert.doesNotMatch(texts, /24 hours ago|1 day ago| h ago/);
  });
});
