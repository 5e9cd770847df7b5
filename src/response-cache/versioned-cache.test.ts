import { Lookup, VersionedCache } from './versioned-cache';

type Value = { answer: string };

function miss(l: Lookup<Value> | Promise<Lookup<Value>>): Extract<Lookup<Value>, { kind: 'miss' }> {
  if (l instanceof Promise || l.kind !== 'miss') throw new Error(`expected a miss, got ${l instanceof Promise ? 'a wait' : l.kind}`);
  return l;
}

describe('VersionedCache', () => {
  it('answers a key from the value computed for it at the same version', async () => {
    const cache = new VersionedCache<Value>(1000, 1000);
    miss(cache.lookup(1, 'q')).fill({ answer: 'a' }, 10);
    expect(await cache.lookup(1, 'q')).toEqual({ kind: 'hit', value: { answer: 'a' } });
    expect((await cache.lookup(1, 'other')).kind).toBe('miss');
  });

  it('forgets everything when the data version rises, and bypasses callers still on an older one', async () => {
    const cache = new VersionedCache<Value>(1000, 1000);
    miss(cache.lookup(1, 'q')).fill({ answer: 'old' }, 10);
    const fresh = miss(cache.lookup(2, 'q'));
    expect(cache.lookup(1, 'q')).toEqual({ kind: 'bypass' });
    fresh.fill({ answer: 'new' }, 10);
    expect(await cache.lookup(2, 'q')).toEqual({ kind: 'hit', value: { answer: 'new' } });
  });

  it('does not keep a value computed for a version that was overtaken while it ran', async () => {
    const cache = new VersionedCache<Value>(1000, 1000);
    const slow = miss(cache.lookup(1, 'q'));
    miss(cache.lookup(2, 'other'));
    slow.fill({ answer: 'from version 1' }, 10);
    expect((await cache.lookup(2, 'q')).kind).toBe('miss');
  });

  it('lets concurrent misses for one key wait for the first computation', async () => {
    const cache = new VersionedCache<Value>(1000, 1000);
    const first = miss(cache.lookup(1, 'q'));
    const waiting = [cache.lookup(1, 'q'), cache.lookup(1, 'q')];
    expect(waiting.every((w) => w instanceof Promise)).toBe(true);
    first.fill({ answer: 'a' }, 10);
    expect(await Promise.all(waiting)).toEqual([{ kind: 'hit', value: { answer: 'a' } }, { kind: 'hit', value: { answer: 'a' } }]);
  });

  it('sends waiters to compute for themselves, keeping nothing, when the first computation fails', async () => {
    const cache = new VersionedCache<Value>(1000, 1000);
    const first = miss(cache.lookup(1, 'q'));
    const waiting = cache.lookup(1, 'q');
    first.fill(null, 0);
    expect(await waiting).toEqual({ kind: 'bypass' });
    expect((await cache.lookup(1, 'q')).kind).toBe('miss');
  });

  it('stops waiting for a computation that never reports back', async () => {
    const cache = new VersionedCache<Value>(1000, 20);
    miss(cache.lookup(1, 'q'));
    const started = Date.now();
    expect(await cache.lookup(1, 'q')).toEqual({ kind: 'bypass' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('stays within its byte budget, dropping the least recently used first, and never keeps an oversized value', async () => {
    const cache = new VersionedCache<Value>(100, 1000);
    miss(cache.lookup(1, 'a')).fill({ answer: 'a' }, 40);
    miss(cache.lookup(1, 'b')).fill({ answer: 'b' }, 40);
    expect((await cache.lookup(1, 'a')).kind).toBe('hit'); // a is now the most recently used
    miss(cache.lookup(1, 'c')).fill({ answer: 'c' }, 40);
    expect((await cache.lookup(1, 'b')).kind).toBe('miss');
    expect((await cache.lookup(1, 'a')).kind).toBe('hit');
    miss(cache.lookup(1, 'huge')).fill({ answer: 'huge' }, 101);
    expect((await cache.lookup(1, 'huge')).kind).toBe('miss');
  });
});
