/**
 * A synthetic Annex A workbook in the published template: the template's sheets, headers in its order
 * and spelling, and values written the ways councils' exports write them (Excel date cells and dates as
 * text, decimal ages, codes with and without their letter prefix, Y/N in several spellings, "#N/A" and
 * "Not recorded", title rows above the header, blank rows at the end). Invented children, consistent
 * across the lists, and a documented set of deliberate defects for the data-quality report to find.
 * Everything is drawn from a seeded pseudo-random generator: the same options give the same workbook.
 */
import { addDays } from '../../lib/dates.js';
import { addMonths } from '../../lib/annex-a/indicators.js';
import type { TemplateVersion } from '../../lib/annex-a/spec.js';
import { decimalYears } from '../../lib/annex-a/values.js';
import {
  rng,
  type Cell,
  dateIn,
  GENDERS,
  GENDERS_BARE,
  ETHNICITIES,
  SOURCES,
  NEEDS,
  CATEGORIES,
  LEGAL,
  PLACEMENTS,
  PROVIDERS,
  OTHER_LAS,
  PERMANENCE,
  ELIGIBILITY,
  IN_TOUCH,
  ACCOMMODATION,
  ACTIVITY_2020,
  ACTIVITY_2024,
  type Sheet,
  sheetFor,
} from './generator-values.js';

export interface GeneratorOptions {
  children: number;
  referenceDate: string;
  seed?: number;
  /** Include the deliberate defects (default true). */
  defects?: boolean;
  /** The template revision to write (default the later one, 2024). */
  template?: TemplateVersion;
}

/** The defects the generator plants, so tests and people know what the quality report should find. */
export const GENERATOR_DEFECTS = [
  'List 1 has two title rows above the header row; every list ends with blank rows',
  'List 1 repeats one contact row exactly (a duplicate row)',
  'List 4: about 1 in 200 assessments is authorised before it started',
  'List 6 has an extra "Local notes" column (ignored, never stored) and about 1 in 300 "Date Child Was Last Seen" values that are not dates ("TBC", "31/02/2024")',
  'Lists 6 to 8: about 3 in 100 open cases have no allocated worker, some written "#N/A" (a spreadsheet lookup that found nothing)',
  'List 7: about 1 in 50 children on a plan are missing from List 6 (children in need)',
  'List 8: about 1 in 100 children in care have no placement type',
  'List 3: about 1 in 500 referral dates fall after the reference date',
];

/** Build the lists in memory (rows of cell values), ready to write. */
export function generateSheets(options: GeneratorOptions): Sheet[] {
  const rand = rng(options.seed ?? 20240601);
  const defects = options.defects ?? true;
  const template = options.template ?? '2024';
  const ref = options.referenceDate;
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const chance = (p: number) => rand() < p;
  const dateBefore = (maxDays: number, minDays = 0) =>
    addDays(ref, -(minDays + Math.floor(rand() * (maxDays - minDays))));
  /** A later event that has not happened yet by the reference date is not in the export. */
  const byRef = (iso: string) => (iso <= ref ? iso : null);
  const atMostRef = (iso: string) => (iso <= ref ? iso : ref);
  /** A day from `from` (inclusive) up to the reference date. */
  const between = (from: string) =>
    atMostRef(addDays(from, Math.floor(rand() * Math.max(1, (Date.parse(ref) - Date.parse(from)) / 86_400_000))));
  const teams = {
    front: ['Assessment Team A', 'Assessment Team B', 'Assessment Team C'],
    fs: ['Family Support North', 'Family Support South'],
    cp: ['Child Protection East', 'Child Protection West'],
    cla: ['Children in Care 1', 'Children in Care 2'],
    cl: ['Leaving Care'],
  };
  const workerCount = Math.max(4, Math.round(options.children / 60));
  const workers = new Map<string, string[]>();
  let w = 0;
  for (const ts of Object.values(teams))
    for (const t of ts)
      workers.set(
        t,
        Array.from({ length: Math.max(2, Math.round(workerCount / 11)) }, () => `SW${String(++w).padStart(4, '0')}`),
      );
  const workerIn = (team: string) => pick(workers.get(team)!);
  /** An allocated worker, or (about 3 in 100, with the defects) none: blank, or "#N/A" left by a lookup. */
  const allocated = (team: string): Cell => (defects && chance(0.03) ? pick([null, '#N/A']) : workerIn(team));
  const yn = (b: boolean, style: 'prefixed' | 'word' | 'letter' | 'lower') =>
    style === 'prefixed'
      ? b
        ? 'a) Yes'
        : 'b) No'
      : style === 'word'
        ? b
          ? 'Yes'
          : 'No'
        : style === 'letter'
          ? b
            ? 'Y'
            : 'N'
          : b
            ? 'y'
            : 'n';

  const l1 = sheetFor(1, 'List 1', template);
  l1.sheet.preamble = [
    ['Annex A – List 1: Contacts (synthetic data for testing)'],
    ['All contacts received in the six months before the date of inspection'],
  ];
  const l2 = sheetFor(2, 'List 2', template);
  const l3 = sheetFor(3, 'List 3', template);
  const l4 = sheetFor(4, 'List 4', template);
  const l5 = sheetFor(5, 'List 5', template);
  const l6 = sheetFor(6, 'List 6', template, defects ? ['Local notes'] : []);
  const l7 = sheetFor(7, 'List 7', template);
  const l8 = sheetFor(8, 'List 8', template);
  const l9 = sheetFor(9, 'List 9', template);
  const l10 = sheetFor(10, 'List 10', template);
  const l11 = sheetFor(11, 'List 11', template);
  const activities = template === '2024' ? ACTIVITY_2024 : ACTIVITY_2020;

  for (let i = 1; i <= options.children; i++) {
    const id = 7_000_000 + i;
    const leaver = chance(0.03);
    const ageYears = leaver ? 16 + Math.floor(rand() * 9) : Math.floor(rand() * 18);
    const dob = addDays(addMonths(ref, -12 * ageYears), -Math.floor(rand() * 360));
    const age = Math.round(decimalYears(dob, ref) * 100) / 100;
    const gender = chance(0.9) ? pick(GENDERS) : pick(GENDERS_BARE);
    const ethnicity = chance(0.97) ? pick(ETHNICITIES) : 'Not recorded';
    const disabled = chance(0.08);
    const person = (list: number): Record<string, Cell> => ({
      childId: id,
      gender,
      ethnicity,
      birth: dateIn(list, dob),
      age,
      disability: list === 8 ? yn(disabled, 'letter') : yn(disabled, 'prefixed'),
    });
    if (leaver) {
      const t = 'Leaving Care';
      l9.push({
        ...person(9),
        uascFormer: yn(chance(0.05), 'letter'),
        team: t,
        // The later template names a personal adviser; then a worker is often not named as well.
        worker: template === '2020' || chance(0.4) ? workerIn(t) : null,
        personalAdviser: `PA${String(1 + Math.floor(rand() * 20)).padStart(3, '0')}`,
        eligibility: ageYears < 18 ? 'a) Relevant child' : pick(ELIGIBILITY.slice(1)),
        pathwayPlanDate: dateIn(9, dateBefore(180)),
        inTouch: chance(0.01) ? 'c) Died' : pick(IN_TOUCH),
        latestContactDate: dateIn(9, dateBefore(90)),
        accommodation: pick(ACCOMMODATION),
        accommodationSuitable: chance(0.04) ? null : chance(0.88) ? 'a) Suitable' : 'b) Unsuitable',
        activity: chance(0.05) ? 'Not recorded' : pick(activities),
      });
      continue;
    }
    const contacts = 1 + (chance(0.4) ? 1 : 0) + (chance(0.15) ? 1 : 0);
    let firstContact = ref;
    for (let c = 0; c < contacts; c++) {
      const d = dateBefore(182);
      if (d < firstContact) firstContact = d;
      const row = { ...person(1), contactDate: dateIn(1, d), contactSource: pick(SOURCES) };
      l1.push(row);
      if (defects && i === 7 && c === 0) l1.push(row);
    }
    if (chance(0.25)) {
      const start = dateBefore(180, 30);
      l2.push({
        ...person(2),
        ehStartDate: dateIn(2, start),
        ehCompletionDate: chance(0.7) ? dateIn(2, byRef(addDays(start, 10 + Math.floor(rand() * 40)))) : null,
        ehOrganisation: pick(['Local authority', 'School', 'Health visiting']),
      });
    }
    if (!chance(0.45)) continue;
    const front = pick(teams.front);
    let referral = firstContact;
    if (defects && chance(0.002)) referral = addDays(ref, 3);
    const previous = chance(0.2) ? 1 + Math.floor(rand() * 2) : 0;
    // The list's own (synthetic) source codes are written without the letter prefix on this list.
    l3.push({
      ...person(3),
      referralDate: dateIn(3, referral),
      referralSource: pick(SOURCES).replace(/^[a-z]\d?\)\s*/, ''),
      referralNfa: yn(chance(0.1), 'letter'),
      referrals12m: previous,
      team: front,
      worker: workerIn(front),
    });
    if (previous && chance(0.3))
      l3.push({
        ...person(3),
        referralDate: dateIn(3, addDays(referral, -60 - Math.floor(rand() * 100))),
        referralSource: 'q) 6: Police',
        referralNfa: 'N',
        referrals12m: previous - 1,
        team: front,
        worker: workerIn(front),
      });
    if (!chance(0.85)) continue;
    const aStart = atMostRef(addDays(atMostRef(referral), Math.floor(rand() * 3)));
    const open = chance(0.15);
    let aAuth: string | null = open ? null : addDays(aStart, 10 + Math.floor(rand() * 55));
    if (aAuth && aAuth > ref) aAuth = null;
    if (defects && aAuth && chance(0.005)) aAuth = addDays(aStart, -2);
    l4.push({
      ...person(4),
      assessmentStartDate: dateIn(4, aStart),
      childSeen: yn(chance(0.95), 'prefixed'),
      assessmentAuthorisedDate: dateIn(4, aAuth),
      assessmentNeedsSupport: aAuth ? yn(chance(0.6), 'prefixed') : null,
      team: front,
      worker: workerIn(front),
    });
    const cin = chance(0.6);
    const s47 = chance(0.2);
    let cp = false;
    if (s47) {
      const strategy = atMostRef(addDays(aStart, Math.floor(rand() * 5)));
      const icpc = chance(0.5) ? addDays(strategy, 8 + Math.floor(rand() * 20)) : null;
      const held = !!icpc && icpc <= ref;
      cp = held && chance(0.75);
      l5.push({
        ...person(5),
        strategyDate: dateIn(5, strategy),
        icpcUnnecessary: icpc ? 'b) No' : 'a) Yes',
        icpcDate: held ? dateIn(5, icpc) : null,
        icpcLedToPlan: held ? yn(cp, 'prefixed') : null,
        s47Count12m: chance(0.1) ? 1 : 0,
        icpcCount12m: 0,
        team: front,
        worker: workerIn(front),
      });
      if (cp) {
        const cpTeam = pick(teams.cp);
        const start = chance(0.1) ? dateBefore(1100, 730) : icpc!;
        const ended = chance(0.2);
        const cpWorker = allocated(cpTeam);
        l7.push({
          ...person(7),
          cppStartDate: dateIn(7, start),
          initialCategory: pick(CATEGORIES),
          latestCategory: pick(CATEGORIES),
          lastVisitDate: dateIn(7, start > dateBefore(20) ? start : dateBefore(20)),
          seenAlone: chance(0.05) ? 'c) Unknown' : yn(chance(0.8), 'prefixed'),
          reviewDate: dateIn(7, dateBefore(90)),
          cppEndDate: ended ? dateIn(7, between(start)) : null,
          epoLast6m: yn(chance(0.03), 'letter'),
          previousPlans: chance(0.22) ? 1 + Math.floor(rand() * 2) : 0,
          team: cpTeam,
          worker: cpWorker,
        });
        if (!(defects && chance(0.02))) {
          l6.push(
            {
              ...person(6),
              cinStartDate: dateIn(6, start),
              primaryNeed: 'N1 - Abuse or neglect',
              lastSeenDate: dateIn(6, dateBefore(25)),
              cinClosureDate: null,
              closureReason: null,
              caseStatus: 'b) Child Protection plan',
              team: cpTeam,
              worker: cpWorker,
            },
            defects ? ['synthetic note'] : [],
          );
        }
      }
    }
    if (cin && !cp) {
      const fsTeam = pick(teams.fs);
      const closed = chance(0.3);
      let lastSeen: Cell = dateIn(6, dateBefore(40));
      if (defects && chance(0.0035)) lastSeen = chance(0.5) ? 'TBC' : '31/02/2024';
      l6.push(
        {
          ...person(6),
          cinStartDate: dateIn(6, byRef(addDays(aStart, 1)) ?? aStart),
          primaryNeed: pick(NEEDS),
          lastSeenDate: lastSeen,
          cinClosureDate: closed ? dateIn(6, dateBefore(30)) : null,
          closureReason: closed ? 'RC8 - Case closed after assessment, no further action' : null,
          caseStatus: closed ? 'e) Closed episode' : 'c) Child in need plan',
          team: fsTeam,
          worker: closed ? workerIn(fsTeam) : allocated(fsTeam),
        },
        defects ? [i % 97 === 0 ? 'synthetic note' : null] : [],
      );
    }
    if (chance(0.12)) {
      const claTeam = pick(teams.cla);
      const start = dateBefore(2000, 20);
      const missing = chance(0.15) ? 1 + Math.floor(rand() * 4) : 0;
      const offered = missing ? chance(0.85) : false;
      const ceased = chance(0.1) ? between(start) : null;
      const out = chance(0.35);
      const claWorker = allocated(claTeam);
      l8.push({
        ...person(8),
        uasc: yn(chance(0.06), 'letter'),
        claStartDate: dateIn(8, start),
        categoryOfNeed: pick(NEEDS),
        secondPeriod12m: yn(chance(0.05), 'letter'),
        legalStatusStartDate: dateIn(8, start),
        legalStatus: pick(LEGAL),
        reviewDate: dateIn(8, dateBefore(180)),
        lastVisitDate: dateIn(8, dateBefore(chance(0.85) ? 40 : 90)),
        permanencePlan: pick(PERMANENCE),
        iroContactDate: dateIn(8, dateBefore(120)),
        healthAssessmentDate: chance(0.03) ? 'N/A' : dateIn(8, dateBefore(365)),
        dentalCheckDate: dateIn(8, dateBefore(365)),
        placements12m: chance(0.1) ? 3 + Math.floor(rand() * 2) : 1 + Math.floor(rand() * 2),
        claEndDate: dateIn(8, ceased),
        reasonCeased: ceased ? 'e) E4A: Returned home to live with parents or relatives - part of planning' : null,
        placementStartDate: dateIn(8, dateBefore(300)),
        placementType: defects && chance(0.01) ? null : pick(PLACEMENTS),
        placementProvider: pick(PROVIDERS),
        placementPostcode: `AV${1 + Math.floor(rand() * 9)} ${1 + Math.floor(rand() * 9)}XX`,
        placementUrn: chance(0.3) ? `SC${100000 + Math.floor(rand() * 800000)}` : null,
        placementLocation: chance(0.05) ? null : out ? 'b) Out' : 'a) In',
        placementLa: out ? pick(OTHER_LAS) : 'Ashdown Vale',
        missingEpisodes: missing,
        absentEpisodes: chance(0.1) ? 1 : 0,
        rhiOffered: missing ? (chance(0.05) ? 'c) Unknown' : yn(offered, 'letter')) : null,
        rhiAccepted: missing && offered ? yn(chance(0.7), 'letter') : null,
        team: claTeam,
        worker: claWorker,
      });
      l6.push(
        {
          ...person(6),
          cinStartDate: dateIn(6, start),
          primaryNeed: pick(NEEDS),
          lastSeenDate: dateIn(6, dateBefore(40)),
          cinClosureDate: dateIn(6, ceased),
          closureReason: null,
          caseStatus: 'a) Looked after child',
          team: claTeam,
          worker: claWorker,
        },
        defects ? [null] : [],
      );
      if (chance(0.08)) {
        const decision = addDays(start, 90 + Math.floor(rand() * 200));
        if (decision <= ref)
          l10.push({
            childId: id,
            familyId: chance(0.5) ? `FAM${i}` : null,
            gender,
            ethnicity,
            birth: dateIn(10, dob),
            age,
            disability: yn(disabled, 'prefixed'),
            enteredCareDate: dateIn(10, start),
            adoptionDecisionDate: dateIn(10, decision),
            placementOrderDate: dateIn(10, addDays(decision, 60) <= ref ? addDays(decision, 60) : null),
          });
      }
    }
  }
  for (let a = 1; a <= Math.max(2, Math.round(options.children / 200)); a++) {
    const enquiry = dateBefore(700, 30);
    l11.push({
      adopterId: `A${String(a).padStart(5, '0')}`,
      gender: pick(['a) Male', 'b) Female']),
      ethnicity: pick(ETHNICITIES),
      adopterDisability: 'b) No',
      fosteringForAdoption: 'No',
      enquiryDate: dateIn(11, enquiry),
      stage1StartDate: dateIn(11, byRef(addDays(enquiry, 20))),
      stage1EndDate: dateIn(11, byRef(addDays(enquiry, 80))),
      stage2StartDate: dateIn(11, byRef(addDays(enquiry, 90))),
    });
  }
  return [l1, l2, l3, l4, l5, l6, l7, l8, l9, l10, l11].map((s) => s.sheet);
}

// Writing the sheets out (xlsx, CSV) is in generator-write.ts; callers import it from here.
export { generateWorkbookBuffer, generateWorkbookFile, sheetsToCsv, writeWorkbook } from './generator-write.js';
