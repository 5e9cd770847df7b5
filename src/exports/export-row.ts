import type { CalendarDate } from '../domain/dates';
import type { Status } from '../domain/status';

export interface ExportSource {
  title: string;
  outlet: string | null;
  url: string | null;
  stance: 'CONFIRMS' | 'OMITS' | 'CONTRADICTS';
}

/** One follow-up with what a reader of an export needs beside it; status as of the export's date. */
export interface FollowUpExportRow {
  followUpId: string;
  commitmentId: string;
  commitmentTitle: string;
  followUpTitle: string;
  dueDate: CalendarDate | null;
  status: Status;
  daysOverdue: number | null;
  completedOn: CalendarDate | null;
  /** Party codes and names, in code order. */
  parties: { code: string; name: string }[];
  engagementTitle: string | null;
  /** Confirming sources first. */
  sources: ExportSource[];
  /** Bumped by every edit and report; calendar events carry it as SEQUENCE so clients know they changed. */
  commitmentVersion: number;
  commitmentUpdatedAt: Date;
}

/** "Title (Outlet) <url>", the way a source reads in one cell or one line. */
export function describeSource(s: ExportSource): string {
  const stance = s.stance === 'CONFIRMS' ? '' : ` [${s.stance.toLowerCase()}]`;
  return `${s.title}${s.outlet ? ` (${s.outlet})` : ''}${s.url ? ` <${s.url}>` : ''}${stance}`;
}
