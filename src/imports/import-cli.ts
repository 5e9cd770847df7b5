import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadConfig } from '../config';
import { openDatabase } from '../db/open-database';
import { prepareDatabase } from '../db/prepare';
import { createClock } from '../domain/clock';
import { runEntryPoint } from '../entry-point';
import { createLogger } from '../logger';
import { readCsv } from './csv-file';
import { IMPORT_KINDS, ImportKindName, isImportKind, runImport } from './import.service';

const USAGE = 'usage: npm run import -- FILE.csv [--kind=engagements|sources|commitments|reports] [--dry-run]';
/** Who the events of a command-line import name as their actor (API imports name the key). */
const CLI_ACTOR = { name: 'command-line import', role: 'EDITOR' as const };

/** --kind, else the file's name (commitments-2026.csv), else the one layout whose columns its header fits. */
function kindOf(file: string, bytes: Buffer, flag: string | undefined): ImportKindName {
  if (flag !== undefined) {
    if (!isImportKind(flag)) throw new Error(`--kind must be one of ${Object.keys(IMPORT_KINDS).join(', ')}\n${USAGE}`);
    return flag;
  }
  const named = Object.keys(IMPORT_KINDS).find((k) => basename(file).toLowerCase().startsWith(k));
  if (named) return named as ImportKindName;
  const fits = (Object.keys(IMPORT_KINDS) as ImportKindName[]).filter((k) => {
    try {
      readCsv(bytes, IMPORT_KINDS[k].columns);
      return true;
    } catch {
      return false;
    }
  });
  if (fits.length === 1) return fits[0];
  throw new Error(`cannot tell what ${file} holds from its name or header: give --kind\n${USAGE}`);
}

/**
 * `npm run import -- FILE.csv`: the same import as POST /import/{kind}.csv, run against the
 * database the server uses (DATABASE_URL, or the embedded one), migrated first. Prints the result
 * as JSON; exits 1 when the file was refused (then nothing was written).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const files = args.filter((a) => !a.startsWith('--'));
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--dry-run' && !a.startsWith('--kind='));
  if (files.length !== 1 || unknown.length) throw new Error(USAGE);
  const bytes = readFileSync(files[0]);
  const kind = kindOf(files[0], bytes, args.find((a) => a.startsWith('--kind='))?.slice('--kind='.length));
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const clock = createClock({ start: config.clockStart, timeZone: config.timeZone });
  const { db, close } = await openDatabase(config, log);
  try {
    await prepareDatabase(db, clock, log, 'if-empty');
    const result = await runImport({ db, clock, config }, CLI_ACTOR, kind, bytes, { dryRun: args.includes('--dry-run') });
    console.log(JSON.stringify({ file: files[0], kind, ...result }, null, 2));
    if (result.errors.length) process.exitCode = 1;
  } finally {
    await close();
  }
}

runEntryPoint(main);
