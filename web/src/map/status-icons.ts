// Status icons drawn on a canvas at start-up (no sprite file to fetch): each status has its own
// shape and glyph, so it reads without colour: ● up ✓, ▼ down ✕, ■ link down –, ◆ unknown ?, ◎ idle.
import { STATUS_COLOURS } from './palette.ts';

const SIZE = 22;

function draw(ctx: CanvasRenderingContext2D, status: string, s: number): void {
  const c = s / 2;
  ctx.lineJoin = 'round';
  ctx.fillStyle = STATUS_COLOURS[status] ?? '#777';
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = s * 0.09;
  ctx.beginPath();
  switch (status) {
    case 'up':
      ctx.arc(c, c, s * 0.42, 0, Math.PI * 2);
      break;
    case 'down':
      ctx.moveTo(s * 0.06, s * 0.12);
      ctx.lineTo(s * 0.94, s * 0.12);
      ctx.lineTo(c, s * 0.94);
      ctx.closePath();
      break;
    case 'link_down':
      ctx.rect(s * 0.1, s * 0.1, s * 0.8, s * 0.8);
      break;
    case 'unknown':
      ctx.moveTo(c, s * 0.04);
      ctx.lineTo(s * 0.96, c);
      ctx.lineTo(c, s * 0.96);
      ctx.lineTo(s * 0.04, c);
      ctx.closePath();
      break;
    default: // idle: a ring
      ctx.arc(c, c, s * 0.42, 0, Math.PI * 2);
  }
  ctx.fill();
  ctx.stroke();
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = s * 0.11;
  ctx.lineCap = 'round';
  ctx.beginPath();
  switch (status) {
    case 'up': // check mark
      ctx.moveTo(s * 0.3, s * 0.52);
      ctx.lineTo(s * 0.44, s * 0.66);
      ctx.lineTo(s * 0.7, s * 0.36);
      ctx.stroke();
      break;
    case 'down': // cross
      ctx.moveTo(s * 0.38, s * 0.26);
      ctx.lineTo(s * 0.62, s * 0.5);
      ctx.moveTo(s * 0.62, s * 0.26);
      ctx.lineTo(s * 0.38, s * 0.5);
      ctx.stroke();
      break;
    case 'link_down': // bar
      ctx.moveTo(s * 0.3, c);
      ctx.lineTo(s * 0.7, c);
      ctx.stroke();
      break;
    case 'unknown': // question mark
      ctx.fillStyle = '#ffffff';
      ctx.font = `bold ${Math.round(s * 0.55)}px sans-serif`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('?', c, c + s * 0.03);
      break;
    default: // idle: white hole in the ring
      ctx.fillStyle = '#ffffff';
      ctx.beginPath();
      ctx.arc(c, c, s * 0.2, 0, Math.PI * 2);
      ctx.fill();
  }
}

/** ImageData of one status icon at the given device pixel ratio. */
export function statusIcon(status: string, pixelRatio = 2): ImageData {
  const s = SIZE * pixelRatio;
  const canvas = document.createElement('canvas');
  canvas.width = s;
  canvas.height = s;
  const ctx = canvas.getContext('2d')!;
  draw(ctx, status, s);
  return ctx.getImageData(0, 0, s, s);
}

/** The same icon as a data: URL for the legend, list and panels (CSP allows data: images). */
export function statusIconUrl(status: string): string {
  const canvas = document.createElement('canvas');
  canvas.width = SIZE * 2;
  canvas.height = SIZE * 2;
  draw(canvas.getContext('2d')!, status, SIZE * 2);
  return canvas.toDataURL('image/png');
}
