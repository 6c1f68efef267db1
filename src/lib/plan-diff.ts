/**
 * What changed between two versions of a plan. Actions are matched by reference (the number people
 * use in meetings: "action 2.3"); milestones within an action by title.
 */
export interface ActionSnapshot {
  reference: string;
  title: string;
  theme: string | null;
  owner: string | null;
  startDate: string;
  dueDate: string;
  status: string;
  successMeasures: string;
  milestones: { title: string; dueDate: string }[];
}

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

export interface PlanDiff {
  added: ActionSnapshot[];
  removed: ActionSnapshot[];
  changed: { reference: string; title: string; changes: FieldChange[] }[];
  unchanged: number;
}

const FIELDS: [keyof ActionSnapshot, string][] = [
  ['title', 'Title'],
  ['theme', 'Theme'],
  ['owner', 'Owner'],
  ['startDate', 'Start date'],
  ['dueDate', 'Due date'],
  ['status', 'Status'],
  ['successMeasures', 'Success measures'],
];

const compareRefs = new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare;
const show = (v: unknown) => (v === null || v === undefined || v === '' ? '(none)' : String(v));

export function diffPlans(before: readonly ActionSnapshot[], after: readonly ActionSnapshot[]): PlanDiff {
  const key = (a: ActionSnapshot) => a.reference.trim().toLowerCase();
  const oldBy = new Map(before.map((a) => [key(a), a]));
  const newBy = new Map(after.map((a) => [key(a), a]));
  const added = after.filter((a) => !oldBy.has(key(a)));
  const removed = before.filter((a) => !newBy.has(key(a)));
  const changed: PlanDiff['changed'] = [];
  let unchanged = 0;
  for (const a of after) {
    const b = oldBy.get(key(a));
    if (!b) continue;
    const changes: FieldChange[] = [];
    for (const [field, label] of FIELDS) {
      if (show(b[field]) !== show(a[field]))
        changes.push({ field: label, before: show(b[field]), after: show(a[field]) });
    }
    const oldMs = new Map(b.milestones.map((m) => [m.title.trim().toLowerCase(), m]));
    const newMs = new Map(a.milestones.map((m) => [m.title.trim().toLowerCase(), m]));
    for (const m of a.milestones) {
      const o = oldMs.get(m.title.trim().toLowerCase());
      if (!o) changes.push({ field: 'Milestone added', before: '(none)', after: `${m.title} (due ${m.dueDate})` });
      else if (o.dueDate !== m.dueDate)
        changes.push({ field: `Milestone “${m.title}” due date`, before: o.dueDate, after: m.dueDate });
    }
    for (const m of b.milestones) {
      if (!newMs.has(m.title.trim().toLowerCase()))
        changes.push({ field: 'Milestone removed', before: `${m.title} (due ${m.dueDate})`, after: '(none)' });
    }
    if (changes.length) changed.push({ reference: a.reference, title: a.title, changes });
    else unchanged++;
  }
  const byRef = (x: { reference: string }, y: { reference: string }) => compareRefs(x.reference, y.reference);
  return { added: added.sort(byRef), removed: removed.sort(byRef), changed: changed.sort(byRef), unchanged };
}
