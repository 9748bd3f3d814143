import assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeMarkdown, linkDestination, md } from '../../cards/markdown';
import { displayed, liveMarkup } from '../support/markdown';

describe('escapeMarkdown: a string from a tenant shows as written, never as markup', () => {
  it('turns the phishing link from the report into the text it is', () => {
    const name = '[Action required: re-verify your admin account](https://evil.example/phish)';
    assert.deepEqual(liveMarkup(escapeMarkdown(name)), []);
    assert.equal(displayed(escapeMarkdown(name)), name);
  });

  it('leaves nothing live and changes no character, whatever the string (fast-check)', () => {
    const tricky = fc.constantFrom(...'[]()*_~`<>#+-=!&\\;:/ \n\r\t1.)x'.split(''), '&#91;', '&amp;', '<https://a.b>', '](', '**');
    fc.assert(
      fc.property(fc.array(fc.oneof(tricky, fc.string()), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const escaped = escapeMarkdown(text);
        assert.deepEqual(liveMarkup(escaped), [], JSON.stringify(escaped));
        assert.equal(displayed(escaped), text);
      }),
      { numRuns: 2000 },
    );
  });

  it('escapes only what can start markup: an ordinary name keeps its characters', () => {
    assert.equal(escapeMarkdown('Contoso Payroll (EU) - v2.1, 50% @ HQ'), 'Contoso Payroll (EU) - v2.1, 50% @ HQ');
    assert.equal(escapeMarkdown('AT&T'), 'AT&T');
  });

  it('keeps a link destination inside its parentheses, and http(s) only', () => {
    assert.equal(linkDestination('https://learn.microsoft.com/a_(b) c'), 'https://learn.microsoft.com/a_%28b%29%20c');
    assert.equal(linkDestination('javascript:alert(1)'), '');
    assert.deepEqual(liveMarkup(md`[Learn more](${'https://x.example/a)](https://evil.example'})`), ['[', 'link']);
  });
});
