import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { addDays, CalendarDate } from '../domain/dates';
import { toGlobalId } from '../graphql/global-id';
import { describeSource, FollowUpExportRow } from './export-row';

export interface CalendarOptions {
  /** The date the statuses in summaries are computed for (the server's today). */
  asOf: CalendarDate;
  /** Absolute URL of a commitment's page, from PUBLIC_URL (never the Host header). */
  commitmentUrl: (globalId: string) => string;
  now: Date;
}

/** UIDs must never change, or a calendar that re-fetches the feed would show every event twice. */
const UID_DOMAIN = 'follow-through-tracker';
const END = 'END:VCALENDAR';

const utcDate = (d: CalendarDate) => new Date(`${d}T00:00:00Z`);

const newCalendar = () =>
  ical({
    name: 'Follow-through tracker: promised follow-ups',
    description: 'Deadlines promised between governments, with their status and sources.',
    prodId: { company: 'follow-through-tracker', product: 'follow-ups', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 60 * 60,
  });

/**
 * RFC 5545 calendar, written in pieces so it streams: calendarHead(), then calendarEvents() per
 * batch of rows, then calendarTail(). One all-day event per dated follow-up, linking to its
 * commitment's page; the UID depends only on the follow-up, so calendar apps that poll the feed
 * update events in place as reports come in.
 */
export function calendarHead(): string {
  const whole = newCalendar().toString();
  return whole.slice(0, whole.lastIndexOf(END));
}

export function calendarTail(): string {
  return `${END}\r\n`;
}

export function calendarEvents(rows: readonly FollowUpExportRow[], o: CalendarOptions): string {
  const calendar = newCalendar();
  let text = '';
  for (const r of rows) {
    if (!r.dueDate) continue;
    const parties = r.parties.map((p) => p.code).join(', ');
    const overdue = r.daysOverdue !== null ? `, ${r.daysOverdue} day${r.daysOverdue === 1 ? '' : 's'} overdue` : '';
    const lines = [
      `Commitment: ${r.commitmentTitle}`,
      `Status as of ${o.asOf}: ${r.status}${overdue}`,
      ...(r.completedOn ? [`Completed on: ${r.completedOn}`] : []),
      ...(parties ? [`Responsible: ${r.parties.map((p) => p.name).join(', ')}`] : []),
      ...(r.engagementTitle ? [`Agreed at: ${r.engagementTitle}`] : []),
      ...(r.sources.length ? ['Sources:', ...r.sources.map((s) => `- ${describeSource(s)}`)] : []),
    ];
    const event = calendar.createEvent({
      id: `follow-up-${r.followUpId}@${UID_DOMAIN}`,
      allDay: true,
      start: utcDate(r.dueDate),
      end: utcDate(addDays(r.dueDate, 1)),
      stamp: o.now,
      sequence: r.commitmentVersion - 1,
      lastModified: r.commitmentUpdatedAt,
      summary: `[${r.status}] ${r.followUpTitle}${parties ? ` (${parties})` : ''}`,
      description: lines.join('\n'),
      categories: [{ name: r.status }],
      status: r.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      url: o.commitmentUrl(toGlobalId('Commitment', r.commitmentId)),
    });
    text += event.toString();
  }
  return text;
}
