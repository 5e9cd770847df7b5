import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ: 100 on Linux everywhere that matters). */
const TICKS_PER_SECOND = 100;

function stat(pid: number): { ppid: number; cpuSeconds: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields are counted after its closing one.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return null; // gone, or not Linux
  }
}

/**
 * CPU seconds (user + system) used so far by a process and its direct children, e.g. a postmaster
 * and its backends. Children that have exited no longer count, so compare readings taken while the
 * same (pooled) connections stay open. Null where /proc is not there.
 */
export function cpuSecondsOfTree(pid: number): number | null {
  const own = stat(pid);
  if (!own) return null;
  let total = own.cpuSeconds;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = stat(Number(entry));
    if (child?.ppid === pid) total += child.cpuSeconds;
  }
  return total;
}
