// A large supplier list as a bookkeeper's accounting system holds one: deterministic names, and the optional fields
// (e-mail, phone, address parts, account number) present on some records and missing on others, in the patterns
// each system's answers have when a field was never filled in. Every simulator seeds its own vendors from these.
export interface SeedVendor {
  name: string;
  email?: string;
  phone?: string;
  address?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
  accountNumber?: string;
  active: boolean;
}

const STATES = ['CA', 'NY', 'TX', 'WA', 'IL'];

/** The i-th vendor (0-based) of a list: every 7th has no e-mail, every 5th no address, every 50th is inactive. */
export function seedVendor(i: number, prefix = 'Vendor'): SeedVendor {
  const n = String(i).padStart(5, '0');
  const vendor: SeedVendor = { name: `${prefix} ${n}`, active: i % 50 !== 49 };
  if (i % 7 !== 3) vendor.email = `ap${n}@vendor.example`;
  if (i % 3 !== 1) vendor.phone = `555-${n.slice(1)}`;
  if (i % 5 !== 2) {
    vendor.address = `${i + 1} Market Street`;
    vendor.city = 'Springfield';
    if (i % 10 !== 4) vendor.state = STATES[i % STATES.length]!;
    vendor.postalCode = String(10000 + (i % 89999));
    if (i % 4 !== 0) vendor.country = 'US';
  }
  if (i % 2 === 0) vendor.accountNumber = `ACC-${n}`;
  return vendor;
}

export function seedVendors(count: number, prefix?: string): SeedVendor[] {
  return Array.from({ length: count }, (_, i) => seedVendor(i, prefix));
}
