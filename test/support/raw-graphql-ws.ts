import WebSocket from 'ws';

/**
 * A bare graphql-ws protocol client over `ws`, for tests that send what a stock client never
 * would (oversized messages, hundreds of operations on one socket, hostile documents) and read
 * every message the server sends back.
 */
export interface GraphqlWsMessage {
  id?: string;
  type: string;
  payload?: any;
}

export interface RawSocket {
  /**
   * Sends a subscribe message (its payload as an object, or as JSON text written by hand); resolves
   * with the first `next` or `error` for that id (or the close, as `closed`).
   */
  operation(id: string, payload: Record<string, unknown> | string, timeoutMs?: number): Promise<GraphqlWsMessage>;
  /** Sends raw text as one message. */
  sendRaw(text: string): void;
  /** Every message received so far. */
  received: GraphqlWsMessage[];
  /** Resolves with the close code and reason once the socket closes. */
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

export interface RawSocketOptions {
  origin?: string;
  connectionParams?: Record<string, unknown>;
  /** More upgrade request headers, e.g. X-Forwarded-For behind a trusted proxy. */
  headers?: Record<string, string>;
}

/** Opens a socket and completes connection_init; rejects with the HTTP status if the upgrade is refused. */
export function openRawSocket(wsUrl: string, options: RawSocketOptions = {}): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws', { headers: options.headers, ...(options.origin ? { origin: options.origin } : {}) });
    const received: GraphqlWsMessage[] = [];
    const waiters = new Map<string, (m: GraphqlWsMessage) => void>();
    let closeWaiters: ((m: GraphqlWsMessage) => void)[] = [];
    const closed = new Promise<{ code: number; reason: string }>((done) => {
      socket.on('close', (code, reason) => {
        const message = { type: 'closed', payload: { code, reason: reason.toString() } };
        for (const w of [...waiters.values(), ...closeWaiters]) w(message);
        waiters.clear();
        closeWaiters = [];
        done({ code, reason: reason.toString() });
      });
    });
    socket.on('unexpected-response', (_req, res) => reject(Object.assign(new Error(`upgrade refused with ${res.statusCode}`), { status: res.statusCode })));
    socket.on('error', (err) => reject(err));
    const api: RawSocket = {
      received,
      closed,
      sendRaw: (text) => socket.send(text),
      operation: (id, payload, timeoutMs = 15_000) =>
        new Promise((done, fail) => {
          const timer = setTimeout(() => fail(new Error(`no answer for operation ${id} within ${timeoutMs} ms`)), timeoutMs);
          const settle = (m: GraphqlWsMessage) => {
            clearTimeout(timer);
            done(m);
          };
          waiters.set(id, settle);
          closeWaiters.push(settle);
          const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
          socket.send(`{"id":${JSON.stringify(id)},"type":"subscribe","payload":${text}}`);
        }),
      close: async () => {
        if (socket.readyState === WebSocket.CLOSED) return;
        socket.close(1000);
        await closed;
      },
    };
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as GraphqlWsMessage;
      received.push(message);
      if (message.type === 'connection_ack') return resolve(api);
      if (message.id && (message.type === 'next' || message.type === 'error')) {
        const waiter = waiters.get(message.id);
        waiters.delete(message.id);
        waiter?.(message);
      }
    });
    socket.on('open', () => {
      socket.send(JSON.stringify({ type: 'connection_init', payload: options.connectionParams ?? {} }));
    });
  });
}

/** The error codes of a next or error message. */
export function codesOf(message: GraphqlWsMessage): string[] {
  const errors = message.type === 'error' ? message.payload : message.payload?.errors;
  return (errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code ?? '(none)');
}
