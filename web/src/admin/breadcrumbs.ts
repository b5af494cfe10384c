// Where a console path sits in the sidebar, and the breadcrumbs that follow from it: the group, the
// screen the sidebar names, then one crumb per path segment below it (营销活动 / 拼团 / 详情 / 编辑).

export interface NavItem {
  to: string;
  label: string;
  end?: boolean;
}

export interface NavGroup {
  /** Stable across languages: remembers which groups an operator folded. */
  id: string;
  label: string;
  items: NavItem[];
}

export interface Crumb {
  label: string;
  /** Absent for the current page and for groups, which are headings rather than pages. */
  to?: string;
}

/** Words for path segments below a sidebar screen; any other segment is a record's id: "details". */
export const CRUMB_WORDS = ['new', 'edit', 'report', 'rewards'] as const;
export type CrumbWord = (typeof CRUMB_WORDS)[number] | 'detail';

const trimSlash = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);
const segmentsOf = (path: string) => path.split('/').filter(Boolean);

/** The sidebar entry a path belongs to: the exact screen or the longest one it lies below. */
export function activeNav(groups: NavGroup[], pathname: string): { group: NavGroup; item: NavItem } | null {
  const path = trimSlash(pathname);
  let best: { group: NavGroup; item: NavItem } | null = null;
  for (const group of groups) {
    for (const item of group.items) {
      // `end` only keeps the sidebar from highlighting a parent screen; for crumbs the longest prefix wins.
      const matches = path === item.to || (item.to !== '/' && path.startsWith(`${item.to}/`));
      if (matches && (!best || item.to.length > best.item.to.length)) best = { group, item };
    }
  }
  return best;
}

/** The group a path belongs to when no sidebar screen covers it: the one whose screens share its first segment. */
function groupByArea(groups: NavGroup[], pathname: string): NavGroup | null {
  const area = segmentsOf(pathname)[0];
  if (!area) return null;
  return groups.find((g) => g.items.some((i) => segmentsOf(i.to)[0] === area)) ?? null;
}

export function breadcrumbs(groups: NavGroup[], pathname: string, word: (w: CrumbWord) => string): Crumb[] {
  const path = trimSlash(pathname);
  const active = activeNav(groups, path);
  if (!active) {
    const group = groupByArea(groups, path);
    return group ? [{ label: group.label }, { label: word('detail') }] : [];
  }
  const { group, item } = active;
  const rest = segmentsOf(path.slice(item.to.length));
  const crumbs: Crumb[] = group.label === item.label ? [] : [{ label: group.label }];
  crumbs.push(rest.length > 0 ? { label: item.label, to: item.to } : { label: item.label });
  let at = item.to;
  rest.forEach((segment, i) => {
    at = `${at}/${segment}`;
    const known = (CRUMB_WORDS as readonly string[]).includes(segment) ? (segment as CrumbWord) : 'detail';
    crumbs.push(i < rest.length - 1 ? { label: word(known), to: at } : { label: word(known) });
  });
  return crumbs;
}
