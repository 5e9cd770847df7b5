import { addDays, CalendarDate } from '../domain/dates';

/** One tab the playground opens with: the questions people come with, ready to run. */
export interface ExampleTab {
  query: string;
  variables?: string;
  /** JSON for GraphiQL's Headers pane. */
  headers?: string;
}

const OVERDUE_TODAY = `# What is overdue today?
# Follow-ups past their due date with no DONE, MISSED or CANCELLED report.
query OverdueToday {
  followUps(filter: { status: [OVERDUE] }, first: 50) {
    totalCount
    nodes {
      id
      title
      dueDate
      daysOverdue
      commitment {
        title
        kind
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
      kind
      parties { role party { code } }
      status
      nextDueDate
      madeAt { title heldOn location }
      sources { stance note source { title outlet url } }
      followUps(first: 20) {
        nodes {
          title
          dueDate
          originalDueDate
          status
          completedOn
          reports { state reportedOn note verification source { title url } }
        }
      }
      history(first: 50) {
        nodes { kind occurredAt previousStatus status followUp { title } }
      }
    }
  }
}
`;

const FOLLOW_THROUGH = `# How well did a party keep its promises, as of a date?
# Counts only what $party was to do (its OBLIGOR role) in agreements and pledges: requests and
# invitations promise nothing until accepted. Drop asOf for the server's today, partyCode for all.
# unreported: follow-ups due by then that nobody has recorded anything about.
query FollowThrough($asOf: Date, $party: String) {
  followThrough(asOf: $asOf, partyCode: $party, kinds: [AGREEMENT, PLEDGE]) {
    asOf
    total
    dueFollowUps
    doneOnTime
    doneLate
    unreported
    onTimeRate
    corroboratedOnTimeRate
    byStatus { status count }
  }
}
`;

const XINHUA_LEFT_OUT = `# What did Xinhua leave out?
# Commitments a source covers but does not mention (stance OMITS), with what every other source
# says about them. Run FindSources first (the run button asks which operation), put Xinhua's id
# in Variables as "source" (any other source's works too), then run WhatDidXinhuaLeaveOut.
query WhatDidXinhuaLeaveOut($source: ID!) {
  commitments(filter: { sourceId: $source, stances: [OMITS] }, first: 50) {
    totalCount
    nodes {
      title
      kind
      sources { stance note source { title outlet kind affiliation { code } } }
    }
  }
}

query FindSources {
  sources(first: 100) {
    nodes { id title outlet kind affiliation { code } }
  }
}
`;

const KNOWN_ON_1_OCTOBER = `# What was known on 1 October?
# The answers as the tracker would have given them at the end of that day: anything recorded
# later (commitments, reports, evidence, corrections, moved deadlines) is left out, and statuses are
# judged as of that day. Fields below take the root field's knownAt and asOf.
# Data counts from when it was recorded, seeding included: on a database seeded after that day
# this finds nothing, so move knownAt to an instant after seeding (one in the future is refused).
query WhatWasKnownOn1October($asOf: Date!, $knownAt: DateTime!) {
  followThrough(asOf: $asOf, knownAt: $knownAt) {
    total
    dueFollowUps
    doneOnTime
    unreported
    onTimeRate
  }
  followUps(asOf: $asOf, knownAt: $knownAt, filter: { status: [OVERDUE, DONE, MISSED] }, first: 50) {
    totalCount
    nodes {
      title
      dueDate
      originalDueDate
      status
      verification
      commitment { title kind }
    }
  }
}
`;

const ONLY_CLAIMED = `# Which DONE reports are only claimed by the obligor?
# Look for verification CLAIMED: every source confirming the report speaks for a party that was
# to act (its affiliation is an OBLIGOR's), and none contradicts it. CORROBORATED means some
# other source confirms it too; DISPUTED that one contradicts it; UNSOURCED that none says either.
query DoneReportsOnlyClaimed {
  followUps(filter: { status: [DONE] }, first: 100) {
    totalCount
    nodes {
      title
      verification
      commitment { title kind parties { role party { code } } }
      reports {
        state
        reportedOn
        verification
        evidence { stance note recordedAt source { title outlet kind affiliation { code } } }
      }
    }
  }
}
`;

const REPORT_PROGRESS = `# Record progress on a follow-up: a write, so it needs an EDITOR (or ADMIN) key.
# The key goes in the Headers pane: under the editor, click "Headers" (beside "Variables") and
# replace the placeholder there so it reads { "Authorization": "Bearer ftt_..." }.
# Take followUpId from the OverdueToday tab; sourceId is optional (FindSources in the
# WhatDidXinhuaLeaveOut tab lists them) and becomes the report's first evidence, as CONFIRMS.
# Start the LiveEvents tab first to watch the events it makes arrive.
mutation ReportProgress($input: ReportProgressInput!) {
  reportProgress(input: $input) {
    report { id state reportedOn note verification evidence { stance source { title } } }
    followUp { title status verification }
  }
}
`;

const LIVE_EVENTS = `# Live events: runs until you stop it.
# Record progress with the ReportProgress tab while this runs to see the events arrive.
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

/** The latest 1 October whose whole day lies before today in every time zone (so never "the future"). */
export function lastFirstOfOctober(today: CalendarDate): CalendarDate {
  const year = Number(today.slice(0, 4));
  return today >= `${year}-10-03` ? `${year}-10-01` : `${year - 1}-10-01`;
}

/** The playground's opening tabs; dates start from the server's today. */
export function exampleTabs(today: CalendarDate): ExampleTab[] {
  const october = lastFirstOfOctober(today);
  return [
    { query: OVERDUE_TODAY },
    { query: DUE_NEXT_30_DAYS, variables: json({ from: today, to: addDays(today, 30) }) },
    { query: WHAT_HAPPENED, variables: json({ search: 'protection unit' }) },
    { query: FOLLOW_THROUGH, variables: json({ asOf: today, party: 'PK' }) },
    { query: XINHUA_LEFT_OUT, variables: json({ source: 'paste the id FindSources gives for Xinhua' }) },
    { query: KNOWN_ON_1_OCTOBER, variables: json({ asOf: october, knownAt: `${october}T23:59:59Z` }) },
    { query: ONLY_CLAIMED },
    {
      query: REPORT_PROGRESS,
      variables: json({ input: { followUpId: 'paste an id from OverdueToday', state: 'IN_PROGRESS', reportedOn: today, note: 'what happened, in a sentence' } }),
      headers: json({ Authorization: 'Bearer paste-your-EDITOR-key-here' }),
    },
    { query: LIVE_EVENTS },
  ];
}
