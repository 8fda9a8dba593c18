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

  /** Draws the spans: for each pixel row, the earliest start to the latest end of its bucket. */
  function draw() {
    colours = colours || serviceColours();
    const width = canvas.clientWidth || 600;
    canvas.width = width;
    const height = canvas.height;
    context.clearRect(0, 0, width, height);
    const count = model.visibleCount;
    const perPixel = count / height;
    for (let y = 0; y < height; y++) {
      const from = Math.floor(y * perPixel);
      const to = Math.min(count, Math.max(from + 1, Math.floor((y + 1) * perPixel)));
      if (from >= count) break;
      let start = Infinity, end = -Infinity;
      for (let i = from; i < to; i++) {
        const row = model.visible[i];
        const s = drawnStart(model, row);
        if (s < start) start = s;
        if (s + model.dur[row] > end) end = s + model.dur[row];
      }
      context.fillStyle = colours[model.service[model.visible[from]] % 12];
      const x = (start / model.duration) * width;
      context.fillRect(x, y, Math.max(1, ((end - start) / model.duration) * width), Math.max(1, 1 / perPixel - 0.5));
    }
    image = context.getImageData(0, 0, width, height);
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
