/** Annex A indicators: Care leavers (List 9), and unallocated cases and caseloads across Lists 6 to 9. */
import type { AnnexRecord } from './import-types.js';
import type { IndicatorDefinition, DrillRow } from './indicator-types.js';
import {
  shareIndicator,
  c,
  str,
  num,
  team,
  list,
  isEet,
  leavers19to21,
  countByTeam,
  openCases,
  round1,
  median,
} from './indicator-helpers.js';

/** What tells whether a child on Lists 6 to 8 is open at the reference date, and who holds the case. */
const OPEN_CASE_WORKERS = [
  c(6, 'cinStartDate'),
  c(6, 'cinClosureDate'),
  c(6, 'worker'),
  c(7, 'cppStartDate'),
  c(7, 'cppEndDate'),
  c(7, 'worker'),
  c(8, 'claStartDate'),
  c(8, 'claEndDate'),
  c(8, 'worker'),
];

export const LEAVERS_AND_CASELOADS: IndicatorDefinition[] = [
  shareIndicator({
    key: 'annex-a-care-leavers-in-touch',
    name: 'Care leavers in touch',
    unit: 'percent',
    polarity: 'higher-is-better',
    columns: [c(9, 'inTouch')],
    definition:
      'Of the care leavers on List 9, the percentage whose "LA in Touch" is Yes. Care leavers who have died (c) Died) are left out; "No", "Refu" (refused contact), "NREQ" (no longer requires services), "Rhom" (returned home) and blank count as not in touch.',
    rows: (ctx) =>
      list(ctx, 9)
        .filter((r) => str(r, 'inTouch') !== 'DIED')
        .map((r) => ({
          record: r,
          counted: str(r, 'inTouch') === 'YES',
          group: team(r),
          note: str(r, 'inTouch') ?? 'Not recorded',
        })),
  }),
  shareIndicator({
    key: 'annex-a-care-leavers-suitable-accommodation',
    name: 'Care leavers aged 19 to 21 in suitable accommodation',
    unit: 'percent',
    polarity: 'higher-is-better',
    columns: [c(9, 'accommodationSuitable')],
    oneOf: [[c(9, 'birth'), c(9, 'age')]],
    definition:
      'Of the care leavers on List 9 aged 19, 20 or 21 at the reference date (from "Date of Birth", or "Age of Child (Years)" where it is blank), the percentage whose "Suitability of Accommodation" is a) Suitable. Unsuitable and blank count as not suitable.',
    national: {
      measure: 'care-leavers-suitable-accommodation',
      differences:
        'DfE records each care leaver’s accommodation around their 19th, 20th or 21st birthday during the year ending 31 March; Waymark takes the care leavers aged 19 to 21 at the reference date as List 9 records them then. In both, accommodation not known counts as not suitable.',
    },
    rows: (ctx) =>
      leavers19to21(ctx).map((r) => ({
        record: r,
        counted: str(r, 'accommodationSuitable') === 'SUITABLE',
        group: team(r),
        note: `Aged ${num(r, 'ageAtRef')}`,
      })),
  }),
  shareIndicator({
    key: 'annex-a-care-leavers-eet',
    name: 'Care leavers aged 19 to 21 in education, employment or training',
    unit: 'percent',
    polarity: 'higher-is-better',
    columns: [c(9, 'activity')],
    oneOf: [[c(9, 'birth'), c(9, 'age')]],
    definition:
      'Of the care leavers on List 9 aged 19, 20 or 21 at the reference date, the percentage whose "Activity Status" is education, employment or training: the template’s codes beginning F (full time) or P (part time): higher or other education, training, employment or an apprenticeship. Codes beginning G (not in education, employment or training) and blanks are not.',
    national: {
      measure: 'care-leavers-eet',
      differences:
        'DfE records each care leaver’s activity around their 19th, 20th or 21st birthday during the year ending 31 March; Waymark takes the care leavers aged 19 to 21 at the reference date as List 9 records them then. In both, activity not known counts as not in education, employment or training.',
    },
    rows: (ctx) =>
      leavers19to21(ctx).map((r) => ({
        record: r,
        counted: isEet(str(r, 'activity')),
        group: team(r),
        note: str(r, 'activity') ?? 'No activity recorded',
      })),
  }),
  {
    key: 'annex-a-unallocated',
    name: 'Unallocated cases',
    unit: 'count',
    polarity: 'lower-is-better',
    columns: OPEN_CASE_WORKERS,
    oneOf: [[c(9, 'worker'), c(9, 'personalAdviser')]],
    definition:
      'Children with an open case at the reference date (an open child in need episode on List 6, an open child protection plan on List 7, in care on List 8, or a care leaver on List 9) where none of their open records names an "Allocated Worker" (or, for a care leaver, an "Allocated Personal Advisor"). Counted once per child, by the team on their first open record.',
    compute(ctx) {
      const rows: DrillRow[] = [];
      for (const records of openCases(ctx).values()) {
        const allocated = records.some((r) => r.worker);
        const first = records[0];
        rows.push({
          record: first,
          counted: !allocated,
          group: team(first),
          note: allocated ? undefined : 'No allocated worker',
        });
      }
      const counted = rows.filter((r) => r.counted);
      return {
        key: 'annex-a-unallocated',
        value: counted.length,
        numerator: counted.length,
        denominator: rows.length,
        breakdown: countByTeam(rows),
        rows: counted,
      };
    },
  },
  {
    key: 'annex-a-caseload',
    name: 'Average caseload per allocated worker',
    unit: 'ratio',
    polarity: 'lower-is-better',
    columns: OPEN_CASE_WORKERS,
    definition:
      'Distinct children with an open case at the reference date on Lists 6, 7 and 8 (children in need, on a plan, in care) allocated to each "Allocated Worker" (a child on several lists counts once per worker), averaged over the workers named (one decimal place). Care leavers are left out: their personal advisers hold a different kind of case. The breakdown gives each team’s workers, median and largest caseload.',
    national: {
      measure: 'csww-caseload',
      differences:
        'DfE (children’s social work workforce census, 30 September) divides the cases held by case-holding social workers by their full-time equivalent number; Waymark divides the children open at the reference date on Lists 6 to 8 by the workers named on them, counted by head. Part-time workers, and workers named who are not social workers, make Waymark’s figure differ.',
    },
    compute(ctx) {
      const perWorker = new Map<string, { team: string; children: Map<string, AnnexRecord> }>();
      for (const records of openCases(ctx, [6, 7, 8]).values()) {
        for (const r of records) {
          if (!r.worker) continue;
          const w = perWorker.get(r.worker) ?? { team: team(r), children: new Map() };
          if (!w.children.has(r.child)) w.children.set(r.child, r);
          perWorker.set(r.worker, w);
        }
      }
      const rows: DrillRow[] = [];
      const teams = new Map<string, number[]>();
      let total = 0;
      for (const [worker, w] of [...perWorker.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
        total += w.children.size;
        const t = teams.get(w.team) ?? [];
        t.push(w.children.size);
        teams.set(w.team, t);
        for (const r of w.children.values())
          rows.push({ record: r, counted: true, group: worker, note: `${w.children.size} children` });
      }
      const breakdown = [...teams.entries()]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([label, sizes]) => ({
          label,
          value: round1(sizes.reduce((a, b) => a + b, 0) / sizes.length),
          detail: `${sizes.length} workers; median ${median(sizes)}; largest ${Math.max(...sizes)}`,
        }));
      return {
        key: 'annex-a-caseload',
        value: perWorker.size ? round1(total / perWorker.size) : null,
        numerator: total,
        denominator: perWorker.size,
        breakdown,
        rows,
      };
    },
  },
];
