import type { CommitmentPageData, PageCommitment, PageFollowUp } from './commitment-page.query';
import { webUrl } from './html';

/**
 * schema.org JSON-LD for a commitment page: the page, the commitment as a Claim made by its
 * parties and reported by its confirming sources, and one ClaimReview per follow-up that has been
 * decided (DONE, MISSED or CANCELLED as of the date shown), rated from the report that decided it.
 */

const RATINGS: Record<string, { value: number; name: (f: PageFollowUp) => string }> = {
  DONE: { value: 3, name: (f) => (f.dueDate && f.completedOn && f.completedOn > f.dueDate ? 'Done late' : 'Done') },
  CANCELLED: { value: 2, name: () => 'Cancelled' },
  MISSED: { value: 1, name: () => 'Missed' },
};

function decidingReport(f: PageFollowUp, asOf: string) {
  return f.reports
    .filter((r) => r.state === f.status && r.reportedOn <= asOf)
    .reduce<PageFollowUp['reports'][number] | undefined>((a, r) => (!a || r.reportedOn >= a.reportedOn ? r : a), undefined);
}

function appearances(c: PageCommitment) {
  return c.sources
    .filter((s) => s.stance === 'CONFIRMS')
    .map(({ source }) => ({
      '@type': 'CreativeWork',
      name: source.title,
      ...(webUrl(source.url) ? { url: webUrl(source.url) } : {}),
      ...(source.outlet ? { publisher: { '@type': 'Organization', name: source.outlet } } : {}),
      ...(source.publishedOn ? { datePublished: source.publishedOn } : {}),
    }));
}

export function commitmentJsonLd(data: CommitmentPageData & { commitment: PageCommitment }, links: { page: string; site: string }) {
  const c = data.commitment;
  const claimId = `${links.page}#commitment`;
  const tracker = { '@type': 'Organization', name: 'Follow-through tracker', url: links.site };
  const claim = {
    '@type': 'Claim',
    '@id': claimId,
    name: c.title,
    ...(c.description ? { text: c.description } : {}),
    dateCreated: c.createdAt,
    // Whoever would act is who made the claim, whatever the kind (the obligors).
    author: c.parties.filter((p) => p.role === 'OBLIGOR').map(({ party }) => ({ '@type': 'Organization', name: party.name, identifier: party.code })),
    appearance: appearances(c),
    ...(c.madeAt
      ? { about: { '@type': 'Event', name: c.madeAt.title, ...(c.madeAt.heldOn ? { startDate: c.madeAt.heldOn } : {}), ...(c.madeAt.location ? { location: c.madeAt.location } : {}) } }
      : {}),
  };
  const reviews = c.followUps.flatMap((f) => {
    const rating = RATINGS[f.status];
    const report = rating && decidingReport(f, data.asOf);
    if (!rating || !report) return [];
    return [{
      '@type': 'ClaimReview',
      url: `${links.page}#${f.id}`,
      claimReviewed: f.dueDate ? `${f.title} (due ${f.dueDate})` : f.title,
      itemReviewed: { '@id': claimId },
      datePublished: report.reportedOn,
      author: tracker,
      reviewRating: {
        '@type': 'Rating', ratingValue: rating.value, bestRating: 3, worstRating: 1, alternateName: rating.name(f),
        ...(f.verification ? { ratingExplanation: `Verification of the deciding report: ${f.verification.toLowerCase()}` } : {}),
      },
    }];
  });
  return {
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebPage', '@id': links.page, url: links.page, name: c.title, dateModified: c.updatedAt, mainEntity: { '@id': claimId }, publisher: tracker },
      claim,
      ...reviews,
    ],
  };
}
