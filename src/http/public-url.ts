import type { Config } from '../config';

/**
 * The base of every absolute link the server writes (pages, feeds, calendar files, webhooks):
 * PUBLIC_URL when set, else this server's own address once it listens. Never the request's Host
 * header: a client chooses that, and a cache would hand the poisoned link to everyone after it.
 */
export class PublicUrl {
  private fallback = '';

  constructor(private readonly config: Pick<Config, 'publicUrl'>) {}

  /** Called once the HTTP server listens; until then only PUBLIC_URL is known. */
  listening(port: number): void {
    this.fallback = `http://127.0.0.1:${port}`;
  }

  /** The base, no trailing slash; `path` (starting with "/") is appended when given. */
  href(path = ''): string {
    return `${this.config.publicUrl ?? this.fallback}${path}`;
  }
}
