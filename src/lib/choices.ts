/**
 * Long choice lists people can scan: grouped (by theme, body or kind), groups and items sorted
 * alphabetically with numbers in order ("Indicator 2" before "Indicator 10"), and where two choices
 * share a name, each told apart by its detail. Never an id on screen.
 */

export interface Choice {
  value: string;
  text: string;
  group: string;
  /** Shown only to tell apart two choices with the same text. */
  detail?: string;
}

export interface ChoiceGroup {
  name: string;
  items: { value: string; text: string; checked: boolean; selected: boolean }[];
}

const byText = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' }).compare;

export function groupChoices(choices: readonly Choice[], chosen: ReadonlySet<string> = new Set()): ChoiceGroup[] {
  const count = new Map<string, number>();
  for (const c of choices) count.set(c.text.toLowerCase(), (count.get(c.text.toLowerCase()) ?? 0) + 1);
  const groups = new Map<string, ChoiceGroup['items']>();
  for (const c of [...choices].sort((a, b) => byText(a.text, b.text))) {
    const text = (count.get(c.text.toLowerCase()) ?? 0) > 1 && c.detail ? `${c.text} (${c.detail})` : c.text;
    const items = groups.get(c.group) ?? [];
    items.push({ value: c.value, text, checked: chosen.has(c.value), selected: chosen.has(c.value) });
    groups.set(c.group, items);
  }
  return [...groups.entries()].sort(([a], [b]) => byText(a, b)).map(([name, items]) => ({ name, items }));
}
