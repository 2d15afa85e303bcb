import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

/** One bar: a sub-unit and its submission rate (0–1), with the words printed beside it. */
export interface ChartBar {
  label: string;
  rate: number;
  caption: string;
}

export interface BarChart {
  title: string;
  subtitle: string;
  bars: readonly ChartBar[];
}

/**
 * The font travels with the code (the `dejavu-fonts-ttf` package), so Vietnamese renders the
 * same on every machine, with or without system fonts: DejaVu Sans has every Vietnamese letter.
 */
const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const CHART_FONT_FILES = [join(FONT_DIR, 'DejaVuSans.ttf'), join(FONT_DIR, 'DejaVuSans-Bold.ttf')];

const WIDTH = 960;
const LABEL_WIDTH = 330;
const BAR_AREA = 440;
const ROW = 34;
const TOP = 96;

/**
 * Renders a horizontal bar chart as PNG: the leader sees at a glance which sub-units have sent.
 * The picture is built as SVG (text stays text until rasterised) and drawn with resvg.
 */
export function renderBarChartPng(chart: BarChart): Uint8Array {
  return renderSvgPng(barChartSvg(chart));
}

/** Rasterises SVG with the bundled fonts only. */
export function renderSvgPng(svg: string): Uint8Array {
  const resvg = new Resvg(svg, {
    font: { fontFiles: CHART_FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}

/** The chart as SVG, with every text escaped. */
export function barChartSvg(chart: BarChart): string {
  const height = TOP + chart.bars.length * ROW + 40;
  const rows = chart.bars.map((bar, i) => {
    const y = TOP + i * ROW;
    const rate = Math.min(1, Math.max(0, bar.rate));
    const width = Math.max(rate > 0 ? 2 : 0, Math.round(rate * BAR_AREA));
    const colour = rate >= 0.9 ? '#2e7d32' : rate >= 0.6 ? '#f9a825' : '#c62828';
    return [
      `<text x="${LABEL_WIDTH - 12}" y="${y + 21}" font-size="16" text-anchor="end">${escapeXml(shorten(bar.label, 34))}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y + 5}" width="${BAR_AREA}" height="22" fill="#eeeeee"/>`,
      `<rect x="${LABEL_WIDTH}" y="${y + 5}" width="${width}" height="22" fill="${colour}"/>`,
      `<text x="${LABEL_WIDTH + BAR_AREA + 10}" y="${y + 21}" font-size="15">${escapeXml(bar.caption)}</text>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="DejaVu Sans">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="24" y="40" font-size="22" font-weight="bold">${escapeXml(chart.title)}</text>`,
    `<text x="24" y="70" font-size="16" fill="#555555">${escapeXml(chart.subtitle)}</text>`,
    ...rows,
    `</svg>`,
  ].join('\n');
}

function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}
