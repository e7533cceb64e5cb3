// IBANs (ISO 13616): the check that tells a real account number from a mistyped one, and the length each country
// gives its IBANs, so a bookkeeper who drops or doubles a character hears which.

/** The IBAN's check digits hold (mod 97 = 1), which also tells it from a VAT number of the same look. */
export function ibanValid(iban: string): boolean {
  const moved = `${iban.slice(4)}${iban.slice(0, 4)}`;
  let rest = 0;
  for (const c of moved) {
    const n = parseInt(c, 36);
    if (Number.isNaN(n)) return false;
    rest = Number(`${rest}${n}`) % 97;
  }
  return rest === 1;
}

/** Upper case, without the spaces, dots and dashes it is printed and typed with. */
export function normaliseIban(text: string): string {
  return text.replace(/[\s.-]/g, '').toUpperCase();
}

/** In groups of four, as banks print it ("DE89 3704 0044 0532 0130 00"). */
export function groupedIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The length of each country's IBANs (the SWIFT IBAN registry). */
// prettier-ignore
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22,
  CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22,
  GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30,
  KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31,
  MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24,
  SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};
