/**
 * Where portal things live. A site is served at "/" (the provincial portal), at "/{slug}" on the portal's host, and,
 * when it has a host name of its own, at "/" on that host; so paths are built from a site-relative part and the
 * base the request reached the site by. Search entries store only the site-relative part for the same reason.
 */

/** First path segments the platform uses itself; a site slug may not take them. */
export const RESERVED_SITE_SLUGS: ReadonlySet<string> = new Set([
  'api',
  'assets',
  'quan-tri',
  'dang-nhap',
  'dang-xuat',
  'dang-ky',
  'tai-khoan',
  'dich-vu-cong',
  'tim-kiem',
  'tin-tuc',
  'trang',
  'chuyen-muc',
  'van-ban',
  'hoi-dap',
  'phan-anh',
  'tep',
  'en',
  'healthz',
  'readyz',
  'rss.xml',
  'sitemap.xml',
  'robots.txt',
  'favicon.ico',
]);

export type SiteRef = { slug: string; isMain: boolean };

/** The path prefix of a site when reached through the portal's own host: "" for the portal, "/{slug}" otherwise. */
export function siteBase(site: SiteRef): string {
  return site.isMain ? '' : `/${site.slug}`;
}

const enPrefix = (locale: 'vi' | 'en') => (locale === 'en' ? '/en' : '');

export const sitePaths = {
  home: (locale: 'vi' | 'en' = 'vi') => (locale === 'en' ? '/en' : '/'),
  article: (slug: string, locale: 'vi' | 'en' = 'vi') => `${enPrefix(locale)}/tin-tuc/${slug}`,
  page: (slug: string, locale: 'vi' | 'en' = 'vi') => `${enPrefix(locale)}/trang/${slug}`,
  category: (slug: string) => `/chuyen-muc/${slug}`,
  categoryRss: (slug: string) => `/chuyen-muc/${slug}/rss.xml`,
  legalDocuments: () => '/van-ban',
  legalDocument: (id: string) => `/van-ban/${id}`,
  questions: () => '/hoi-dap',
  question: (id: string) => `/hoi-dap/${id}`,
  feedback: () => '/phan-anh',
  feedbackItem: (id: string) => `/phan-anh/${id}`,
  search: () => '/tim-kiem',
  rss: () => '/rss.xml',
};

/** Joins a site base and a site-relative path ("/" alone stays the base's home). */
export function sitePath(base: string, relative: string): string {
  if (relative === '/') return base === '' ? '/' : `${base}/`;
  return `${base}${relative}`;
}

/** A file served to the public (images, PDFs), by id; the name only makes the saved file readable. */
export function filePath(fileId: string, name?: string): string {
  return `/tep/${fileId}${name ? `/${encodeURIComponent(name)}` : ''}`;
}
