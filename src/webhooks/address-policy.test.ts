import { guardedLookup, refusedAddressKind, ResolveAll } from './address-policy';

describe('refusedAddressKind', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.8.9.10', 'a loopback address'],
    ['::1', 'a loopback address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['0.0.0.0', 'an unspecified address'],
    ['10.20.30.40', 'a private address'],
    ['172.31.255.1', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['100.64.0.1', 'a private address'],
    ['fd12:3456::1', 'a private address'],
    ['fd00:ec2::254', 'a private address'],
    ['169.254.169.254', 'a link-local or metadata address'],
    ['fe80::1', 'a link-local or metadata address'],
    ['224.0.0.1', 'a multicast or reserved address'],
  ])('refuses %s as %s', (address, kind) => {
    expect(refusedAddressKind(address)).toBe(kind);
  });

  it.each(['93.184.216.34', '172.32.0.1', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])('lets the public address %s through', (address) => {
    expect(refusedAddressKind(address)).toBeNull();
  });
});

describe('guardedLookup', () => {
  const resolver = (table: Record<string, { address: string; family: number }[]>): ResolveAll => (hostname, callback) =>
    callback(null, table[hostname] ?? []);
  const lookup = (allowPrivate: boolean, table: Record<string, { address: string; family: number }[]>, hostname: string) =>
    new Promise<{ err: Error | null; address: string }>((resolve) => guardedLookup(allowPrivate, resolver(table))(hostname, {}, (err, address) => resolve({ err, address: address as string })));

  it('connects to what the name resolves to when that is public', async () => {
    expect(await lookup(false, { 'hooks.example.org': [{ address: '93.184.216.34', family: 4 }] }, 'hooks.example.org')).toEqual({ err: null, address: '93.184.216.34' });
  });

  it('refuses a name that now resolves to the metadata address (DNS rebinding), at connection time', async () => {
    const { err } = await lookup(false, { 'rebind.example.org': [{ address: '169.254.169.254', family: 4 }] }, 'rebind.example.org');
    expect(err?.message).toBe('rebind.example.org resolves to 169.254.169.254, a link-local or metadata address; only hosts in WEBHOOK_ALLOW_HOSTS may be reached there');
  });

  it('refuses a name with a private address behind a public one', async () => {
    const table = { 'mixed.example.org': [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.5', family: 4 }] };
    expect((await lookup(false, table, 'mixed.example.org')).err?.message).toMatch(/10\.0\.0\.5, a private address/);
  });

  it('lets an allowed host reach a loopback address', async () => {
    expect(await lookup(true, { 'receiver.internal': [{ address: '127.0.0.1', family: 4 }] }, 'receiver.internal')).toEqual({ err: null, address: '127.0.0.1' });
  });
});
