import type { Measure } from '@dilna/shared/boards/fishbone/layout';

/** The page's own font stack, so that the drawing (and a downloaded copy) uses what was measured. */
export function pageFontFamily(): string {
  return getComputedStyle(document.documentElement).fontFamily;
}

/**
 * Measures text as the browser will draw it. A hair wider than measured, so that rounding in the
 * SVG renderer never makes a line wider than its box.
 */
export function canvasMeasure(fontFamily: string): Measure {
  const context = document.createElement('canvas').getContext('2d');
  const cache = new Map<string, number>();
  return (text, size, bold) => {
    const font = `${bold ? 700 : 400} ${size}px ${fontFamily}`;
    const key = `${font}\u0000${text}`;
    let width = cache.get(key);
    if (width === undefined) {
      if (!context) return text.length * size * 0.62;
      context.font = font;
      width = context.measureText(text).width * 1.01;
      cache.set(key, width);
    }
    return width;
  };
}

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const svgSource = (svg: SVGSVGElement) => new XMLSerializer().serializeToString(svg);

export function downloadSvg(svg: SVGSVGElement, fileName: string): void {
  save(new Blob([svgSource(svg)], { type: 'image/svg+xml;charset=utf-8' }), `${fileName}.svg`);
}

/** Draws the SVG onto a canvas at twice its size (sharp when printed or zoomed) and saves it as PNG. */
export async function downloadPng(svg: SVGSVGElement, fileName: string): Promise<void> {
  const { width, height } = svg.viewBox.baseVal;
  const image = new Image();
  // A data: URL, because the content security policy allows images from no blob: URLs.
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgSource(svg))}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * 2);
  canvas.height = Math.round(height * 2);
  canvas.getContext('2d')!.drawImage(image, 0, 0, canvas.width, canvas.height);
  const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (png) save(png, `${fileName}.png`);
}
