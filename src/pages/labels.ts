/** Words for the API's enum values, shared by every server-rendered page. */

export const STATUS_LABELS: Record<string, string> = {
  OVERDUE: 'Overdue',
  DUE_SOON: 'Due soon',
  SCHEDULED: 'Scheduled',
  UNDATED: 'Undated',
  DONE: 'Done',
  MISSED: 'Missed',
  CANCELLED: 'Cancelled',
};

export const REPORT_STATE_LABELS: Record<string, string> = {
  IN_PROGRESS: 'In progress',
  DONE: 'Done',
  MISSED: 'Missed',
  CANCELLED: 'Cancelled',
};

export const STANCE_LABELS: Record<string, string> = {
  CONFIRMS: 'confirms',
  OMITS: 'leaves it out',
  CONTRADICTS: 'contradicts',
};

export const EVENT_LABELS: Record<string, string> = {
  CREATED: 'Recorded',
  UPDATED: 'Edited',
  PROGRESS_REPORTED: 'Progress reported',
  STATUS_CHANGED: 'Status changed',
};

/** A label for any enum value, including ones added after this file was written. */
export function label(labels: Record<string, string>, value: string | null | undefined): string {
  if (!value) return '';
  return labels[value] ?? value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');
}
