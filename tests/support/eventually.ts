/**
 * Polls `read` every 25 ms until it gives a value (for work the server finishes after it answered:
 * outbox sends, card updates, stored records); throws naming `what` after `attempts` tries (15 s by default).
 */
export async function eventually<T>(
  read: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  attempts = 600,
): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await read();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}
