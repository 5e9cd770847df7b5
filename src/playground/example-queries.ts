import { addDays, CalendarDate } from '../domain/dates';

/** One tab the playground opens with: the questions people come with, ready to run. */
export interface ExampleTab {
  query: string;
  variables?: string;
}

const OVERDUE_TODAY = `# What is overdue today?
# Follow-ups past their due date with no DONE, MISSED or CANCELLED report.
query OverdueToday {
  followUps(filter: { status: [OVERDUE] }, first: 50) {
    totalCount
    nodes {
      title
      dueDate
      daysOverdue
      commitment {
        title
        responsibleParties { code name }
        sources { stance source { title outlet url publishedOn } }
      }
    }
  }
}
`;

const DUE_NEXT_30_DAYS = `# What is due in the next 30 days?
# Change $from and $to in Variables for another window.
query DueInNext30Days($from: Date!, $to: Date!) {
  followUps(filter: { status: [DUE_SOON, SCHEDULED], dueAfter: $from, dueBefore: $to }, first: 100) {
    totalCount
    nodes {
      title
      dueDate
      status
      commitment { title responsibleParties { code } }
    }
  }
}
`;

const WHAT_HAPPENED = `# What happened to a commitment?
# Every word of $search must occur in its title or description.
query WhatHappenedTo($search: String!) {
  commitments(filter: { search: $search }, first: 5) {
    nodes {
      id
      title
      status
      nextDueDate
      madeAt { title heldOn location }
      sources { stance note source { title outlet url } }
      followUps(first: 20) {
        nodes {
          title
          dueDate
          status
          completedOn
          reports { state reportedOn note source { title url } }
        }
      }
      history(first: 50) {
        nodes { kind occurredAt previousStatus status followUp { title } }
      }
    }
  }
}
`;

const FOLLOW_THROUGH = `# How well are promises kept, as of a date?
# Drop asOf for the server's today.
query FollowThrough($asOf: Date) {
  followThrough(asOf: $asOf) {
    asOf
    total
    onTimeRate
    byStatus { status count }
  }
}
`;

const LIVE_EVENTS = `# Live events: runs until you stop it.
# Report progress (Mutation.reportProgress) in another tab to see them.
subscription LiveEvents {
  commitmentEvents {
    cursor
    kind
    occurredAt
    previousStatus
    status
    commitment { title }
    followUp { title dueDate }
  }
}
`;

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The playground's opening tabs; date windows start at the server's today. */
export function exampleTabs(today: CalendarDate): ExampleTab[] {
  return [
    { query: OVERDUE_TODAY },
    { query: DUE_NEXT_30_DAYS, variables: json({ from: today, to: addDays(today, 30) }) },
    { query: WHAT_HAPPENED, variables: json({ search: 'protection unit' }) },
    { query: FOLLOW_THROUGH, variables: json({ asOf: today }) },
    { query: LIVE_EVENTS },
  ];
}
