import { encodeEventCursor } from '../../src/events/event-cursor';
import { subscribe } from '../support/live-client';
import { startTestApp } from '../support/test-app';

describe('shutdown with open subscriptions', () => {
  it('closes every subscriber socket with 1001 (going away) and stops promptly', async () => {
    const app = await startTestApp({ scheduler: true });
    const subscribers = [subscribe(app.url, { after: encodeEventCursor('0') }), subscribe(app.url, { after: encodeEventCursor('0') })];
    await Promise.all(subscribers.map((s) => s.connected));
    const started = Date.now();
    await app.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
    for (const s of subscribers) expect(await s.failure).toMatchObject({ code: 1001 });
  });
});
