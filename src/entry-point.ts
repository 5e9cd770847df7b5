import { ConfigError } from './config';
import { StartupError } from './startup-error';

/**
 * Runs a command-line entry point: a bad configuration or a startup problem prints its one message;
 * anything else its stack.
 */
export function runEntryPoint(main: () => Promise<void>): void {
  main().catch((err) => {
    console.error(err instanceof ConfigError || err instanceof StartupError ? err.message : err);
    process.exit(1);
  });
}
