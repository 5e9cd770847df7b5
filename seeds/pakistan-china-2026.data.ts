import type { SeedDataset } from './seed-dataset';

/**
 * Two Pakistan–China meetings on security, as five news articles report them (kept outside the
 * project; the comments below number them 000–004). Everything here is restated in our own words;
 * people's titles and the names of institutions are the articles' own. Where the articles are
 * silent (a URL, an outlet, a date, a place, who owns an outlet) the value is null.
 *
 *   000  "Special unit in Islamabad to protect Chinese citizens": no outlet, no date line
 *   001  no headline, dated 2026-01-07, no outlet named
 *   002  "Dedicated Security Unit for Chinese Nationals": no outlet, no date
 *   003  "China Trains Pakistan Police in Counterterrorism": no outlet, no date
 *   004  no headline, dated 2026-01-07, credited "(PTI)"
 *
 * The meeting of Naqvi and Wang Xiaohong in Beijing was on Wednesday 7 January 2026: 001 and 004
 * carry that date and, like 000, say "on Wednesday"; 000, 001, 002 and 004 report it. Only 003
 * reports the meeting with Chen Mingguo's delegation, and it says neither when nor where it was
 * held, so that meeting has no date here and nothing in this file relates it in time to the other.
 *
 * Kinds and roles. AGREEMENT where an article reports both sides agreeing (or vowing); PLEDGE where
 * one side states what it will do; REQUEST where one side asks the other, which then is the OBLIGOR
 * and the asker the BENEFICIARY; INVITATION where one side invites the other, which then is the
 * OBLIGOR (it would go) and the inviter the HOST. No article reports an invitation accepted or a
 * request answered.
 *
 * The OMITS rule, applied to every article alike: an article that reports a meeting is cited on
 * every commitment of that meeting, CONFIRMS where it reports the commitment as such (agreed,
 * promised, asked or invited, by its kind) and OMITS where it does not. Where an article touches
 * the matter without reporting the commitment (one side urging it, a topic only discussed), the
 * OMITS note says what it does report. Xinhua's report is not one of the five: we know it only
 * through what 004 relays, so it is cited only where 004 says what Xinhua reported or left out.
 *
 * Left out on purpose, because the articles report them as talk or as remarks rather than as
 * anything promised, asked or offered: sister-city ties between Islamabad and Beijing (001: among
 * the discussions), what Chinese AI technology could do for Pakistan, Wang's remark in 001 that he
 * would be glad to welcome Naqvi "at the beginning of 2026" (its meaning is unclear), and China's
 * plan to train 3,000 police officers from many countries (003: announced at a conference in
 * Lianyungang, not at either meeting).
 */

type Party = 'PK' | 'CN';
type Institution =
  | 'pkInterior' | 'nccia' | 'nationalPoliceAcademy' | 'islamabadPolice'
  | 'mps' | 'beijingPsb' | 'xinjiangPoliceAcademy';
type Person =
  | 'naqvi' | 'agha' | 'hashmi' | 'idrees' | 'khurramAli' | 'randhawa' | 'rizvi' | 'waqas' | 'buzdar'
  | 'wangXiaohong' | 'xuDatong' | 'yuXiuhe' | 'cenYuanbiao' | 'guoKan' | 'gaoQiu' | 'wangYong' | 'chenMingguo';
type Engagement = 'beijing' | 'chenMingguo';
type Source = 'a000' | 'a001' | 'a002' | 'a003' | 'a004' | 'xinhua';

/** The day the Beijing meeting agreed the recurring meetings; both recurrences count from it. */
const BEIJING_MEETING_DAY = '2026-01-07';

const BOTH_AGREED = [{ party: 'PK', role: 'OBLIGOR' }, { party: 'CN', role: 'OBLIGOR' }] as const;

export const pakistanChina2026: SeedDataset<Party, Institution, Person, Engagement, Source> = {
  parties: {
    PK: { name: 'Pakistan' },
    CN: { name: 'China' },
  },

  // Names as the articles write them; an acronym only where an article uses it.
  institutions: {
    pkInterior: { party: 'PK', name: 'Ministry of Interior', acronym: null },
    // 000 and 001 spell it so; 002 and 004 write "Cyber Crimes".
    nccia: { party: 'PK', name: 'National Cyber Crime Investigation Agency', acronym: 'NCCIA' },
    nationalPoliceAcademy: { party: 'PK', name: 'National Police Academy', acronym: null },
    islamabadPolice: { party: 'PK', name: 'Islamabad Police', acronym: null },
    mps: { party: 'CN', name: 'Ministry of Public Security', acronym: null },
    beijingPsb: { party: 'CN', name: 'Beijing Public Security Bureau', acronym: null },
    // Its vice president, not named, was in Chen Mingguo's delegation (003).
    xinjiangPoliceAcademy: { party: 'CN', name: 'Xinjiang Police Academy', acronym: null },
  },

  // Each title is one an article gives, word for word; where articles differ, 001's list (the
  // fullest) for the Beijing delegations. An institution is set only where the title names it.
  people: {
    naqvi: { party: 'PK', name: 'Mohsin Naqvi', institution: 'pkInterior', title: 'Federal Interior Minister' },
    // 000 and 001 write Khurram Agha; 003 names Pakistan's Interior Secretary "Khuram Ali Agha".
    // One person: the same office, and names that differ in spelling and a middle name only.
    agha: { party: 'PK', name: 'Khurram Agha', institution: 'pkInterior', title: 'Federal Secretary Interior' },
    hashmi: { party: 'PK', name: 'Khalil Hashmi', institution: null, title: 'Ambassador to China' },
    idrees: { party: 'PK', name: 'Muhammad Idrees', institution: 'nationalPoliceAcademy', title: 'Director General of the National Police Academy' },
    khurramAli: {
      party: 'PK', name: 'Syed Khurram Ali', institution: 'nccia',
      title: 'Director General of the National Cyber Crime Investigation Agency',
    },
    randhawa: { party: 'PK', name: 'Muhammad Ali Randhawa', institution: null, title: 'Chief Commissioner Islamabad' },
    rizvi: { party: 'PK', name: 'Ali Nasir Rizvi', institution: 'islamabadPolice', title: 'Islamabad Police Inspector General' },
    waqas: { party: 'PK', name: 'Waqas Ali Mahmood', institution: 'pkInterior', title: 'Special Secretary of the Interior' },
    // 003 calls him only "Additional Secretary", without saying of what.
    buzdar: { party: 'PK', name: 'Nazar Muhammad Buzdar', institution: null, title: 'Additional Secretary' },
    wangXiaohong: { party: 'CN', name: 'Wang Xiaohong', institution: 'mps', title: 'Minister of Public Security' },
    // "Vice Ministers" is all 000 and 001 write; neither says of which ministry.
    xuDatong: { party: 'CN', name: 'Xu Datong', institution: null, title: 'Vice Minister' },
    yuXiuhe: { party: 'CN', name: 'Yu Xiuhe', institution: null, title: 'Vice Minister' },
    // 001 gives both offices in one phrase; they are kept apart so that no long run of its words is copied.
    cenYuanbiao: {
      party: 'CN', name: 'Cen Yuanbiao', institution: 'beijingPsb',
      title: 'Beijing Deputy Mayor; Director General of the Beijing Public Security Bureau',
    },
    guoKan: { party: 'CN', name: 'Guo Kan', institution: 'mps', title: 'Director General of the Ministry of Public Security General Office' },
    gaoQiu: { party: 'CN', name: 'Gao Qiu', institution: null, title: 'Director General of the Counter-Terrorism Department' },
    wangYong: { party: 'CN', name: 'Wang Yong', institution: null, title: 'Director General of the International Cooperation Department' },
    // 003 names no body for him, so none is recorded.
    chenMingguo: { party: 'CN', name: 'Chen Mingguo', institution: null, title: 'Minister of Political and Legal Affairs' },
  },

  engagements: {
    beijing: {
      externalId: 'pk-cn/beijing-2026-01-07',
      title: 'Naqvi–Wang Xiaohong security talks in Beijing',
      heldOn: BEIJING_MEETING_DAY,
      location: 'Ministry of Public Security headquarters, Beijing',
      summary:
        'Pakistan\'s interior minister and China\'s minister of public security spent about three and a half hours on ' +
        'counter-terrorism, police training, institutional coordination and the safety of Chinese nationals and ' +
        'projects in Pakistan. Both ministries issued statements afterwards. Sister-city links between ' +
        'Islamabad and Beijing came up but nothing was reported as agreed on them.',
      parties: ['PK', 'CN'],
      participants: [
        { person: 'naqvi', role: 'Led the Pakistani delegation' },
        { person: 'agha', role: 'Pakistani delegation' },
        { person: 'hashmi', role: 'Pakistani delegation' },
        { person: 'idrees', role: 'Pakistani delegation' },
        { person: 'khurramAli', role: 'Pakistani delegation' },
        { person: 'randhawa', role: 'Pakistani delegation' },
        { person: 'rizvi', role: 'Pakistani delegation' },
        { person: 'wangXiaohong', role: 'Host; led the Chinese side' },
        { person: 'xuDatong', role: 'Chinese side' },
        { person: 'yuXiuhe', role: 'Chinese side' },
        { person: 'cenYuanbiao', role: 'Chinese side' },
        // 000 mentions unnamed officials of these departments; 001 names their directors.
        { person: 'guoKan', role: 'Chinese side' },
        { person: 'gaoQiu', role: 'Chinese side' },
        { person: 'wangYong', role: 'Chinese side' },
      ],
      sources: [
        { source: 'a000', stance: 'CONFIRMS', note: null },
        { source: 'a001', stance: 'CONFIRMS', note: null },
        { source: 'a002', stance: 'CONFIRMS', note: null },
        { source: 'a004', stance: 'CONFIRMS', note: null },
        { source: 'xinhua', stance: 'CONFIRMS', note: 'Second-hand: 004 (PTI) refers to Xinhua\'s report on the meeting.' },
      ],
    },
    chenMingguo: {
      externalId: 'pk-cn/chen-mingguo-undated',
      title: 'Naqvi meeting with Chen Mingguo\'s delegation on counter-terrorism and border security',
      heldOn: null,
      location: null,
      summary:
        'Talks with a Chinese delegation led by Chen Mingguo on counter-terrorism, drug smuggling and trafficking, and ' +
        'security on the 600 km border between Pakistan and Xinjiang, which the economic corridor crosses. The ' +
        'delegation included senior Xinjiang officials, not named: the Vice President of the Xinjiang Police ' +
        'Academy, the Deputy Secretary of the Committee for Parliamentary and Legal Affairs and the Executive ' +
        'Director General of Police. The report gives neither a date nor a place.',
      parties: ['PK', 'CN'],
      participants: [
        { person: 'naqvi', role: 'Led the Pakistani side' },
        { person: 'chenMingguo', role: 'Led the Chinese delegation' },
        { person: 'agha', role: 'Pakistani side (spelled Khuram Ali Agha in the report)' },
        { person: 'waqas', role: 'Pakistani side' },
        { person: 'buzdar', role: 'Pakistani side' },
      ],
      sources: [{ source: 'a003', stance: 'CONFIRMS', note: null }],
    },
  },

  // No article gives its URL, so every url is null. An outlet is recorded only when the article
  // names one (004's "(PTI)" credit); a headline is kept where the article has one, otherwise the
  // title describes the report in our words. Kind and affiliation are set only where an article
  // says who speaks through the source: 004 calls Xinhua state-run and China's official media.
  // Nothing in the articles says who owns PTI or the outlets of 000–003, so theirs stay null.
  sources: {
    a000: {
      externalId: 'pk-cn/article-000', title: 'Special unit in Islamabad to protect Chinese citizens',
      outlet: null, url: null, publishedOn: null, kind: null, affiliation: null,
    },
    a001: {
      externalId: 'pk-cn/article-001',
      title: 'Naqvi tells Wang Xiaohong a protection unit for Chinese citizens is being formed in Islamabad',
      outlet: null, url: null, publishedOn: '2026-01-07', kind: null, affiliation: null,
    },
    a002: {
      externalId: 'pk-cn/article-002', title: 'Dedicated Security Unit for Chinese Nationals',
      outlet: null, url: null, publishedOn: null, kind: null, affiliation: null,
    },
    a003: {
      externalId: 'pk-cn/article-003', title: 'China Trains Pakistan Police in Counterterrorism',
      outlet: null, url: null, publishedOn: null, kind: null, affiliation: null,
    },
    a004: {
      externalId: 'pk-cn/article-004',
      title: 'Pakistan sets up a Special Protection Unit to secure Chinese CPEC workers',
      outlet: 'PTI', url: null, publishedOn: '2026-01-07', kind: null, affiliation: null,
    },
    // Xinhua's own account of the meeting is known to us only through 004, which relays part of it
    // and says China's official media left the SPU out. Recording it as a source of its own lets
    // that omission be an OMITS citation without pretending we have read it: no URL, no date, and
    // every citation of it says it is second-hand.
    xinhua: {
      externalId: 'pk-cn/xinhua-via-004',
      title: 'Xinhua report on the Naqvi–Wang Xiaohong meeting (known through PTI)',
      outlet: 'Xinhua', url: null, publishedOn: null, kind: 'STATE_MEDIA', affiliation: 'CN',
    },
  },

  commitments: [
    // ---- The Beijing meeting (000, 001, 002, 004; Xinhua through 004) -------------------------
    {
      externalId: 'pk-cn/beijing/jwg-quarterly',
      title: 'Quarterly Joint Working Group meeting',
      description:
        'Pakistan and China will convene their joint working group on internal security once every quarter. Counted ' +
        'from the 7 January 2026 meeting where it was agreed, so the first is due on 7 April 2026.',
      engagement: 'beijing',
      kind: 'AGREEMENT',
      parties: [...BOTH_AGREED],
      schedule: { kind: 'recurring', rule: 'FREQ=MONTHLY;INTERVAL=3', countedFrom: BEIJING_MEETING_DAY },
      citations: [
        { source: 'a000', stance: 'CONFIRMS', note: null },
        { source: 'a001', stance: 'CONFIRMS', note: 'Names it the joint working group on internal security.' },
        { source: 'a002', stance: 'CONFIRMS', note: null },
        { source: 'a004', stance: 'CONFIRMS', note: null },
      ],
    },
    {
      externalId: 'pk-cn/beijing/ministers-annual',
      title: 'Annual interior ministers\' meeting',
      description:
        'The ministers in charge of internal security meet once a year to take stock of progress and set the next ' +
        'steps. Counted from the 7 January 2026 meeting, so the first is due on 7 January 2027.',
      engagement: 'beijing',
      kind: 'AGREEMENT',
      parties: [...BOTH_AGREED],
      schedule: { kind: 'recurring', rule: 'FREQ=YEARLY', countedFrom: BEIJING_MEETING_DAY },
      citations: [
        { source: 'a000', stance: 'CONFIRMS', note: null },
        { source: 'a001', stance: 'CONFIRMS', note: null },
        { source: 'a002', stance: 'CONFIRMS', note: 'Calls it an annual meeting at ministerial level.' },
        { source: 'a004', stance: 'CONFIRMS', note: 'Calls it a ministerial-level meeting held once a year.' },
      ],
    },
    {
      externalId: 'pk-cn/beijing/special-protection-unit',
      title: 'Special Protection Unit in Islamabad to guard Chinese nationals',
      description:
        'Pakistan is setting up a dedicated unit in Islamabad to guard Chinese citizens and joint projects. No ' +
        'completion date was given.',
      engagement: 'beijing',
      kind: 'PLEDGE',
      parties: [{ party: 'PK', role: 'OBLIGOR' }, { party: 'CN', role: 'BENEFICIARY' }],
      schedule: { kind: 'once', followUpTitle: 'Special Protection Unit operating in Islamabad', dueDate: null },
      citations: [
        { source: 'a000', stance: 'CONFIRMS', note: null },
        { source: 'a001', stance: 'CONFIRMS', note: null },
        { source: 'a002', stance: 'CONFIRMS', note: 'Adds what the unit is expected to do, without saying who expects it.' },
        {
          source: 'a004', stance: 'CONFIRMS',
          note: 'Also reports that China\'s official media left the unit out of their account, and that it is unclear whether Chinese security personnel would serve in it.',
        },
        {
          source: 'xinhua', stance: 'OMITS',
          note: 'Second-hand: according to PTI (004), the account of the meeting in Chinese state media left the unit out.',
        },
      ],
    },
    {
      externalId: 'pk-cn/beijing/nccia-support-request',
      title: 'Pakistan\'s request for Chinese institutional support to strengthen the NCCIA',
      description:
        'Pakistan asked for help from Chinese institutions to build up its National Cyber Crime Investigation ' +
        'Agency, and welcomed cooperation with China against cybercrime. China would be the one to act; no article ' +
        'reports China\'s answer, so nothing is promised yet.',
      engagement: 'beijing',
      kind: 'REQUEST',
      parties: [{ party: 'CN', role: 'OBLIGOR' }, { party: 'PK', role: 'BENEFICIARY' }],
      schedule: { kind: 'once', followUpTitle: 'Chinese institutions supporting the NCCIA', dueDate: null },
      citations: [
        { source: 'a000', stance: 'CONFIRMS', note: 'Naqvi said Pakistan sought the support of Chinese institutions for the agency.' },
        { source: 'a001', stance: 'CONFIRMS', note: 'Naqvi said Pakistan means to use Chinese assistance for the agency.' },
        {
          source: 'a002', stance: 'CONFIRMS',
          note: 'Reports Pakistan\'s interest in Chinese AI technology for the agency, which it calls the National Cyber Crimes Investigation Agency.',
        },
        { source: 'a004', stance: 'CONFIRMS', note: 'Quotes the Pakistani press release: Pakistan wants Chinese institutions to help the agency.' },
      ],
    },
    {
      externalId: 'pk-cn/beijing/rapid-response',
      title: 'Stronger joint rapid-response mechanism against terrorism and crime',
      description: 'Both sides will make their joint mechanism for responding quickly to terrorism and crime more effective.',
      engagement: 'beijing',
      kind: 'AGREEMENT',
      parties: [...BOTH_AGREED],
      schedule: { kind: 'once', followUpTitle: 'Joint rapid-response mechanism strengthened', dueDate: null },
      citations: [
        { source: 'a000', stance: 'CONFIRMS', note: null },
        { source: 'a001', stance: 'CONFIRMS', note: null },
        { source: 'a002', stance: 'CONFIRMS', note: 'Lists developing a joint rapid-response system among the agreements.' },
        { source: 'a004', stance: 'CONFIRMS', note: 'Speaks of developing a joint and rapid response system, citing the Pakistani press release.' },
      ],
    },
    {
      externalId: 'pk-cn/beijing/police-training',
      title: 'Expanded police training and exchange programmes',
      description:
        'A joint approach to training police and security personnel and raising their professional skills, with ' +
        'wider training and exchange programmes to improve operational coordination.',
      engagement: 'beijing',
      kind: 'AGREEMENT',
      parties: [...BOTH_AGREED],
      schedule: { kind: 'once', followUpTitle: 'Expanded police training and exchanges under way', dueDate: null },
      citations: [
        { source: 'a000', stance: 'CONFIRMS', note: null },
        { source: 'a001', stance: 'OMITS', note: 'Reports a joint strategy for police training only as one of the topics discussed, not as agreed.' },
        { source: 'a002', stance: 'CONFIRMS', note: null },
        { source: 'a004', stance: 'CONFIRMS', note: 'Reports agreement on a joint training strategy and on expanding training programmes.' },
      ],
    },
    {
      externalId: 'pk-cn/beijing/information-exchange',
      title: 'Information exchange between police and other institutions',
      description:
        'The two countries\' police and other institutions will keep exchanging information. Only 004 reports this as ' +
        'agreed; 000 and 001 report only Naqvi stressing the value of sharing information.',
      engagement: 'beijing',
      kind: 'AGREEMENT',
      parties: [...BOTH_AGREED],
      schedule: { kind: 'once', followUpTitle: 'Police information exchange in place', dueDate: null },
      citations: [
        { source: 'a004', stance: 'CONFIRMS', note: 'Both ministers vowed to keep information flowing, citing the Pakistani press release.' },
        { source: 'a000', stance: 'OMITS', note: 'Reports only that Naqvi stressed information-sharing programmes; no agreement.' },
        { source: 'a001', stance: 'OMITS', note: 'Reports only that Naqvi stressed information exchange through training; no agreement.' },
        { source: 'a002', stance: 'OMITS', note: null },
      ],
    },
    {
      externalId: 'pk-cn/beijing/security-cooperation',
      title: 'Deeper cooperation on personnel, project and institutional security and law-enforcement capacity',
      description:
        'Both sides will work more closely on the security of people, projects and institutions, build ' +
        'law-enforcement capacity and tackle risks together.',
      engagement: 'beijing',
      kind: 'AGREEMENT',
      parties: [...BOTH_AGREED],
      schedule: { kind: 'once', followUpTitle: 'Security and capacity-building cooperation deepened', dueDate: null },
      citations: [
        {
          source: 'a000', stance: 'CONFIRMS',
          note: 'Credits capacity building and shared risks to both ministries\' statements, and all of it, the security of people, projects and institutions included, to Chinese media.',
        },
        { source: 'a004', stance: 'CONFIRMS', note: 'Reports it as China\'s stated willingness, right after its Xinhua quote.' },
        {
          source: 'xinhua', stance: 'CONFIRMS',
          note: 'Second-hand: 004 gives it as Wang\'s words just after quoting Xinhua; 000 credits it to Chinese media without naming one.',
        },
        { source: 'a001', stance: 'OMITS', note: 'Speaks only of stronger bilateral cooperation in general.' },
        { source: 'a002', stance: 'OMITS', note: 'Speaks only in general of a shared commitment to protecting foreign nationals.' },
      ],
    },
    // China's own statement, not a joint one: Wang said China stands ready, working with
    // Pakistan, to act. China would act, so it is the OBLIGOR; Pakistan is the party it is offered to.
    {
      externalId: 'pk-cn/beijing/china-crackdown-readiness',
      title: 'China ready to work with Pakistan against terrorism and telecom and online fraud',
      description:
        'Wang Xiaohong said China would join Pakistan in cracking down on terrorism and on telecommunications and ' +
        'online fraud, in carrying out what the two countries\' leaders had agreed, and in keeping both countries ' +
        'secure and stable.',
      engagement: 'beijing',
      kind: 'PLEDGE',
      parties: [{ party: 'CN', role: 'OBLIGOR' }, { party: 'PK', role: 'BENEFICIARY' }],
      schedule: { kind: 'once', followUpTitle: 'Joint action against terrorism and telecom and online fraud under way', dueDate: null },
      citations: [
        { source: 'a000', stance: 'CONFIRMS', note: 'Gives it as Wang\'s words, without naming a source.' },
        { source: 'a004', stance: 'CONFIRMS', note: 'Attributes it to Xinhua.' },
        { source: 'xinhua', stance: 'CONFIRMS', note: 'Second-hand: relayed by PTI (004).' },
        { source: 'a001', stance: 'OMITS', note: 'Says only that Wang restated China\'s readiness for closer cooperation at all levels.' },
        { source: 'a002', stance: 'OMITS', note: null },
      ],
    },
    {
      externalId: 'pk-cn/beijing/pakistan-further-safety-measures',
      title: 'Further Pakistani measures for the safety of Chinese personnel, projects and institutions',
      description:
        'Naqvi restated that Pakistan will strengthen its security and law-enforcement cooperation with China, ' +
        'including more steps to keep Chinese personnel, projects and institutions in Pakistan safe. No date is ' +
        'given and no particular step named.',
      engagement: 'beijing',
      kind: 'PLEDGE',
      parties: [{ party: 'PK', role: 'OBLIGOR' }, { party: 'CN', role: 'BENEFICIARY' }],
      schedule: { kind: 'once', followUpTitle: 'Further safety measures for Chinese personnel and projects in place', dueDate: null },
      citations: [
        { source: 'a000', stance: 'CONFIRMS', note: null },
        { source: 'a001', stance: 'OMITS', note: 'Reports the measures Pakistan has already taken and the unit being set up, but no further ones promised.' },
        { source: 'a002', stance: 'OMITS', note: null },
        { source: 'a004', stance: 'OMITS', note: 'Reports the measures being taken, but no further ones promised.' },
      ],
    },
    // The articles give only the month ("this September" in reports dated 7 January 2026). The
    // follow-up is due on the last day of that month: the invitation is for September, and the
    // tracker needs a date to say when it has passed. The forum's own dates are not known.
    {
      externalId: 'pk-cn/beijing/forum-invitation',
      title: 'Invitation to Naqvi to the Global Security Cooperation Forum in China, September 2026',
      description:
        'Wang Xiaohong invited Naqvi to the forum, which China holds in September 2026. No article reports that Naqvi ' +
        'accepted. The reports name only the month, so the follow-up is due by 30 September 2026.',
      engagement: 'beijing',
      kind: 'INVITATION',
      parties: [{ party: 'PK', role: 'OBLIGOR' }, { party: 'CN', role: 'HOST' }],
      schedule: { kind: 'once', followUpTitle: 'Naqvi at the forum in September 2026, should he accept', dueDate: '2026-09-30' },
      citations: [
        { source: 'a000', stance: 'CONFIRMS', note: null },
        { source: 'a001', stance: 'CONFIRMS', note: null },
        {
          source: 'a002', stance: 'CONFIRMS',
          note: 'Lists taking part in the forum among official visits both sides agreed to facilitate; says nothing of who invited whom, or of an acceptance.',
        },
        { source: 'a004', stance: 'CONFIRMS', note: null },
      ],
    },
    {
      externalId: 'pk-cn/beijing/wang-visit-invitation',
      title: 'Invitation to Wang Xiaohong to visit Pakistan',
      description: 'Naqvi invited China\'s minister of public security to Pakistan. No acceptance and no date are reported.',
      engagement: 'beijing',
      kind: 'INVITATION',
      parties: [{ party: 'CN', role: 'OBLIGOR' }, { party: 'PK', role: 'HOST' }],
      schedule: { kind: 'once', followUpTitle: 'Wang Xiaohong in Pakistan, should he accept', dueDate: null },
      citations: [
        { source: 'a000', stance: 'CONFIRMS', note: null },
        { source: 'a001', stance: 'CONFIRMS', note: null },
        { source: 'a004', stance: 'CONFIRMS', note: null },
        { source: 'a002', stance: 'OMITS', note: 'Mentions official visits only in general.' },
      ],
    },

    // ---- The meeting with Chen Mingguo's delegation (003 only) --------------------------------
    {
      externalId: 'pk-cn/chen/joint-exercises',
      title: 'Joint police and paramilitary exercises in Gilgit-Baltistan or Xinjiang',
      description: 'The two countries agreed to hold joint exercises of police and paramilitary forces, in one of the two regions.',
      engagement: 'chenMingguo',
      kind: 'AGREEMENT',
      parties: [...BOTH_AGREED],
      schedule: { kind: 'once', followUpTitle: 'Joint police and paramilitary exercise held', dueDate: null },
      citations: [{ source: 'a003', stance: 'CONFIRMS', note: null }],
    },
    {
      externalId: 'pk-cn/chen/gilgit-baltistan-police-training',
      title: 'Training of Gilgit-Baltistan police at the Xinjiang Police Academy',
      description:
        'The two countries agreed that officers of the Gilgit-Baltistan police will receive specialised training at ' +
        'the Xinjiang Police Academy.',
      engagement: 'chenMingguo',
      kind: 'AGREEMENT',
      parties: [...BOTH_AGREED],
      schedule: { kind: 'once', followUpTitle: 'Gilgit-Baltistan police officers trained in Xinjiang', dueDate: null },
      citations: [{ source: 'a003', stance: 'CONFIRMS', note: null }],
    },
    {
      externalId: 'pk-cn/chen/xinjiang-visit-invitation',
      title: 'Invitation to Mohsin Naqvi to visit Xinjiang',
      description: 'Chen Mingguo invited Naqvi to Xinjiang to strengthen ties on security. No acceptance and no date are reported.',
      engagement: 'chenMingguo',
      kind: 'INVITATION',
      parties: [{ party: 'PK', role: 'OBLIGOR' }, { party: 'CN', role: 'HOST' }],
      schedule: { kind: 'once', followUpTitle: 'Naqvi in Xinjiang, should he accept', dueDate: null },
      citations: [{ source: 'a003', stance: 'CONFIRMS', note: null }],
    },
    {
      externalId: 'pk-cn/chen/counter-terrorism-strategy',
      title: 'Comprehensive strategy against terrorism',
      description: 'The meeting with Chen Mingguo ended with both sides committed to a comprehensive strategy for countering terrorism.',
      engagement: 'chenMingguo',
      kind: 'AGREEMENT',
      parties: [...BOTH_AGREED],
      schedule: { kind: 'once', followUpTitle: 'Comprehensive counter-terrorism strategy drawn up', dueDate: null },
      citations: [{ source: 'a003', stance: 'CONFIRMS', note: null }],
    },
  ],
};
