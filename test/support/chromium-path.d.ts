/** CHROMIUM_PATH when set (and present), else the first Debian location that exists; undefined if none. */
export function chromiumPath(env?: Record<string, string | undefined>): string | undefined;
