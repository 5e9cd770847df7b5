import { ConfigError } from './config';

/** Runs a command-line entry point: a bad configuration prints its one message; anything else its stack. */
export function runEntryPoint(main: () => Promise<void>): void {
  main().catch((err) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  });
}
