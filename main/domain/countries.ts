// Countries as ISO 3166-1 alpha-2 codes, and free text read as one: what a supplier record or an older Company page
// holds ("Deutschland", "U.S.A.", "ie") is matched by its code or its name in any of the seven languages capture
// reads (Intl's names), so a country typed in any of them counts. preload/countries.ts lists the same codes for the
// contract and the picker; a unit test holds the two equal.

/** Two-letter codes Intl names that are not ISO 3166-1 countries: regions, reserved and withdrawn codes. */
const NOT_COUNTRIES = new Set(
  'AC CP CQ DG EA EU EZ IC QO TA UN XA XB XK ZZ AN BU CS DD DY FX HV NH RH SU TP UK VD YD YU ZR'.split(' '),
);

const LANGUAGES = ['en', 'de', 'fr', 'nl', 'es', 'it', 'pt'];

/** Names people write that are not a country's own name in any of the languages. */
const ALIASES: Readonly<Record<string, string>> = {
  usa: 'US',
  'u s a': 'US',
  'u s': 'US',
  'united states of america': 'US',
  america: 'US',
  uk: 'GB',
  'u k': 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  holland: 'NL',
  'the netherlands': 'NL',
  'republic of ireland': 'IE',
  eire: 'IE',
  'czech republic': 'CZ',
  turkey: 'TR',
  'russian federation': 'RU',
  korea: 'KR',
  'south korea': 'KR',
  'viet nam': 'VN',
  'ivory coast': 'CI',
  // The alpha-3 codes invoices and exports use most.
  aus: 'AU',
  aut: 'AT',
  bel: 'BE',
  can: 'CA',
  che: 'CH',
  deu: 'DE',
  dnk: 'DK',
  esp: 'ES',
  fra: 'FR',
  gbr: 'GB',
  ind: 'IN',
  irl: 'IE',
  ita: 'IT',
  lux: 'LU',
  nld: 'NL',
  nor: 'NO',
  nzl: 'NZ',
  pol: 'PL',
  prt: 'PT',
  swe: 'SE',
};

/** Lower case, accents and punctuation gone, words a space apart: "Österreich" → "osterreich", "U.S.A." → "u s a". */
export function countryKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .join(' ');
}

let codes: string[] | null = null;
let byKey: Map<string, string> | null = null;

/** Every ISO 3166-1 alpha-2 code, as Intl knows them. */
export function countryCodes(): readonly string[] {
  if (!codes) {
    const display = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const out: string[] = [];
    for (const a of letters) {
      for (const b of letters) {
        const code = `${a}${b}`;
        if (!NOT_COUNTRIES.has(code) && display.of(code)) out.push(code);
      }
    }
    codes = out;
  }
  return codes;
}

/** Each key (a code, a name in one of the languages, an alias) and its country. */
export function countryKeys(): ReadonlyMap<string, string> {
  if (!byKey) {
    const map = new Map<string, string>();
    for (const code of countryCodes()) map.set(code.toLowerCase(), code);
    for (const [alias, code] of Object.entries(ALIASES)) map.set(alias, code);
    for (const language of LANGUAGES) {
      const display = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
      for (const code of countryCodes()) {
        const name = display.of(code);
        const key = name ? countryKey(name) : '';
        // A name shared by two countries in different languages keeps its first (English) owner.
        if (key && !map.has(key)) map.set(key, code);
      }
    }
    byKey = map;
  }
  return byKey;
}

/** The country free text names ("Ireland", "IE", "Irlande", "IRL"), or null when it names none. */
export function countryCode(text: string | null | undefined): string | null {
  if (!text) return null;
  return countryKeys().get(countryKey(text)) ?? null;
}

/** Whether the code is an ISO 3166-1 country ("IE"; not "EU", "UK" or "XK"). */
export function isCountryCode(code: string): boolean {
  return countryCodes().includes(code);
}

const ENGLISH = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** "Ireland" for IE. */
export function countryName(code: string): string {
  return ENGLISH.of(code) ?? code;
}
