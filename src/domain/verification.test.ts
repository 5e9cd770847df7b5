import { EvidenceFact, verification } from './verification';

const PK = '1';
const CN = '2';
const obligors = new Set([PK]);
const e = (stance: EvidenceFact['stance'], affiliationPartyId: string | null = null): EvidenceFact => ({ stance, affiliationPartyId });

describe('verification', () => {
  it('is UNSOURCED with no evidence, or with only OMITS', () => {
    expect(verification([], obligors)).toBe('UNSOURCED');
    expect(verification([e('OMITS'), e('OMITS', PK)], obligors)).toBe('UNSOURCED');
  });

  it('is CLAIMED when every confirming source speaks for an obligor', () => {
    expect(verification([e('CONFIRMS', PK), e('OMITS')], obligors)).toBe('CLAIMED');
  });

  it('is CORROBORATED by one confirming source that is independent or speaks for a party that is not an obligor', () => {
    expect(verification([e('CONFIRMS', PK), e('CONFIRMS')], obligors)).toBe('CORROBORATED');
    expect(verification([e('CONFIRMS', CN)], obligors)).toBe('CORROBORATED');
  });

  it('is DISPUTED as soon as any evidence contradicts, whatever confirms it', () => {
    expect(verification([e('CONFIRMS'), e('CONFIRMS', CN), e('CONTRADICTS', PK)], obligors)).toBe('DISPUTED');
    expect(verification([e('CONTRADICTS')], obligors)).toBe('DISPUTED');
  });
});
