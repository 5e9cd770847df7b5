import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { createCommitmentLoaders } from '../commitments/commitment.loader';
import { createEngagementLoaders } from '../engagements/engagement.loader';
import { createEvidenceLoaders } from '../evidence/evidence.loader';
import { createCommitmentEventLoaders } from '../events/commitment-event.loader';
import { createFollowUpLoaders } from '../follow-ups/follow-up.loader';
import { createPartyLoaders } from '../parties/party.loader';
import { createPersonLoaders } from '../people/person.loader';
import { createProgressReportLoaders } from '../progress-reports/progress-report.loader';
import { createSourceLoaders } from '../sources/source.loader';

/** Every DataLoader, grouped by concept; each concept's loader file says what it batches. */
export function createLoaders(db: DataSource, config: Pick<Config, 'dueSoonDays'>) {
  return {
    ...createPartyLoaders(db),
    ...createSourceLoaders(db),
    ...createEngagementLoaders(db),
    ...createCommitmentLoaders(db, config.dueSoonDays),
    ...createFollowUpLoaders(db, config.dueSoonDays),
    ...createProgressReportLoaders(db),
    ...createCommitmentEventLoaders(db),
    ...createPersonLoaders(db),
    ...createEvidenceLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
