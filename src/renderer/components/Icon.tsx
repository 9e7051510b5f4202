/**
 * A few line icons drawn inline: emoji and icon fonts depend on what the shop's laptop has
 * installed, and the CSP forbids loading anything remote.
 */
const PATHS = {
  lock: 'M7 11V8a5 5 0 0 1 10 0v3M5 11h14v10H5z',
  plus: 'M12 5v14M5 12h14',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6',
  users:
    'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21v-1a6 6 0 0 1 12 0v1M16 3.5a4 4 0 0 1 0 7.5M18 14a6 6 0 0 1 4 6v1',
  id: 'M3 5h18v14H3zM7 10a2 2 0 1 0 4 0 2 2 0 0 0-4 0M6 16c.5-1.5 1.7-2 3-2s2.5.5 3 2M14 9h4M14 13h4',
  log: 'M6 3h9l4 4v14H6zM9 9h6M9 13h7M9 17h5',
  settings:
    'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19 12l2-1-1-3-2 .2-1.3-1.4.3-2.1-3-1-1 1.9h-2L9 2.7l-3 1 .3 2.1L5 7.2 3 7l-1 3 2 1v2l-2 1 1 3 2-.2 1.3 1.4-.3 2.1 3 1 1-1.9h2l1 1.9 3-1-.3-2.1 1.3-1.4 2 .2 1-3-2-1z',
  print: 'M6 9V3h12v6M6 18H4v-7h16v7h-2M7 14h10v7H7z',
  check: 'M4 12l5 5L20 6',
  edit: 'M4 20h4L19 9l-4-4L4 16zM13 7l4 4',
  send: 'M3 11l18-8-8 18-2-8zM11 13l10-10',
  chart: 'M4 4v16h16M8 16v-4M12 16V8M16 16v-6',
  swap: 'M7 4v16M3 16l4 4 4-4M17 20V4M13 8l4-4 4 4',
  shield: 'M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6zM9 12l2 2 4-4',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 18 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
