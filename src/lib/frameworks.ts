/**
 * Ofsted inspection frameworks as data: inspection types, framework versions with their judgement areas,
 * and the four grades. A new framework version is one more entry in FRAMEWORK_VERSIONS (with the date it
 * applies from); nothing else changes. See docs/adr/0100-inspection-frameworks-as-data.md.
 */

export const GRADES = ['outstanding', 'good', 'requires-improvement', 'inadequate'] as const;
export type Grade = (typeof GRADES)[number];

export const GRADE_LABELS: Record<Grade, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  'requires-improvement': 'Requires improvement to be good',
  inadequate: 'Inadequate',
};

/** Higher is better: used to order grades on the history chart and to compare a self-grade with Ofsted's. */
export const GRADE_RANK: Record<Grade, number> = { outstanding: 4, good: 3, 'requires-improvement': 2, inadequate: 1 };

export const FINDING_KINDS = ['strength', 'area-for-improvement', 'recommendation', 'further-action'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];
export const FINDING_KIND_LABELS: Record<FindingKind, string> = {
  strength: 'Strength',
  'area-for-improvement': 'Area for improvement',
  recommendation: 'Recommendation',
  // Ofsted's term in focused-visit letters (ILACS): "areas for priority action".
  'further-action': 'Area for priority action',
};

export interface JudgementArea {
  key: string;
  label: string;
  /** A sub-judgement (SIF's adoption performance and care leavers sit under children looked after). */
  parent?: string;
  /** The row of the history chart this area is drawn on, so grades line up across framework versions. */
  series: HistorySeries;
}

export const HISTORY_SERIES = [
  'overall',
  'leadership',
  'help-and-protection',
  'children-in-care',
  'care-leavers',
  'adoption',
  'lscb',
] as const;
export type HistorySeries = (typeof HISTORY_SERIES)[number];
export const HISTORY_SERIES_LABELS: Record<HistorySeries, string> = {
  overall: 'Overall effectiveness',
  leadership: 'Leadership',
  'help-and-protection': 'Help and protection',
  'children-in-care': 'Children in care',
  'care-leavers': 'Care leavers',
  adoption: 'Adoption',
  lscb: 'Safeguarding children board',
};

export type FrameworkFamily = 'ilacs' | 'sif' | 'lscb' | 'jtai';

export interface FrameworkVersion {
  key: string;
  family: FrameworkFamily;
  label: string;
  /** First inspection start date this version applies to (inclusive). */
  from: string;
  /** Last start date it applies to (inclusive), or null while current. */
  to: string | null;
  areas: JudgementArea[];
}

/** The three judgements every ILACS version makes, in Ofsted's words; the versions differ after them. */
const ILACS_COMMON_AREAS: JudgementArea[] = [
  { key: 'overall-effectiveness', label: 'Overall effectiveness', series: 'overall' },
  {
    key: 'leaders',
    label: 'The impact of leaders on social work practice with children and families',
    series: 'leadership',
  },
  {
    key: 'help-and-protection',
    label: 'The experiences and progress of children who need help and protection',
    series: 'help-and-protection',
  },
];

export const FRAMEWORK_VERSIONS: FrameworkVersion[] = [
  {
    key: 'sif-2013',
    family: 'sif',
    label: 'Single inspection framework (2013 to 2017)',
    from: '2013-11-01',
    to: '2017-12-31',
    areas: [
      { key: 'overall-effectiveness', label: 'Overall effectiveness', series: 'overall' },
      { key: 'help-and-protection', label: 'Children who need help and protection', series: 'help-and-protection' },
      {
        key: 'looked-after-permanence',
        label: 'Children looked after and achieving permanence',
        series: 'children-in-care',
      },
      {
        key: 'adoption-performance',
        label: 'Adoption performance',
        parent: 'looked-after-permanence',
        series: 'adoption',
      },
      {
        key: 'care-leavers',
        label: 'Experiences and progress of care leavers',
        parent: 'looked-after-permanence',
        series: 'care-leavers',
      },
      { key: 'leadership-management-governance', label: 'Leadership, management and governance', series: 'leadership' },
    ],
  },
  {
    key: 'lscb-2013',
    family: 'lscb',
    label: 'Review of the local safeguarding children board (2013 to 2017)',
    from: '2013-11-01',
    to: '2017-12-31',
    areas: [
      { key: 'overall-effectiveness', label: 'Effectiveness of the local safeguarding children board', series: 'lscb' },
    ],
  },
  {
    key: 'ilacs-2018',
    family: 'ilacs',
    label: 'ILACS (January 2018 to December 2022)',
    from: '2018-01-01',
    to: '2022-12-31',
    areas: [
      ...ILACS_COMMON_AREAS,
      {
        key: 'children-in-care-and-care-leavers',
        label: 'The experiences and progress of children in care and care leavers',
        series: 'children-in-care',
      },
    ],
  },
  {
    key: 'ilacs-2023',
    family: 'ilacs',
    label: 'ILACS (from January 2023)',
    from: '2023-01-01',
    to: null,
    areas: [
      ...ILACS_COMMON_AREAS,
      {
        key: 'children-in-care',
        label: 'The experiences and progress of children in care',
        series: 'children-in-care',
      },
      { key: 'care-leavers', label: 'The experiences and progress of care leavers', series: 'care-leavers' },
    ],
  },
  {
    key: 'jtai-2016',
    family: 'jtai',
    label: 'Joint targeted area inspection',
    from: '2016-01-01',
    to: null,
    areas: [],
  },
];

export interface InspectionType {
  key: string;
  label: string;
  /** Framework families this type belongs to, in preference order; the version is chosen by start date. */
  families: FrameworkFamily[];
  /** Whether the inspection gives grades (focused and monitoring visits carry findings only). */
  graded: boolean;
  /** Working days after the final report is received for the written action plan; null: none is required. */
  actionPlanWorkingDays: number | null;
  /** When the visit names areas for priority action: the draft plan's deadline (focused visits: 20). */
  priorityActionDraftWorkingDays: number | null;
  /** The action plan is only due when the visit names areas for priority action. */
  actionPlanOnlyWithPriorityActions?: boolean;
}

export const INSPECTION_TYPES: InspectionType[] = [
  {
    key: 'ilacs-standard',
    label: 'ILACS standard inspection',
    families: ['ilacs'],
    graded: true,
    actionPlanWorkingDays: 70,
    priorityActionDraftWorkingDays: null,
  },
  {
    key: 'ilacs-short',
    label: 'ILACS short inspection',
    families: ['ilacs'],
    graded: true,
    actionPlanWorkingDays: 70,
    priorityActionDraftWorkingDays: null,
  },
  {
    key: 'focused-visit',
    label: 'Focused visit',
    families: ['ilacs'],
    graded: false,
    actionPlanWorkingDays: 70,
    priorityActionDraftWorkingDays: 20,
    actionPlanOnlyWithPriorityActions: true,
  },
  {
    key: 'monitoring-visit',
    label: 'Monitoring visit',
    families: ['ilacs', 'sif'],
    graded: false,
    actionPlanWorkingDays: null,
    priorityActionDraftWorkingDays: null,
  },
  {
    key: 'jtai',
    label: 'Joint targeted area inspection',
    families: ['jtai'],
    graded: false,
    actionPlanWorkingDays: 70,
    priorityActionDraftWorkingDays: null,
  },
  {
    key: 'sif',
    label: 'Single inspection framework inspection',
    families: ['sif'],
    graded: true,
    actionPlanWorkingDays: 70,
    priorityActionDraftWorkingDays: null,
  },
  {
    key: 'lscb-review',
    label: 'Review of the local safeguarding children board',
    families: ['lscb'],
    graded: true,
    actionPlanWorkingDays: null,
    priorityActionDraftWorkingDays: null,
  },
];

export const INSPECTION_TYPE_KEYS = INSPECTION_TYPES.map((t) => t.key) as [string, ...string[]];
export const FRAMEWORK_VERSION_KEYS = FRAMEWORK_VERSIONS.map((v) => v.key) as [string, ...string[]];

export function inspectionType(key: string): InspectionType | undefined {
  return INSPECTION_TYPES.find((t) => t.key === key);
}

export function frameworkVersion(key: string): FrameworkVersion | undefined {
  return FRAMEWORK_VERSIONS.find((v) => v.key === key);
}

/** The framework version an inspection of this type starting on this date was held under. */
export function frameworkFor(typeKey: string, startDate: string): FrameworkVersion | undefined {
  const type = inspectionType(typeKey);
  if (!type) return undefined;
  for (const family of type.families) {
    const v = FRAMEWORK_VERSIONS.find(
      (f) => f.family === family && f.from <= startDate && (f.to === null || startDate <= f.to),
    );
    if (v) return v;
  }
  // Before the earliest or after the last: the nearest version of the first family.
  const ofFamily = FRAMEWORK_VERSIONS.filter((f) => f.family === type.families[0]);
  return startDate < ofFamily[0].from ? ofFamily[0] : ofFamily[ofFamily.length - 1];
}

/** The areas a given type judges under a given version (none for ungraded visits). */
export function judgedAreas(typeKey: string, versionKey: string): JudgementArea[] {
  const type = inspectionType(typeKey);
  const version = frameworkVersion(versionKey);
  if (!type || !version || !type.graded) return [];
  return version.areas;
}

export function areaLabel(versionKey: string, areaKey: string | null | undefined): string {
  if (!areaKey) return '';
  return frameworkVersion(versionKey)?.areas.find((a) => a.key === areaKey)?.label ?? areaKey;
}

/** Every area key used by any framework version, for documenting the API. */
export const ALL_AREA_KEYS = [...new Set(FRAMEWORK_VERSIONS.flatMap((v) => v.areas.map((a) => a.key)))] as [
  string,
  ...string[],
];

/** Words as published ("Requires improvement to be good", "Requires improvement", "Good") to a grade key. */
export function parseGradeText(text: string | null | undefined): Grade | null {
  if (!text) return null;
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (t === 'outstanding') return 'outstanding';
  if (t === 'good') return 'good';
  if (t === 'inadequate') return 'inadequate';
  if (t === 'requires improvement' || t === 'requires improvement to be good' || t === 'requires-improvement')
    return 'requires-improvement';
  return null;
}

export interface JudgementProblem {
  area: string;
  message: string;
}

/** Check a set of judgements against what this type judges under this version. */
export function checkJudgements(
  typeKey: string,
  versionKey: string,
  judgements: Record<string, string>,
): JudgementProblem[] {
  const type = inspectionType(typeKey);
  const version = frameworkVersion(versionKey);
  if (!type || !version) return [];
  const problems: JudgementProblem[] = [];
  const areas = judgedAreas(typeKey, versionKey);
  for (const [area, grade] of Object.entries(judgements)) {
    if (!areas.some((a) => a.key === area)) {
      problems.push({
        area,
        message: type.graded
          ? `${version.label} does not judge “${area}”: use one of ${areas.map((a) => a.key).join(', ')}`
          : `A ${type.label.toLowerCase()} does not give grades`,
      });
    } else if (!(GRADES as readonly string[]).includes(grade)) {
      problems.push({
        area,
        message: `Grade for ${areas.find((a) => a.key === area)!.label.toLowerCase()} must be one of ${GRADES.join(', ')}`,
      });
    }
  }
  return problems;
}
