import { GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { calendarDateProblem } from '../domain/date-bounds';
import { hasCalendarDateShape, isCalendarDate } from '../domain/dates';

/** Calendar date without time or zone, as the contract's `Date`: YYYY-MM-DD, checked for real dates. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'Calendar date, YYYY-MM-DD.',
  // Output comes from Postgres date columns or from date arithmetic, so its shape is checked, not its calendar.
  serialize(value) {
    if (typeof value === 'string' && hasCalendarDateShape(value)) return value;
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    throw new TypeError(`Date cannot represent ${String(value)}`);
  },
  parseValue(value) {
    if (typeof value !== 'string' || !isCalendarDate(value)) {
      throw new TypeError(typeof value === 'string' ? `Date: ${calendarDateProblem(value)}` : `Date must be a string written YYYY-MM-DD, got ${JSON.stringify(value)}`);
    }
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new TypeError('Date must be a string written YYYY-MM-DD');
    if (!isCalendarDate(ast.value)) throw new TypeError(`Date: ${calendarDateProblem(ast.value)}`);
    return ast.value;
  },
});

/** Instant with offset (ISO-8601), from graphql-scalars. */
export const DateTimeScalar = new GraphQLScalarType({ ...DateTimeResolver.toConfig(), description: 'Instant, ISO-8601 with offset.' });
