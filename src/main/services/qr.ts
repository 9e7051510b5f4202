import QRCode from 'qrcode';

/**
 * A QR code as an SVG string, made here in main with no network and no script: one path of dark
 * squares on a white square with the quiet zone the standard asks for (4 modules). The text is
 * encoded, never written into the markup, so the SVG can go into a printed page or the screen as
 * it is. Medium error correction: a printed poster survives a crease or a smudge.
 */
export function qrSvg(text: string, opts: { label: string }): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const quiet = 4;
  const full = size + quiet * 2;
  let path = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (modules.get(y, x)) path += `M${x + quiet} ${y + quiet}h1v1h-1z`;
    }
  }
  const label = opts.label.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${full} ${full}" shape-rendering="crispEdges" role="img" aria-label="${label}"><rect width="${full}" height="${full}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}
