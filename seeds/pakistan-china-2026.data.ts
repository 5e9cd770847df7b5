import type { SeedDataset } from './seed-dataset';

/**
 * Pakistan–China security talks of January 2026, as reported by five news articles (kept outside
 * the project; the comments below number them 000–004). Everything here is restated in our own
 * words. Where the articles are silent — a URL, an outlet, a date, a place — the value is null.
 *
 *   000  "Special unit in Islamabad to protect Chinese citizens" (no outlet, no date line)
 *   001  untitled report dated 2026-01-07 (no outlet named)
 *   002  "Dedicated Security Unit for Chinese Nationals" (no outlet, no date)
 *   003  "China Trains Pakistan Police in Counterterrorism" (no outlet, no date)
 *   004  PTI wire report dated 2026-01-07 ("Beijing/Islamabad, Jan 7 (PTI)")
 *
 * The Beijing meeting was on Wednesday 7 January 2026: 001 and 004 carry that date and, like 000,
 * say "on Wednesday". No article says when or where Naqvi met Chen Mingguo.
 *
 * Left out on purpose, because the articles report them as remarks or talk rather than anything
 * promised: sister-city ties between Islamabad and Beijing (001: only "discussed"), the usefulness
 * of Chinese AI technology, China's stated readiness to fight telecom and online fraud, and
 * China's plan to train 3,000 foreign police officers (003: announced at a separate conference).
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

export const pakistanChina2026: SeedDataset<Party, Institution, Person, Engagement, Source> = {
  parties: {
    PK: { name: 'Pakistan' },
    CN: { name: 'China' },
  },

  institutions: {
    pkInterior: { party: 'PK', name: 'Ministry of Interior', acronym: null },
    nccia: { party: 'PK', name: 'National Cyber Crime Investigation Agency', acronym: 'NCCIA' },
    nationalPoliceAcademy: { party: 'PK', name: 'National Police Academy', acronym: null },
    islamabadPolice: { party: 'PK', name: 'Islamabad Police', acronym: null },
    mps: { party: 'CN', name: 'Ministry of Public Security', acronym: 'MPS' },
    beijingPsb: { party: 'CN', name: 'Beijing Public Security Bureau', acronym: null },
    // Its vice president, not named, was in Chen Mingguo's delegation (003).
    xinjiangPoliceAcademy: { party: 'CN', name: 'Xinjiang Police Academy', acronym: null },
  },

  // Titles as the articles give them; where they differ in wording, the fuller one. An
  // institution is set only where the title itself names it.
  people: {
    naqvi: { party: 'PK', name: 'Mohsin Naqvi', institution: 'pkInterior', title: 'Federal Interior Minister' },
    // 000/001 spell him Khurram Agha; 003 names Pakistan's Interior Secretary "Khuram Ali Agha".
    // The same office in the same weeks: one person, recorded under the Beijing reports' spelling.
    agha: { party: 'PK', name: 'Khurram Agha', institution: 'pkInterior', title: 'Federal Interior Secretary' },
    hashmi: { party: 'PK', name: 'Khalil Hashmi', institution: null, title: 'Ambassador of Pakistan to China' },
    idrees: { party: 'PK', name: 'Muhammad Idrees', institution: 'nationalPoliceAcademy', title: 'Director General, National Police Academy' },
    khurramAli: { party: 'PK', name: 'Syed Khurram Ali', institution: 'nccia', title: 'Director General, National Cyber Crime Investigation Agency' },
    randhawa: { party: 'PK', name: 'Muhammad Ali Randhawa', institution: null, title: 'Chief Commissioner, Islamabad' },
    rizvi: { party: 'PK', name: 'Ali Nasir Rizvi', institution: 'islamabadPolice', title: 'Inspector General, Islamabad Police' },
    waqas: { party: 'PK', name: 'Waqas Ali Mahmood', institution: 'pkInterior', title: 'Special Secretary, Interior' },
    // 003 calls him only "Additional Secretary", without saying of which ministry.
    buzdar: { party: 'PK', name: 'Nazar Muhammad Buzdar', institution: null, title: 'Additional Secretary' },
    wangXiaohong: { party: 'CN', name: 'Wang Xiaohong', institution: 'mps', title: 'Minister of Public Security' },
    xuDatong: { party: 'CN', name: 'Xu Datong', institution: 'mps', title: 'Vice Minister of Public Security' },
    yuXiuhe: { party: 'CN', name: 'Yu Xiuhe', institution: 'mps', title: 'Vice Minister of Public Security' },
    cenYuanbiao: {
      party: 'CN', name: 'Cen Yuanbiao', institution: 'beijingPsb',
      title: 'Deputy Mayor of Beijing and Director General, Beijing Public Security Bureau',
    },
    guoKan: { party: 'CN', name: 'Guo Kan', institution: 'mps', title: 'Director General, General Office, Ministry of Public Security' },
    gaoQiu: { party: 'CN', name: 'Gao Qiu', institution: 'mps', title: 'Director General, Counter-Terrorism Department' },
    wangYong: { party: 'CN', name: 'Wang Yong', institution: 'mps', title: 'Director General, International Cooperation Department' },
    // 003's styling; the article names no body for him, so none is recorded.
    chenMingguo: { party: 'CN', name: 'Chen Mingguo', institution: null, title: 'Minister of Political and Legal Affairs' },
  },

  engagements: {
    beijing: {
      title: 'Naqvi–Wang Xiaohong security talks in Beijing',
      heldOn: BEIJING_MEETING_DAY,
      location: 'Ministry of Public Security headquarters, Beijing',
      summary:
        'Pakistan\'s interior minister and China\'s minister of public security spent about three and a half hours on ' +
        'counter-terrorism, police training, institutional coordination and the safety of Chinese nationals and ' +
        'projects in Pakistan. Both ministries issued statements afterwards. Sister-city links between ' +
        'Islamabad and Beijing came up but nothing was reported as agreed on them.',
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
    },
    chenMingguo: {
      title: 'Naqvi meeting with Chen Mingguo\'s delegation on counter-terrorism and border security',
      heldOn: null,
      location: null,
      summary:
        'Talks with a Chinese delegation that included senior officials from Xinjiang (among them, unnamed, the deputy ' +
        'secretary of the committee for parliamentary and legal affairs, the executive director general of police and ' +
        'a vice president of the Xinjiang Police Academy) on counter-terrorism, security along the 600 km Pakistan–Xinjiang ' +
        'border that the economic corridor crosses, and drug smuggling and trafficking. The report gives no date or place.',
      participants: [
        { person: 'naqvi', role: 'Led the Pakistani side' },
        { person: 'chenMingguo', role: 'Led the Chinese delegation' },
        { person: 'agha', role: 'Pakistani side (spelled Khuram Ali Agha in the report)' },
        { person: 'waqas', role: 'Pakistani side' },
        { person: 'buzdar', role: 'Pakistani side' },
      ],
    },
  },

  // No article gives its URL, so every url is null. An outlet is recorded only when the article
  // names one (004's "(PTI)" credit); a headline is kept where the article has one, otherwise the
  // title describes the report in our words.
  sources: {
    a000: { title: 'Special unit in Islamabad to protect Chinese citizens', outlet: null, url: null, publishedOn: null, kind: null },
    a001: {
      title: 'Naqvi tells Wang Xiaohong a protection unit for Chinese citizens is being formed in Islamabad',
      outlet: null, url: null, publishedOn: '2026-01-07', kind: null,
    },
    a002: { title: 'Dedicated Security Unit for Chinese Nationals', outlet: null, url: null, publishedOn: null, kind: null },
    a003: { title: 'China Trains Pakistan Police in Counterterrorism', outlet: null, url: null, publishedOn: null, kind: null },
    a004: {
      title: 'Pakistan sets up a Special Protection Unit to secure Chinese CPEC workers',
      outlet: 'PTI', url: null, publishedOn: '2026-01-07', kind: null,
    },
    // Xinhua's own account of the meeting is known to us only through 004, which relays part of it
    // and says China's official media left the SPU out. Recording it as a source of its own lets
    // that omission be an OMITS citation (the contract's meaning: "covers the meeting but leaves
    // the commitment out") without pretending we have read it: no URL, no date, and every citation
    // of it says it is second-hand. 004 itself stays a CONFIRMS source for the SPU.
    xinhua: {
      title: 'Xinhua report on the Naqvi–Wang Xiaohong meeting (known through PTI)',
      outlet: 'Xinhua', url: null, publishedOn: null, kind: null,
    },
  },

  commitments: [
    {
      title: 'Quarterly Joint Working Group meeting',
      description:
        'Pakistan and China will convene their joint working group on internal security once every quarter. Counted ' +
        'from the 7 January 2026 meeting where it was agreed, so the first is due on 7 April 2026.',
      engagement: 'beijing',
      parties: ['PK', 'CN'],
      schedule: { kind: 'recurring', rule: 'FREQ=MONTHLY;INTERVAL=3', countedFrom: BEIJING_MEETING_DAY },
      citations: [
        { source: 'a000', stance: 'CONFIRMS', note: null },
        { source: 'a001', stance: 'CONFIRMS', note: 'Names it the joint working group on internal security.' },
        { source: 'a002', stance: 'CONFIRMS', note: null },
        { source: 'a004', stance: 'CONFIRMS', note: null },
      ],
    },
    {
      title: 'Annual interior ministers\' meeting',
      description:
        'The ministers in charge of internal security meet once a year to take stock of progress and set the next ' +
        'steps. Counted from the 7 January 2026 meeting, so the first is due on 7 January 2027.',
      engagement: 'beijing',
      parties: ['PK', 'CN'],
      schedule: { kind: 'recurring', rule: 'FREQ=YEARLY', countedFrom: BEIJING_MEETING_DAY },
      citations: [
        { source: 'a000', stance: 'CONFIRMS', note: null },
        { source: 'a001', stance: 'CONFIRMS', note: null },
        { source: 'a002', stance: 'CONFIRMS', note: 'Calls it an annual ministerial-level meeting.' },
        { source: 'a004', stance: 'CONFIRMS', note: 'Calls it a ministerial-level meeting held once a year.' },
      ],
    },
    {
      title: 'Special Protection Unit in Islamabad to guard Chinese nationals',
      description:
        'Pakistan is setting up a dedicated unit in Islamabad to guard Chinese citizens and joint projects. No ' +
        'completion date was given.',
      engagement: 'beijing',
      parties: ['PK'],
      schedule: { kind: 'once', followUpTitle: 'Special Protection Unit operating in Islamabad', dueDate: null },
      citations: [
        { source: 'a000', stance: 'CONFIRMS', note: null },
        { source: 'a001', stance: 'CONFIRMS', note: null },
        { source: 'a002', stance: 'CONFIRMS', note: 'Adds what the unit is expected to do; those expectations are not attributed to either government.' },
        {
          source: 'a004', stance: 'CONFIRMS',
          note: 'Also reports that China\'s official media left the unit out of their account, and that it is unclear whether Chinese security personnel would serve in it.',
        },
        {
          source: 'xinhua', stance: 'OMITS',
          note: 'Second-hand: according to PTI, the account of the meeting in Chinese state media left the unit out.',
        },
      ],
    },
    {
      title: 'Chinese institutional support to strengthen the NCCIA',
      description:
        'Pakistan intends to draw on help from Chinese institutions to build up its National Cyber Crime ' +
        'Investigation Agency, and welcomed cooperation with China against cybercrime. The reports record this as ' +
        'Pakistan\'s request and intention; none reports a specific Chinese pledge.',
      engagement: 'beijing',
      parties: ['PK', 'CN'],
      schedule: { kind: 'once', followUpTitle: 'Chinese support to the NCCIA under way', dueDate: null },
      citations: [
        { source: 'a000', stance: 'CONFIRMS', note: null },
        { source: 'a001', stance: 'CONFIRMS', note: null },
        { source: 'a002', stance: 'CONFIRMS', note: 'Frames it as using Chinese AI technology for the agency.' },
        { source: 'a004', stance: 'CONFIRMS', note: null },
      ],
    },
    {
      title: 'Stronger joint rapid-response mechanism against terrorism and crime',
      description: 'Both sides will make their joint mechanism for responding quickly to terrorism and crime more effective.',
      engagement: 'beijing',
      parties: ['PK', 'CN'],
      schedule: { kind: 'once', followUpTitle: 'Joint rapid-response mechanism strengthened', dueDate: null },
      citations: [
        { source: 'a000', stance: 'CONFIRMS', note: null },
        { source: 'a001', stance: 'CONFIRMS', note: null },
        { source: 'a002', stance: 'CONFIRMS', note: null },
        { source: 'a004', stance: 'CONFIRMS', note: 'Speaks of building a joint and rapid response system.' },
      ],
    },
    {
      title: 'Expanded police training and exchange programmes',
      description:
        'A joint approach to training police and security personnel and raising their professional skills, with ' +
        'wider training and exchange programmes to improve operational coordination.',
      engagement: 'beijing',
      parties: ['PK', 'CN'],
      schedule: { kind: 'once', followUpTitle: 'Expanded police training and exchanges under way', dueDate: null },
      citations: [
        { source: 'a000', stance: 'CONFIRMS', note: null },
        { source: 'a001', stance: 'CONFIRMS', note: 'Reports the joint training strategy as discussed rather than agreed.' },
        { source: 'a002', stance: 'CONFIRMS', note: null },
        { source: 'a004', stance: 'CONFIRMS', note: null },
      ],
    },
    {
      title: 'Information exchange between police and other institutions',
      description: 'The two countries\' police and other institutions will keep exchanging information.',
      engagement: 'beijing',
      parties: ['PK', 'CN'],
      schedule: { kind: 'once', followUpTitle: 'Police information exchange in place', dueDate: null },
      citations: [
        { source: 'a004', stance: 'CONFIRMS', note: 'Reports it as something both ministers vowed, citing the Pakistani press release.' },
        { source: 'a000', stance: 'CONFIRMS', note: 'Reports only that Naqvi stressed information-sharing programmes.' },
        { source: 'a001', stance: 'CONFIRMS', note: 'Reports only that Naqvi stressed information exchange through training programmes.' },
      ],
    },
    {
      title: 'Deeper cooperation on personnel, project and institutional security and law-enforcement capacity',
      description:
        'Both sides will work more closely on the security of people, projects and institutions, build ' +
        'law-enforcement capacity and tackle risks together.',
      engagement: 'beijing',
      parties: ['PK', 'CN'],
      schedule: { kind: 'once', followUpTitle: 'Security and capacity-building cooperation deepened', dueDate: null },
      citations: [
        { source: 'a000', stance: 'CONFIRMS', note: 'Attributes it to the two ministries\' statements and to Chinese media.' },
        { source: 'a004', stance: 'CONFIRMS', note: 'Reports it as China\'s stated willingness, quoting Xinhua.' },
        { source: 'xinhua', stance: 'CONFIRMS', note: 'Second-hand: known only as relayed by the PTI report.' },
      ],
    },
    // The articles give only the month ("this September", in reports dated January 2026). The
    // follow-up is due on the last day of that month: attending at any point in September keeps
    // the promise, and the tracker needs a date to say when it would be late. The forum's own
    // dates are not known.
    {
      title: 'Naqvi to attend the Global Security Cooperation Forum in China, September 2026',
      description:
        'Wang Xiaohong invited Naqvi to the forum, which China hosts in September 2026. The reports name only the ' +
        'month, so the follow-up is due by 30 September 2026.',
      engagement: 'beijing',
      parties: ['PK', 'CN'],
      schedule: { kind: 'once', followUpTitle: 'Naqvi attends the Global Security Cooperation Forum', dueDate: '2026-09-30' },
      citations: [
        { source: 'a000', stance: 'CONFIRMS', note: null },
        { source: 'a001', stance: 'CONFIRMS', note: null },
        { source: 'a002', stance: 'CONFIRMS', note: 'Lists it among agreed official visits.' },
        { source: 'a004', stance: 'CONFIRMS', note: null },
      ],
    },
    {
      title: 'Visit to Pakistan by Wang Xiaohong',
      description: 'Naqvi invited China\'s minister of public security to Pakistan. No acceptance or date is reported.',
      engagement: 'beijing',
      parties: ['PK', 'CN'],
      schedule: { kind: 'once', followUpTitle: 'Wang Xiaohong visits Pakistan', dueDate: null },
      citations: [
        { source: 'a000', stance: 'CONFIRMS', note: null },
        { source: 'a001', stance: 'CONFIRMS', note: null },
        { source: 'a004', stance: 'CONFIRMS', note: null },
      ],
    },
    {
      title: 'Joint police and paramilitary exercises in Gilgit-Baltistan or Xinjiang',
      description: 'The two countries agreed to hold joint exercises of police and paramilitary forces, in one of the two regions.',
      engagement: 'chenMingguo',
      parties: ['PK', 'CN'],
      schedule: { kind: 'once', followUpTitle: 'Joint police and paramilitary exercise held', dueDate: null },
      citations: [{ source: 'a003', stance: 'CONFIRMS', note: null }],
    },
    {
      title: 'Training of Gilgit-Baltistan police at the Xinjiang Police Academy',
      description: 'Officers of the Gilgit-Baltistan police will receive specialised training at the Xinjiang Police Academy.',
      engagement: 'chenMingguo',
      parties: ['PK', 'CN'],
      schedule: { kind: 'once', followUpTitle: 'Gilgit-Baltistan police officers trained in Xinjiang', dueDate: null },
      citations: [{ source: 'a003', stance: 'CONFIRMS', note: null }],
    },
    {
      title: 'Visit to Xinjiang by Mohsin Naqvi',
      description: 'Chen Mingguo invited Naqvi to Xinjiang to strengthen ties on security. No date is reported.',
      engagement: 'chenMingguo',
      parties: ['PK', 'CN'],
      schedule: { kind: 'once', followUpTitle: 'Naqvi visits Xinjiang', dueDate: null },
      citations: [{ source: 'a003', stance: 'CONFIRMS', note: null }],
    },
    {
      title: 'Comprehensive strategy against terrorism',
      description: 'The meeting with Chen Mingguo ended with both sides committed to a comprehensive strategy for countering terrorism.',
      engagement: 'chenMingguo',
      parties: ['PK', 'CN'],
      schedule: { kind: 'once', followUpTitle: 'Comprehensive counter-terrorism strategy drawn up', dueDate: null },
      citations: [{ source: 'a003', stance: 'CONFIRMS', note: null }],
    },
  ],
};
