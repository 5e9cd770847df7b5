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

export const KIND_LABELS: Record<string, string> = {
  AGREEMENT: 'Agreement (all obligors agreed to it)',
  PLEDGE: 'Pledge (one party promised it)',
  REQUEST: 'Request (asked of a party; not promised until accepted)',
  INVITATION: 'Invitation (not promised until accepted)',
};

export const ROLE_LABELS: Record<string, string> = {
  OBLIGOR: 'Would act',
  BENEFICIARY: 'For',
  HOST: 'Host',
};

export const VERIFICATION_LABELS: Record<string, string> = {
  UNSOURCED: 'unsourced',
  CLAIMED: 'claimed (only by the obligor’s own sources)',
  CORROBORATED: 'corroborated (by an independent source)',
  DISPUTED: 'disputed (a source contradicts it)',
};

export const SOURCE_KIND_LABELS: Record<string, string> = {
  OFFICIAL: 'official',
  STATE_MEDIA: 'state media',
  INDEPENDENT_MEDIA: 'independent media',
  RESEARCH: 'research',
  OTHER: 'other',
};

export const EVENT_LABELS: Record<string, string> = {
  CREATED: 'Recorded',
  UPDATED: 'Edited',
  PROGRESS_REPORTED: 'Progress reported',
  STATUS_CHANGED: 'Status changed',
  EVIDENCE_ADDED: 'Evidence added',
  KIND_CHANGED: 'Kind changed',
  DEADLINE_MOVED: 'Deadline moved',
  REPORT_CORRECTED: 'Report corrected',
};

/** A label for any enum value, including ones added after this file was written. */
export function label(labels: Record<string, string>, value: string | null | undefined): string {
  if (!value) return '';
  return labels[value] ?? value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');
}
