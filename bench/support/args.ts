/**
 * The few command-line flags the benchmark scripts take: `--name value` or `--name=value`,
 * and bare `--flag` for booleans. Unknown flags stop the script, so a typo never runs silently
 * with defaults.
 */
export type Flags = Record<string, string | true>;

export function parseFlags(argv: string[], known: readonly string[]): Flags {
  const flags: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m || !known.includes(m[1])) {
      throw new Error(`unknown argument "${arg}"; known: ${known.map((k) => `--${k}`).join(' ')}`);
    }
    if (m[2] !== undefined) flags[m[1]] = m[2];
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) flags[m[1]] = argv[++i];
    else flags[m[1]] = true;
  }
  return flags;
}

export function intFlag(flags: Flags, name: string, fallback: number, min = 1): number {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const n = Number(String(raw).replace(/_/g, ''));
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer of at least ${min}, got "${raw}"`);
  return n;
}

export function stringFlag(flags: Flags, name: string): string | undefined {
  const raw = flags[name];
  if (raw === true) throw new Error(`--${name} needs a value`);
  return raw;
}
