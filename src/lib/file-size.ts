/**
 * A file's size as people read it: "68 bytes", "1 byte", "12 KB", "1.4 MB". Never "(0 KB)" for a small
 * file. KB and MB are 1,024-based, as file managers show them; one decimal place under 10.
 */
export function formatFileSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  // 1,023.9 KB rounds to 1,024: say 1 MB instead.
  if (rounded >= 1024 && unit < units.length - 1) return `1 ${units[unit + 1]}`;
  return `${rounded.toLocaleString('en-GB')} ${units[unit]}`;
}
