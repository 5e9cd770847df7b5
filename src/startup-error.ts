/**
 * A reason the process cannot start that the user can act on (a port in use, a data directory
 * another process holds, a database that does not answer). The entry point prints its message,
 * one line that names what is wrong and what to do, instead of a stack trace, and exits 1.
 */
export class StartupError extends Error {}
