/* eslint-disable @typescript-eslint/no-explicit-any -- a typed facade over an untyped import, see below */
import { createRequire } from 'node:module';

/**
 * docx 9 ships type declarations (ESM, with extensionless relative imports) that TypeScript's NodeNext
 * resolution cannot follow, so `import { Paragraph } from 'docx'` does not type-check here. This is
 * the small part of docx the Word renderer uses, loaded from its CommonJS build and typed by hand.
 * The tests open the generated .docx and check its XML, which is what matters.
 */
type Ctor<T = any> = new (options: any) => T;
export interface DocxLib {
  AlignmentType: { LEFT: string; RIGHT: string; CENTER: string };
  BorderStyle: { SINGLE: string };
  HeadingLevel: { HEADING_1: string; HEADING_2: string; HEADING_3: string; HEADING_4: string };
  LevelFormat: { BULLET: string; DECIMAL: string };
  ShadingType: { CLEAR: string };
  TableLayoutType: { FIXED: string };
  WidthType: { DXA: string };
  PageNumber: { CURRENT: string; TOTAL_PAGES: string };
  Document: Ctor;
  Footer: Ctor;
  ImageRun: Ctor;
  Paragraph: Ctor<DocxParagraph>;
  Table: Ctor<DocxTable>;
  TableCell: Ctor;
  TableRow: Ctor;
  TextRun: Ctor;
  Packer: { toBuffer(doc: unknown): Promise<Buffer> };
}
export interface DocxParagraph {
  readonly __paragraph?: never;
}
export interface DocxTable {
  readonly __table?: never;
}

const require = createRequire(import.meta.url);
export const docx = require('docx') as DocxLib;
