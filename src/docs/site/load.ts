import { SITE_DATA_FILES as FILES, type SiteData } from './data';

/** The data embedded in the page (static_index.html), else fetched from the page's folder (served index.html). */
export async function loadSiteData(): Promise<SiteData> {
  const entries = await Promise.all(
    (Object.keys(FILES) as (keyof SiteData)[]).map(async (key) => {
      const embedded = document.getElementById(`tsdbt-data-${key}`);
      if (embedded) return [key, JSON.parse(embedded.textContent ?? 'null')] as const;
      const response = await fetch(FILES[key]);
      if (!response.ok) throw new Error(`${FILES[key]}: ${response.status} ${response.statusText}`);
      return [key, await response.json()] as const;
    }),
  );
  return Object.fromEntries(entries) as unknown as SiteData;
}
