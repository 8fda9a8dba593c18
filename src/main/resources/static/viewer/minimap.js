/**
 * The minimap: the whole trace (its visible rows) drawn on one canvas, a pixel row per bucket of spans,
 * with the waterfall's window on top. Click or drag to move the window.
 */
import { drawnStart } from './model.js';

/**
 * @param {HTMLCanvasElement} canvas
 * @param {object} state the view state: the minimap redraws when the visible rows change
 * @param {{scroller: HTMLElement, scrollToFraction: function(number)}} waterfall
 * @param {number} rowHeight the waterfall's row height in pixels
 */
export function createMinimap(canvas, state, waterfall, rowHeight) {
  const model = state.model;
  const context = canvas.getContext('2d');
  let colours = null;
  let image = null; // the spans, drawn once per layout; the window is drawn over a copy

  function serviceColours() {
    const style = getComputedStyle(document.documentElement);
    return Array.from({ length: 12 }, (_, i) => style.getPropertyValue(`--svc-${i}`).trim() || '#888');
  }

  /** Draws the spans: a band per row, or per bucket of rows when they outnumber the pixels. */
  function draw() {
    colours = colours || serviceColours();
    const width = canvas.clientWidth || 600;
    canvas.width = width;
    context.clearRect(0, 0, width, canvas.height);
    for (const band of bands(model.visibleCount, canvas.height)) {
      let start = Infinity, end = -Infinity;
      for (let i = band.from; i < band.to; i++) {
        const row = model.visible[i];
        const s = drawnStart(model, row);
        if (s < start) start = s;
        if (s + model.dur[row] > end) end = s + model.dur[row];
      }
      context.fillStyle = colours[model.service[model.visible[band.from]] % 12];
      const x = (start / model.duration) * width;
      context.fillRect(x, band.y, Math.max(1, ((end - start) / model.duration) * width), band.height);
    }
    image = context.getImageData(0, 0, width, canvas.height);
    drawWindow();
  }

  /** The waterfall's viewport, as a band over the spans. */
  function drawWindow() {
    if (!image) return;
    context.putImageData(image, 0, 0);
    const total = Math.max(1, model.visibleCount * rowHeight);
    const scroller = waterfall.scroller;
    const top = (scroller.scrollTop / total) * canvas.height;
    const band = Math.max(3, (scroller.clientHeight / total) * canvas.height);
    context.fillStyle = 'rgba(40, 90, 200, 0.18)';
    context.fillRect(0, top, canvas.width, band);
    context.strokeStyle = 'rgba(40, 90, 200, 0.9)';
    context.strokeRect(0.5, top + 0.5, canvas.width - 1, band - 1);
  }

  let dragging = false;
  const moveTo = (event) => {
    const rect = canvas.getBoundingClientRect();
    waterfall.scrollToFraction(Math.min(1, Math.max(0, (event.clientY - rect.top) / rect.height)));
  };
  canvas.addEventListener('pointerdown', (event) => { dragging = true; canvas.setPointerCapture(event.pointerId); moveTo(event); });
  canvas.addEventListener('pointermove', (event) => { if (dragging) moveTo(event); });
  canvas.addEventListener('pointerup', () => { dragging = false; });

  state.subscribe((change) => { if (change.type === 'rows') draw(); });

  return { draw, drawWindow };
}

/** Pixels a row takes on the minimap at most: a few rows are thin lines, not slabs as tall as the map. */
const MAX_ROW_PIXELS = 6;

/**
 * Where the minimap draws the visible rows: each band covers rows [from, to) at y with a height in
 * pixels. Fewer rows than pixels: one band per row, at most MAX_ROW_PIXELS apart, a pixel of gap
 * between; more: one band per pixel row, each the bucket of rows it stands for.
 *
 * @param {number} count the visible rows
 * @param {number} height the canvas's height in pixels
 * @returns {{from: number, to: number, y: number, height: number}[]}
 */
export function bands(count, height) {
  const list = [];
  if (count <= 0 || height <= 0) return list;
  if (count <= height) {
    const step = Math.min(height / count, MAX_ROW_PIXELS);
    const thickness = Math.max(1, step - 1);
    for (let i = 0; i < count; i++) list.push({ from: i, to: i + 1, y: i * step, height: thickness });
    return list;
  }
  const perPixel = count / height;
  for (let y = 0; y < height; y++) {
    const from = Math.floor(y * perPixel);
    const to = Math.min(count, Math.max(from + 1, Math.floor((y + 1) * perPixel)));
    list.push({ from, to, y, height: 1 });
  }
  return list;
}
