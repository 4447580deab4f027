// The look: close to Skolon's admin pages (white cards on a light grey page, blue primary
// buttons with uppercase labels, plain table rows, a modal over a dimmed backdrop).
import { css, globalCss } from './css.ts';

const BLUE = '#2d6cdf';
const BLUE_DARK = '#1f56ba';
const INK = '#1f2a37';
const MUTED = '#667085';
const LINE = '#e4e7ec';
const RED = '#d92d20';

/**
 * An icon drawn with an SVG background. The emoji stays in the DOM as text (the page's rows read
 * "👤 Singellicenser"), but is made transparent so that the look does not depend on emoji fonts.
 */
function iconClass(shapes: string): string {
  const svg = `<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' fill='${MUTED}'>${shapes}</svg>`;
  const url = `data:image/svg+xml,${svg.replaceAll('#', '%23').replaceAll('<', '%3C').replaceAll('>', '%3E')}`;
  return css(
    `display:inline-block;width:18px;height:18px;margin-right:4px;vertical-align:-3px;overflow:hidden;color:transparent;font-size:14px;line-height:18px;background:url("${url}") center/contain no-repeat;`,
  );
}

export function installGlobalStyles(): void {
  globalCss('html', 'font-size:15px;');
  globalCss(
    'body',
    `margin:0;background:#f3f5f8;color:${INK};font-family:"Open Sans","Segoe UI",system-ui,-apple-system,Roboto,Helvetica,Arial,sans-serif;line-height:1.45;`,
  );
}

export const s = {
  app: css('min-height:100vh;display:flex;flex-direction:column;'),
  topbar: css(
    `height:56px;display:flex;align-items:center;gap:18px;padding:0 24px;background:#fff;border-bottom:1px solid ${LINE};`,
  ),
  logo: css(`font-weight:800;font-size:22px;letter-spacing:-0.5px;color:${BLUE};`),
  topTitle: css('font-size:16px;font-weight:600;'),
  topUser: css(`margin-left:auto;color:${MUTED};font-size:14px;`),
  body: css('display:flex;flex:1;min-height:0;'),
  sidebar: css(`width:230px;flex:none;background:#fff;border-right:1px solid ${LINE};padding:16px 0;`),
  menuGroup: css('margin:0 0 8px;padding:0;list-style:none;'),
  menuHeading: css(
    `display:block;padding:8px 24px;font-size:13px;font-weight:700;color:${MUTED};text-transform:uppercase;letter-spacing:0.4px;`,
  ),
  menuLink: css(`display:block;padding:8px 24px 8px 36px;color:${INK};text-decoration:none;font-size:14px;`, {
    '&:hover': 'background:#f0f4fc;',
    '&[aria-current="page"]': `color:${BLUE};font-weight:600;background:#eaf1fd;border-left:3px solid ${BLUE};padding-left:33px;`,
  }),
  menuPlain: css(`display:block;padding:8px 24px;color:${INK};font-size:14px;`),
  main: css('flex:1;min-width:0;padding:24px 32px 48px;'),
  card: css(
    'background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(16,24,40,.08);padding:24px;margin-bottom:20px;',
  ),
  h1: css('font-size:26px;font-weight:700;margin:0 0 16px;'),
  breadcrumb: css(`font-size:14px;color:${MUTED};margin:0 0 12px;display:flex;gap:6px;align-items:center;`),
  link: css(`color:${BLUE};text-decoration:none;`, { '&:hover': 'text-decoration:underline;' }),
  facts: css(
    'display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:0 0 20px;font-size:14px;',
  ),
  factLabel: css('font-weight:600;'),
  factValue: css(`color:${INK};`),
  actions: css('display:flex;flex-wrap:wrap;gap:10px;'),
  primary: css(
    `appearance:none;border:0;border-radius:4px;background:${BLUE};color:#fff;font:inherit;font-size:13px;font-weight:700;letter-spacing:0.5px;padding:9px 16px;cursor:pointer;`,
    {
      '&:hover:not(:disabled)': `background:${BLUE_DARK};`,
      '&:disabled': 'background:#b9cdf3;cursor:not-allowed;',
      '&:focus-visible': `outline:3px solid #9dbcf5;outline-offset:1px;`,
    },
  ),
  secondary: css(
    `appearance:none;border:1px solid ${BLUE};border-radius:4px;background:#fff;color:${BLUE};font:inherit;font-size:13px;font-weight:700;letter-spacing:0.5px;padding:8px 16px;cursor:pointer;`,
    { '&:hover': 'background:#eaf1fd;' },
  ),
  tabs: css(`display:flex;gap:4px;border-bottom:1px solid ${LINE};margin:0 0 16px;`),
  tab: css(
    `appearance:none;border:0;background:none;font:inherit;font-size:15px;padding:10px 16px;color:${MUTED};cursor:pointer;border-bottom:3px solid transparent;margin-bottom:-1px;`,
    { '&[aria-selected="true"]': `color:${BLUE};font-weight:600;border-bottom-color:${BLUE};` },
  ),
  toolbar: css('display:flex;align-items:center;gap:16px;margin:0 0 12px;flex-wrap:wrap;'),
  search: css(
    `font:inherit;font-size:14px;padding:8px 12px;border:1px solid #cfd4dc;border-radius:4px;width:260px;background:#fff;`,
    { '&:focus': `outline:none;border-color:${BLUE};box-shadow:0 0 0 3px #d6e3fa;` },
  ),
  counter: css(`font-size:14px;color:${MUTED};`),
  spacer: css('flex:1;'),
  table: css('width:100%;border-collapse:collapse;font-size:14px;'),
  /** Fixed layout: a 10,000-row dialog lays out in a fraction of the time an auto table takes. */
  fixedTable: css('table-layout:fixed;', {
    '& td': 'overflow:hidden;text-overflow:ellipsis;white-space:nowrap;',
  }),
  th: css(
    `text-align:left;font-weight:600;font-size:13px;color:${MUTED};padding:10px 12px;border-bottom:2px solid ${LINE};white-space:nowrap;background:#fff;`,
  ),
  stickyTh: css('position:sticky;top:0;z-index:1;'),
  tr: css('', { '&:hover > td': 'background:#f7f9fc;' }),
  td: css(`padding:10px 12px;border-bottom:1px solid ${LINE};vertical-align:middle;`),
  checkCell: css('width:36px;'),
  checkbox: css(`width:16px;height:16px;margin:0;accent-color:${BLUE};cursor:pointer;`),
  icon: {
    SINGLE: iconClass("<circle cx='12' cy='8' r='4'/><path d='M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7z'/>"),
    CLASS: iconClass(
      "<circle cx='8.5' cy='8' r='3.3'/><circle cx='16.5' cy='9' r='2.8'/><path d='M1.5 20c0-3.9 3.1-6.2 7-6.2s7 2.3 7 6.2z'/><path d='M16.8 13.3c3.2.1 5.7 2.1 5.7 5.7h-5.2c0-2.3-.6-4.2-2.3-5.4.6-.2 1.2-.3 1.8-.3z'/>",
    ),
    SCHOOL: iconClass("<path d='M12 3 2 9h20zM4 10h16v10H4z'/>"),
    POOL: iconClass("<path d='M3 6h18v4H3zM3 12h18v4H3zM3 18h18v3H3z'/>"),
  },
  muted: css(`color:${MUTED};`),
  gear: css(
    'appearance:none;border:0;background:none;font-size:18px;line-height:1;padding:4px 6px;border-radius:4px;cursor:pointer;',
    { '&:hover': 'background:#eaf1fd;', '&:disabled': 'opacity:.5;cursor:progress;' },
  ),
  redDot: css(
    `display:inline-block;width:8px;height:8px;border-radius:50%;background:${RED};margin-left:6px;`,
  ),
  expiredDate: css(`color:${RED};`),
  error: css(`color:${RED};font-weight:600;font-size:14px;margin:8px 0;`),
  empty: css(`color:${MUTED};padding:18px 12px;text-align:center;`),
  badge: css(
    `display:inline-block;margin-left:8px;padding:1px 6px;border-radius:10px;background:#f2f4f7;color:${MUTED};font-size:12px;`,
  ),
  backdrop: css(
    'position:fixed;inset:0;background:rgba(16,24,40,.45);display:flex;align-items:flex-start;justify-content:center;padding:6vh 16px;z-index:1000;',
  ),
  dialog: css(
    'background:#fff;border-radius:8px;box-shadow:0 20px 40px rgba(16,24,40,.25);width:min(860px,100%);max-height:88vh;display:flex;flex-direction:column;',
  ),
  dialogHead: css(
    `display:flex;align-items:center;gap:12px;padding:18px 20px;border-bottom:1px solid ${LINE};`,
  ),
  dialogTitle: css('font-size:19px;font-weight:700;margin:0;'),
  dialogSub: css(`font-size:13px;color:${MUTED};margin:2px 0 0;`),
  close: css(
    `appearance:none;border:0;background:none;font-size:24px;line-height:1;color:${MUTED};cursor:pointer;padding:2px 8px;border-radius:4px;`,
    { '&:hover': 'background:#f2f4f7;' },
  ),
  dialogBody: css('overflow:auto;padding:0 20px 16px;'),
  dialogStatus: css(`font-size:13px;color:${MUTED};min-width:90px;text-align:right;`),
  login: css('max-width:420px;margin:12vh auto;text-align:center;'),

  // --markup grid: divs laid out as a table, so both markups look alike.
  grid: css('display:table;'),
  gridHead: css('display:table-header-group;'),
  gridBody: css('display:table-row-group;'),
  gridRow: css('display:table-row;'),
  gridCell: css('display:table-cell;'),
  gridHover: css('', { '&:hover > [role="gridcell"]': 'background:#f7f9fc;' }),
  fixedGrid: css('table-layout:fixed;', {
    '& [role="gridcell"]': 'overflow:hidden;text-overflow:ellipsis;white-space:nowrap;',
  }),
  ariaCheckbox: css(
    `display:inline-block;box-sizing:border-box;width:16px;height:16px;border:1.5px solid #98a2b3;border-radius:3px;background:#fff;cursor:pointer;vertical-align:middle;position:relative;`,
    {
      '&[aria-checked="true"]': `background:${BLUE};border-color:${BLUE};`,
      '&[aria-checked="true"]::after':
        "content:'';position:absolute;left:4px;top:1px;width:4px;height:8px;border:solid #fff;border-width:0 2px 2px 0;transform:rotate(45deg);",
      '&[aria-checked="mixed"]': `background:${BLUE};border-color:${BLUE};`,
      '&[aria-checked="mixed"]::after':
        "content:'';position:absolute;left:2px;top:6px;width:9px;height:2px;background:#fff;",
      '&[aria-disabled="true"]': 'opacity:.5;cursor:not-allowed;',
      '&:focus-visible': 'outline:3px solid #9dbcf5;outline-offset:1px;',
    },
  ),
  /** The grid markup's dialog is itself the portal (last child of <body>); its backdrop is a sibling. */
  portalBackdrop: css('position:fixed;inset:0;background:rgba(16,24,40,.45);z-index:1000;'),
  portalDialog: css(
    'position:fixed;top:6vh;left:50%;transform:translateX(-50%);width:min(860px,calc(100% - 32px));z-index:1001;',
  ),
  /** --dialog paged: "Visar 50 av 1000" and "Visa fler" under the list. */
  pager: css('display:flex;align-items:center;justify-content:space-between;gap:12px;padding:12px 0 0;'),
  pagerStatus: css(`font-size:13px;color:${MUTED};`),
};
