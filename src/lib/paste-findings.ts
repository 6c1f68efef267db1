/**
 * Findings pasted as a list, as they appear in a report or minutes: one per line or bullet. Bullets
 * (•, -, *, ◼), numbering ("1.", "2)") and references ("R1", "R2:") are taken off; a line that starts
 * in lower case, or follows a line without a full stop, continues the finding before it.
 */
export interface PastedFinding {
  text: string;
  reference: string | null;
}

const BULLET = /^\s*(?:[•◼■▪●◦‣∙*–-]|\(?[a-z]\)|\(?\d{1,3}[.)])\s+/;
const REFERENCE = /^\s*((?:R|AFI|AP|PA)\d{1,3})[.:)\s-]+\s*/i;

export function parsePastedFindings(text: string): PastedFinding[] {
  const out: PastedFinding[] = [];
  let open = false;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line) {
      open = false;
      continue;
    }
    const hasMarker = BULLET.test(line) || REFERENCE.test(line);
    let rest = line.replace(BULLET, '');
    let reference: string | null = null;
    const ref = REFERENCE.exec(rest);
    if (ref) {
      reference = ref[1].toUpperCase();
      rest = rest.slice(ref[0].length);
    }
    const last = out[out.length - 1];
    if (last && !hasMarker && (open || /^[a-z]/.test(rest))) {
      last.text = `${last.text} ${rest}`;
    } else {
      out.push({ text: rest, reference });
    }
    open = !/[.?!;]$/.test(out[out.length - 1].text);
  }
  return out.map((f) => ({ ...f, text: f.text.replace(/\s+/g, ' ').trim() })).filter((f) => f.text);
}
