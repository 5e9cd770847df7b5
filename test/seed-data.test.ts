import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pakistanChina2026 as data } from '../seeds/pakistan-china-2026.data';
import { firstOccurrenceAfter } from '../seeds/seed';
import type { CommitmentSeed } from '../seeds/seed-dataset';

/**
 * The seed data checked against copies of the five articles it is written from
 * (test/fixtures/seed-articles): what it may quote, what it must not claim, and the one rule it
 * follows for OMITS. The seeder's behaviour on a database is test/seed.test.ts.
 */

const ROOT = join(__dirname, '..');
const ARTICLE_DIR = join(__dirname, 'fixtures', 'seed-articles');
/** Each of the five articles under the source key the data gives it; Xinhua is known only through 004. */
const ARTICLE_FILES: Record<string, string> = {
  a000: '000_a0512bccbda158b3.txt',
  a001: '001_ce24d98438a97633.txt',
  a002: '002_b2dcf2646950a014.txt',
  a003: '003_d8335ae8ea750959.txt',
  a004: '004_c0d4256d668c73bc.txt',
};
const articles = Object.fromEntries(
  Object.entries(ARTICLE_FILES).map(([key, file]) => [key, readFileSync(join(ARTICLE_DIR, file), 'utf8')]),
);
const dataFileText = readFileSync(join(ROOT, 'seeds', 'pakistan-china-2026.data.ts'), 'utf8');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

const RUN = 12;
const words = (text: string) => text.toLowerCase().replace(/[’‘]/g, "'").match(/[a-z0-9]+/g) ?? [];
/** Every run of RUN words in the articles, with the article it is from. */
const articleRuns = new Map<string, string>();
for (const [key, text] of Object.entries(articles)) {
  const w = words(text);
  for (let i = 0; i + RUN <= w.length; i++) articleRuns.set(w.slice(i, i + RUN).join(' '), key);
}
function copiedRuns(text: string): string[] {
  const w = words(text);
  const found: string[] = [];
  for (let i = 0; i + RUN <= w.length; i++) {
    const run = w.slice(i, i + RUN).join(' ');
    if (articleRuns.has(run)) found.push(`${articleRuns.get(run)}: "${run}"`);
  }
  return found;
}

/** Every string anywhere in a value, with where it sits. */
function stringsIn(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringsIn(v, `${path}.${k}`));
  return [];
}

/** As the articles write it, with curly apostrophes and line breaks made plain. */
const plain = (text: string) => text.replace(/[’‘]/g, "'").replace(/\s+/g, ' ');
const writtenInSomeArticle = (phrase: string) => Object.values(articles).some((a) => plain(a).includes(plain(phrase)));

/** The comments of a TypeScript file, as prose. */
const commentsOf = (source: string) =>
  (source.match(/\/\*[\s\S]*?\*\/|\/\/.*$/gm) ?? []).map((c) => c.replace(/^\/\*\*?|\*\/$|^\s*\*\s?|^\/\/\s?/gm, '')).join('\n\n');
/** Sentences of prose or markdown: paragraphs and table rows apart, then split after full stops. */
const sentencesOf = (text: string) =>
  text.split(/\n\s*\n|\n(?=\|)/).flatMap((paragraph) => paragraph.replace(/\s+/g, ' ').split(/(?<=[.!?])\s+/));

/** How the README names a source: an article by its number, Xinhua by name. */
const label = (key: string) => (key in ARTICLE_FILES ? key.slice(1) : key === 'xinhua' ? 'Xinhua (via 004)' : key);
const RULE_WORDS: Record<string, string> = { 'FREQ=MONTHLY;INTERVAL=3': 'every 3 months', 'FREQ=YEARLY': 'yearly' };
const dash = (value: string | null) => value ?? '–';

/** The README's tables of the seed data, as the data gives them. */
function readmeTables(): string {
  const sourceRows = Object.entries(data.sources).map(([key, s]) =>
    `| ${label(key)} | ${s.title} | ${dash(s.outlet)} | ${dash(s.publishedOn)} | ${dash(s.kind)} | ${dash(s.affiliation)} |`);
  const commitmentRows = data.commitments.map((c) => {
    const obligors = c.parties.filter((p) => p.role === 'OBLIGOR').map((p) => p.party);
    const others = c.parties.filter((p) => p.role !== 'OBLIGOR').map((p) => `${p.role.toLowerCase()} ${p.party}`);
    const parties = [`${obligors.length > 1 ? 'obligors' : 'obligor'} ${obligors.join(', ')}`, ...others].join('; ');
    const due = c.schedule.kind === 'recurring'
      ? `${RULE_WORDS[c.schedule.rule]}, first due ${firstOccurrenceAfter(c.schedule.rule, c.schedule.countedFrom)}`
      : c.schedule.dueDate ?? 'undated';
    const stance = (st: string) => c.citations.filter((x) => x.stance === st).map((x) => label(x.source));
    const sources = [['confirm', stance('CONFIRMS')], ['omit', stance('OMITS')], ['contradict', stance('CONTRADICTS')]]
      .filter(([, keys]) => keys.length).map(([verb, keys]) => `${verb}: ${(keys as string[]).join(', ')}`).join('; ');
    const meeting = c.engagement === 'beijing' ? 'Beijing, 2026-01-07' : 'Chen Mingguo (undated)';
    return `| ${c.title} | ${meeting} | ${c.kind} | ${parties} | ${due} | ${sources} |`;
  });
  return [
    '| Source | Title | Outlet | Published | Kind | Affiliation |',
    '|---|---|---|---|---|---|',
    ...sourceRows,
    '',
    '| Commitment | Meeting | Kind | Parties | Due / recurrence | Sources |',
    '|---|---|---|---|---|---|',
    ...commitmentRows,
  ].join('\n');
}

const commitmentsOf = (engagement: string) => data.commitments.filter((c) => c.engagement === engagement);
const byExternalId = (id: string): CommitmentSeed => {
  const found = data.commitments.find((c) => c.externalId.endsWith(id));
  if (!found) throw new Error(`no commitment ${id}`);
  return found;
};
const rolesOf = (c: CommitmentSeed) => Object.fromEntries(c.parties.map((p) => [p.party, p.role]));
const stancesOf = (c: CommitmentSeed) => Object.fromEntries(c.citations.map((s) => [s.source, s.stance]));

describe('the seed data, checked against the articles', () => {
  it('has a copy of each of the five articles to check against', () => {
    expect(readdirSync(ARTICLE_DIR).sort()).toEqual(Object.values(ARTICLE_FILES).sort());
    expect(articleRuns.size).toBeGreaterThan(3000);
  });

  it('copies no run of 12 or more words from an article: not in any value, the data file\'s comments or the README', () => {
    const copied = stringsIn(data).flatMap(([path, text]) => copiedRuns(text).map((run) => `${path} ${run}`));
    expect(copied).toEqual([]);
    expect(copiedRuns(dataFileText)).toEqual([]);
    expect(copiedRuns(readme)).toEqual([]);
  });

  it('finds a copied run of 12 words, and lets 11 pass, so the check above can fail', () => {
    expect(copiedRuns('As one report put it, the interior ministers of the two countries will meet once a year.'))
      .toEqual(['a000: "the interior ministers of the two countries will meet once a year"']);
    expect(copiedRuns('It said the two countries will meet once a year to review progress.')).toEqual([]);
  });

  it('gives every person\'s name and title, and every institution\'s name and acronym, as an article writes them', () => {
    for (const person of Object.values(data.people)) {
      expect({ name: person.name, written: writtenInSomeArticle(person.name) }).toEqual({ name: person.name, written: true });
      // A title holding two offices keeps them apart with "; " (see the data file).
      for (const office of person.title!.split('; ')) {
        expect({ office, written: writtenInSomeArticle(office) }).toEqual({ office, written: true });
      }
    }
    for (const institution of Object.values(data.institutions)) {
      expect({ name: institution.name, written: writtenInSomeArticle(institution.name) }).toEqual({ name: institution.name, written: true });
      if (institution.acronym) expect(writtenInSomeArticle(institution.acronym)).toBe(true);
    }
  });

  it('links a person to an institution only where the title names it', () => {
    for (const person of Object.values(data.people)) {
      if (!person.institution) continue;
      const named = data.institutions[person.institution].name.replace(/^Ministry of /, '');
      expect({ title: person.title, names: person.title!.includes(named) }).toEqual({ title: person.title, names: true });
    }
    expect(data.people.xuDatong).toMatchObject({ title: 'Vice Minister', institution: null });
    expect(data.people.yuXiuhe).toMatchObject({ title: 'Vice Minister', institution: null });
  });

  it('follows one OMITS rule for every article: each article reporting a meeting is cited on every commitment of that meeting, and on no other', () => {
    for (const [engagementKey, engagement] of Object.entries(data.engagements)) {
      const reporting = engagement.sources.map((s) => s.source).filter((s) => s in ARTICLE_FILES);
      for (const c of commitmentsOf(engagementKey)) {
        const citing = c.citations.map((s) => s.source).filter((s) => s in ARTICLE_FILES);
        expect({ commitment: c.title, citing: [...citing].sort() }).toEqual({ commitment: c.title, citing: [...reporting].sort() });
      }
    }
    expect(data.engagements.beijing.sources.map((s) => s.source).sort()).toEqual(['a000', 'a001', 'a002', 'a004', 'xinhua']);
    expect(data.engagements.chenMingguo.sources.map((s) => s.source)).toEqual(['a003']);
  });

  it('cites Xinhua, known only through PTI, where PTI says what it reported or left out, and says so each time', () => {
    const xinhua = data.commitments.flatMap((c) => c.citations.filter((s) => s.source === 'xinhua').map((s) => ({ c, s })));
    expect(xinhua.map(({ c, s }) => [c.externalId, s.stance])).toEqual([
      ['pk-cn/beijing/special-protection-unit', 'OMITS'],
      ['pk-cn/beijing/security-cooperation', 'CONFIRMS'],
      ['pk-cn/beijing/china-crackdown-readiness', 'CONFIRMS'],
    ]);
    for (const { s } of xinhua) expect(s.note).toMatch(/^Second-hand: .*(PTI|004)/);
    for (const { c } of xinhua) expect(stancesOf(c).a004).toBe('CONFIRMS');
  });

  it('gives every commitment a kind and each party once with a role, an OBLIGOR always', () => {
    for (const c of data.commitments) {
      const codes = c.parties.map((p) => p.party);
      expect(new Set(codes).size).toBe(codes.length);
      expect(c.parties.some((p) => p.role === 'OBLIGOR')).toBe(true);
      if (c.kind === 'AGREEMENT') expect(c.parties.filter((p) => p.role === 'OBLIGOR').length).toBeGreaterThan(1);
      if (c.kind !== 'AGREEMENT') expect(c.parties.filter((p) => p.role === 'OBLIGOR')).toHaveLength(1);
    }
  });

  it('records the NCCIA item as Pakistan\'s request of China', () => {
    const nccia = byExternalId('nccia-support-request');
    expect(nccia.kind).toBe('REQUEST');
    expect(rolesOf(nccia)).toEqual({ CN: 'OBLIGOR', PK: 'BENEFICIARY' });
    expect(nccia.title).toMatch(/request/i);
    expect(stancesOf(nccia)).toEqual({ a000: 'CONFIRMS', a001: 'CONFIRMS', a002: 'CONFIRMS', a004: 'CONFIRMS' });
  });

  it('records China\'s readiness to act with Pakistan against terrorism and telecom and online fraud as China\'s own pledge, from 000 and from Xinhua through 004', () => {
    const crackdown = byExternalId('china-crackdown-readiness');
    expect(crackdown.kind).toBe('PLEDGE');
    expect(rolesOf(crackdown)).toEqual({ CN: 'OBLIGOR', PK: 'BENEFICIARY' });
    expect(crackdown.description).toMatch(/telecommunications and online fraud/);
    expect(stancesOf(crackdown)).toEqual({ a000: 'CONFIRMS', a004: 'CONFIRMS', xinhua: 'CONFIRMS', a001: 'OMITS', a002: 'OMITS' });
  });

  it('records Pakistan\'s promise of further measures for the safety of Chinese personnel, projects and institutions, from 000', () => {
    const measures = byExternalId('pakistan-further-safety-measures');
    expect(measures.kind).toBe('PLEDGE');
    expect(rolesOf(measures)).toEqual({ PK: 'OBLIGOR', CN: 'BENEFICIARY' });
    expect(measures.title).toMatch(/personnel, projects and institutions/);
    expect(stancesOf(measures).a000).toBe('CONFIRMS');
  });

  it('records the forum, Wang Xiaohong\'s visit to Pakistan and Naqvi\'s visit to Xinjiang as invitations, none accepted and none "attended"', () => {
    const invitations = data.commitments.filter((c) => c.kind === 'INVITATION');
    expect(invitations.map((c) => c.externalId).sort()).toEqual([
      'pk-cn/beijing/forum-invitation', 'pk-cn/beijing/wang-visit-invitation', 'pk-cn/chen/xinjiang-visit-invitation',
    ]);
    for (const c of invitations) {
      expect(c.title).toMatch(/^Invitation to /);
      expect(c.description).toMatch(/No (article reports that \w+ accepted|acceptance)/);
      expect(c.parties.filter((p) => p.role === 'HOST')).toHaveLength(1);
    }
    expect(rolesOf(byExternalId('forum-invitation'))).toEqual({ PK: 'OBLIGOR', CN: 'HOST' });
    expect(rolesOf(byExternalId('wang-visit-invitation'))).toEqual({ CN: 'OBLIGOR', PK: 'HOST' });
    expect(rolesOf(byExternalId('xinjiang-visit-invitation'))).toEqual({ PK: 'OBLIGOR', CN: 'HOST' });
    const attends = stringsIn(data.commitments).filter(([, text]) => /\battend/i.test(text));
    expect(attends).toEqual([]);
  });

  it('cites as CONFIRMS of the information exchange only the article that reports it agreed', () => {
    const exchange = byExternalId('information-exchange');
    expect(stancesOf(exchange)).toEqual({ a004: 'CONFIRMS', a000: 'OMITS', a001: 'OMITS', a002: 'OMITS' });
    for (const key of ['a000', 'a001']) {
      expect(exchange.citations.find((s) => s.source === key)!.note).toMatch(/only that Naqvi stressed/);
    }
  });

  it('leaves the meeting with Chen Mingguo undated and unplaced, and nothing relates it in time to the Beijing meeting', () => {
    expect(data.engagements.chenMingguo).toMatchObject({ heldOn: null, location: null });
    const chenTexts = stringsIn([data.engagements.chenMingguo, commitmentsOf('chenMingguo')]).map(([, t]) => t);
    expect(chenTexts.filter((t) => /\b(19|20)\d\d\b|January|February|March|April|May|June|July|August|September|October|November|December|weeks?\b/.test(t)))
      .toEqual([]);
    // The data file's name holds a year; it names the file, not a date of the meeting.
    for (const text of [commentsOf(dataFileText), readme].map((t) => t.replaceAll('pakistan-china-2026.data.ts', 'the data file'))) {
      expect(text).not.toMatch(/same weeks/i);
      expect(sentencesOf(text).filter((s) => /Chen/.test(s) && /January|2026/.test(s))).toEqual([]);
    }
    expect(stringsIn(data).filter(([, t]) => /Chen/.test(t) && /January|2026/.test(t))).toEqual([]);
  });

  it('gives a source a kind and an affiliation only where an article says who speaks through it: Xinhua, China\'s state media', () => {
    expect(data.sources.xinhua).toMatchObject({ kind: 'STATE_MEDIA', affiliation: 'CN', outlet: 'Xinhua' });
    expect(plain(articles.a004)).toMatch(/state-run Xinhua news agency/);
    for (const [key, source] of Object.entries(data.sources)) {
      if (key !== 'xinhua') expect({ key, kind: source.kind, affiliation: source.affiliation }).toEqual({ key, kind: null, affiliation: null });
      expect(source.url).toBeNull();
    }
  });

  it('keeps an article\'s headline only where it has one, and an outlet or a date only where it names one', () => {
    for (const [key, source] of Object.entries(data.sources)) {
      const article = articles[key];
      if (!article) continue;
      const firstLines = article.split('\n').slice(0, 4).join('\n');
      if (firstLines.includes(source.title)) continue;
      // No headline: the title is ours, and must not pass for the article's own.
      expect({ key, startsWithItsText: plain(article).includes(plain(source.title)) }).toEqual({ key, startsWithItsText: false });
    }
    expect(Object.entries(data.sources).filter(([, s]) => s.publishedOn).map(([k, s]) => [k, s.publishedOn]))
      .toEqual([['a001', '2026-01-07'], ['a004', '2026-01-07']]);
    expect(articles.a001).toMatch(/^ date 2026-01-07/);
    expect(articles.a004).toMatch(/^ date 2026-01-07 .*\(PTI\)/);
  });

  it('is shown in the README as it stands: every source and every commitment with its kind, parties, due date and sources', () => {
    const tables = readmeTables();
    expect(tables.split('\n')).toHaveLength(Object.keys(data.sources).length + data.commitments.length + 5);
    // On failure, the expected text is the tables to paste into the README's section on the data.
    expect(readme.includes(tables) ? tables : 'not in the README').toBe(tables);
  });
});
