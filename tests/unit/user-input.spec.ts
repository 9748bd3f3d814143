import assert from 'node:assert/strict';
import { readUserInput } from '../../bot/input';

const bot = { id: '28:bot', name: 'Entra Companion' };

describe('readUserInput', () => {
  it('strips the bot @mention and collapses whitespace', () => {
    const input = readUserInput({
      text: '<at>Entra Companion</at>   pta   vs phs ',
      recipient: bot,
      entities: [{ type: 'mention', text: '<at>Entra Companion</at>', mentioned: bot } as never],
    });
    assert.deepEqual(input, { text: 'pta vs phs', command: 'pta vs phs', source: 'text' });
  });

  it('strips leftover <at> markup even without a mention entity', () => {
    assert.equal(readUserInput({ text: 'hi <at>Companion</at> help', recipient: bot }).text, 'hi help');
  });

  it('reads the question a card button carries when there is no text', () => {
    assert.deepEqual(readUserInput({ value: { ask: ' what is PHS ' }, recipient: bot }), {
      text: 'what is PHS',
      command: 'what is phs',
      source: 'card',
      data: { ask: ' what is PHS ' },
    });
  });

  it('keeps the data of a card button that carries no question', () => {
    assert.deepEqual(readUserInput({ value: { action: 'feedback', ask: 42 }, recipient: bot }), {
      text: '',
      command: '',
      source: 'card',
      data: { action: 'feedback', ask: 42 },
    });
  });

  it('reads a command word in lower case without its trailing punctuation, and a lone "?" as itself', () => {
    assert.equal(readUserInput({ text: 'Help?!', recipient: bot }).command, 'help');
    assert.equal(readUserInput({ text: 'Unsubscribe.', recipient: bot }).command, 'unsubscribe');
    assert.equal(readUserInput({ text: '?', recipient: bot }).command, '?');
  });
});
