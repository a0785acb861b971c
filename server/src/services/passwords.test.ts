import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.ts';

const fast = { N: 2 ** 10, r: 8, p: 1 };

describe('password hashing', () => {
  it('stores scrypt with its parameters and a salt of its own; only the right password verifies', async () => {
    const stored = await hashPassword('správné heslo koně', fast);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(stored).not.toContain('heslo');
    expect(await verifyPassword('správné heslo koně', stored)).toBe(true);
    expect(await verifyPassword('spravne heslo kone', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
    expect(await hashPassword('správné heslo koně', fast)).not.toBe(stored);
  });

  it('defaults to a memory-hard cost, and verifies hashes made with other parameters', async () => {
    const stored = await hashPassword('dlouhé heslo');
    const [, n, r] = stored.split('$');
    expect(Number(n) * Number(r) * 128).toBeGreaterThanOrEqual(32 * 1024 * 1024);
    expect(await verifyPassword('dlouhé heslo', stored)).toBe(true);
  });

  it('a composed and a decomposed Czech letter are the same password', async () => {
    const stored = await hashPassword('žluťoučký', fast);
    expect(await verifyPassword('žluťoučký'.normalize('NFD'), stored)).toBe(true);
  });

  it('refuses what is not a hash it made', async () => {
    for (const stored of ['', 'plain', 'bcrypt$x$y$z$a$b', 'scrypt$1024$8$1$$']) expect(await verifyPassword('x', stored)).toBe(false);
  });
});
