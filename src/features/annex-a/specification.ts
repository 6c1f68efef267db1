/** The specification page's model: every list and column of the template and what Waymark does with each. */
import type { CodeList } from '../../lib/annex-a/codes.js';
import { figuresUsingColumn } from '../../lib/annex-a/figures.js';
import type { ColumnSpec, ListSpec } from '../../lib/annex-a/spec.js';

const TYPE_TEXT: Record<ColumnSpec['type'], string> = {
  id: 'Identifier',
  birth: 'Date',
  date: 'Date',
  age: 'Age in years (decimals allowed)',
  integer: 'Whole number',
  code: 'Code',
  yesno: 'Yes or no',
  team: 'Team name',
  worker: 'Worker name or code',
  adviser: 'Personal adviser name or code',
  text: 'Text',
};

export interface SpecColumn {
  name: string;
  since: string;
  type: string;
  codeList: { key: string; name: string } | null;
  does: string;
  aliases: string;
}

function whatWaymarkDoes(list: number, col: ColumnSpec): string {
  const figures = figuresUsingColumn(list, col.key);
  const used = figures.length ? ` Used by: ${figures.join('; ')}.` : '';
  if (col.type === 'id' || col.type === 'birth' || col.type === 'age' || col.type === 'text')
    return `${col.note ?? ''}.${used}`.replace(/\.\./, '.');
  if (col.store || col.type === 'team' || col.type === 'worker')
    return `Stored.${col.note ? ` ${col.note}.` : ''}${used}`;
  return `Checked and counted in the quality report, not stored.${col.note ? ` ${col.note}.` : ''}${used}`;
}

export function specificationModel(lists: ListSpec[], codeLists: CodeList[]) {
  return {
    lists: lists.map((l) => ({
      number: l.number,
      title: l.title,
      scope: l.scope,
      expected: l.expected,
      stored: l.columns.some(
        (c) =>
          c.store &&
          c.type !== 'birth' &&
          c.type !== 'team' &&
          c.type !== 'worker' &&
          figuresUsingColumn(l.number, c.key).length,
      ),
      columns: l.columns.map((c): SpecColumn => ({
        name: c.name,
        since: c.since,
        type: TYPE_TEXT[c.type] + (c.unknownAllowed ? ' (or unknown)' : ''),
        codeList: c.codes ? { key: c.codes.key, name: c.codes.name } : null,
        does: whatWaymarkDoes(l.number, c),
        aliases: (c.aliases ?? []).join('; '),
      })),
    })),
    codeLists: codeLists.map((c) => ({
      key: c.key,
      name: c.name,
      open: !!c.open,
      values: c.values.map((v) => ({
        code: v.code,
        label: v.label,
        since: v.since ?? '2020',
        aliases: (v.aliases ?? []).join('; '),
      })),
    })),
  };
}
