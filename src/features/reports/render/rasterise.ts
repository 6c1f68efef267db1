import fs from 'node:fs';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';

/**
 * The PNG that Word needs beside each SVG chart (Word 2016 and later show the SVG; older Word and
 * LibreOffice show the PNG), rendered from the very same SVG by resvg, so it has the axes, labels and
 * legend. Print resolution: the chart is placed 560 px (96 dpi) wide, about 5.8 inches, and rendered
 * 1,750 px wide, 300 dots per inch.
 */
export const PRINT_WIDTH_PX = 1750;

/**
 * Fonts: the charts' text is Arial-like. Loading every system font for each chart is slow, so the
 * first metric-compatible sans-serif found is loaded on its own; where none is found, resvg falls
 * back to the system's fonts.
 */
const FONT_CANDIDATES = [
  [
    'Liberation Sans',
    '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
  ],
  [
    'Arial',
    '/usr/share/fonts/truetype/msttcorefonts/Arial.ttf',
    '/usr/share/fonts/truetype/msttcorefonts/Arial_Bold.ttf',
  ],
  [
    'DejaVu Sans',
    '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  ],
] as const;

let fontOptions: ResvgRenderOptions['font'] | undefined;
function fonts(): ResvgRenderOptions['font'] {
  if (!fontOptions) {
    const found = FONT_CANDIDATES.find(([, regular]) => fs.existsSync(regular));
    fontOptions = found
      ? {
          loadSystemFonts: false,
          fontFiles: found.slice(1).filter((f) => fs.existsSync(f)),
          defaultFontFamily: found[0],
          sansSerifFamily: found[0],
        }
      : { loadSystemFonts: true };
  }
  return fontOptions;
}

/** An SVG chart as a PNG `widthPx` wide (height in proportion), on white. */
export function svgToPng(svg: string, widthPx = PRINT_WIDTH_PX): Buffer {
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: widthPx }, background: '#ffffff', font: fonts() });
  return resvg.render().asPng();
}

/** The rendered pixels (RGBA), for checking what was drawn. */
export function svgToPixels(svg: string, widthPx = PRINT_WIDTH_PX): { width: number; height: number; pixels: Buffer } {
  const image = new Resvg(svg, {
    fitTo: { mode: 'width', value: widthPx },
    background: '#ffffff',
    font: fonts(),
  }).render();
  return { width: image.width, height: image.height, pixels: image.pixels };
}
