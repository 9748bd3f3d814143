/** Every text in an Adaptive Card (TextBlocks, facts, action titles), for assertions. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      for (const key of ['text', 'title', 'value']) if (typeof obj[key] === 'string') out.push(obj[key] as string);
      for (const [key, value] of Object.entries(obj)) if (key !== 'data') walk(value);
    }
  };
  walk(card);
  return out.join('\n');
}
