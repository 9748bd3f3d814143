import assert from 'node:assert/strict';
import { durationSeconds, intervalInWords, parseIsoDuration } from '../../identity/tenant/iso-duration';

describe('ISO 8601 durations of Graph (the PnDTnHnMnS subset)', () => {
  it('reads each unit and their combinations as written', () => {
    assert.deepEqual(parseIsoDuration('PT30M'), { days: 0, hours: 0, minutes: 30, seconds: 0 });
    assert.deepEqual(parseIsoDuration('P1DT2H3M4.5S'), { days: 1, hours: 2, minutes: 3, seconds: 4.5 });
    assert.deepEqual(parseIsoDuration('P2D'), { days: 2, hours: 0, minutes: 0, seconds: 0 });
    assert.equal(durationSeconds(parseIsoDuration('PT90M')!), 5400);
    assert.equal(durationSeconds(parseIsoDuration('PT0S')!), 0);
  });

  it('refuses what is not a duration of the subset rather than reading it as zero', () => {
    for (const text of [
      '',
      'P',
      'PT',
      'P1DT',
      '30M',
      'PT30',
      'PT-30M',
      '-PT30M',
      'P1Y',
      'P1M',
      'P1W',
      'PT1,5S',
      'PT30m',
      ' PT30M',
      'PT1M2H',
    ]) {
      assert.equal(parseIsoDuration(text), null, JSON.stringify(text));
    }
  });

  it('says an interval in words, singular without a number, and nothing for zero or an unreadable text', () => {
    assert.equal(intervalInWords('PT30M'), 'every 30 minutes');
    assert.equal(intervalInWords('PT1H'), 'every hour');
    assert.equal(intervalInWords('P1D'), 'every day');
    assert.equal(intervalInWords('PT1H30M'), 'every 1 hour and 30 minutes');
    assert.equal(intervalInWords('P1DT1H1M'), 'every 1 day, 1 hour and 1 minute');
    assert.equal(intervalInWords('PT0S'), null);
    assert.equal(intervalInWords('PT'), null);
  });
});
