import { describe, expect, it } from 'vitest';
import { formatFileSize } from './file-size.js';

// Worked by hand: 1,536 / 1,024 = 1.5 KB; 10,752 / 1,024 = 10.5 → 11 KB (whole above 10);
// 1,468,006 / 1,048,576 = 1.4 MB; 1,048,575 bytes is 1,023.999 KB → "1 MB".
describe('formatFileSize', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [68, '68 bytes'],
    [1023, '1023 bytes'],
    [1024, '1 KB'],
    [1536, '1.5 KB'],
    [10_752, '11 KB'],
    [1_468_006, '1.4 MB'],
    [1_048_575, '1 MB'],
    [52_428_800, '50 MB'],
  ])('%i → %s', (bytes, text) => expect(formatFileSize(bytes)).toBe(text));
});
