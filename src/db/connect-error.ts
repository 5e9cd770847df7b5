import { StartupError } from '../startup-error';

/**
 * The one line printed when the Postgres DATABASE_URL names does not answer or refuses us: the
 * variable, the URL with its password masked, the host, and the reason in words.
 */
export function databaseUrlError(url: string, err: unknown): StartupError {
  let shown = url;
  let host = '?';
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    shown = u.toString();
    host = `${u.hostname || 'localhost'}:${u.port || '5432'}`;
  } catch {
    shown = url.replace(/:[^:@/]*@/, ':***@');
  }
  return new StartupError(`cannot use DATABASE_URL=${shown}: Postgres at ${host} ${reason(err)}; check the URL and that Postgres runs there, or unset DATABASE_URL to use the embedded one`);
}

function reason(err: unknown): string {
  // A name that resolves to several addresses fails with an AggregateError of one error each.
  const first = (err instanceof AggregateError && err.errors[0]) || err;
  const e = first as NodeJS.ErrnoException & { code?: string };
  switch (e?.code) {
    case 'ECONNREFUSED':
      return 'refused the connection (nothing listens on that port)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'could not be found (unknown host name)';
    case 'ETIMEDOUT':
      return 'did not answer in time';
    case '3D000':
    case '28P01':
    case '28000':
      return `answered: ${e.message}`;
    default:
      return /timeout/i.test(String(e?.message)) ? 'did not answer in time' : `could not be reached: ${e?.message ?? String(err)}`;
  }
}
