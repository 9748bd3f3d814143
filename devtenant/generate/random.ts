/**
 * Deterministic randomness for generated tenants: a seeded PRNG (never Math.random) and the
 * string hash and GUID shapes drawn from it, so the same seed gives the same tenant.
 */

/** FNV-1a, 32-bit. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: small, fast, good enough for test data. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
    this.next();
  }
  /** Uniform 32-bit unsigned integer. */
  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }
  /** n characters of base64url, five per draw. */
  chars(n: number): string {
    const parts: string[] = [];
    for (let k = 0; k < n; k += 5) {
      const bits = this.uint32();
      for (let c = 0; c < 5 && k + c < n; c += 1) parts.push(ALPHABET[(bits >>> (c * 6)) & 63]);
    }
    return parts.join('');
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A version-4-shaped GUID from the stream; with `index`, its last 8 digits are the index (unique per kind). */
export function guidFrom(rng: Rng, index?: number): string {
  const a = hex8(rng.uint32());
  const b = hex8(rng.uint32());
  const c = hex8(rng.uint32());
  const d = index === undefined ? hex8(rng.uint32()) : hex8(index >>> 0);
  const variant = '89ab'[c.charCodeAt(0) & 3];
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}
