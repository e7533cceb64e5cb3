// Hash routes ("#/documents/abc/edit"). Parsing is pure so it can be tested without a browser.

export type Route =
  | { page: 'documents' }
  | { page: 'document'; id: string }
  | { page: 'document-new' }
  | { page: 'document-edit'; id: string }
  | { page: 'suppliers' }
  | { page: 'supplier-new' }
  | { page: 'supplier-edit'; id: string }
  | { page: 'import' }
  | { page: 'connections' }
  | { page: 'lists'; connectionId: string | null }
  | { page: 'web-connector' }
  | { page: 'jobs' }
  | { page: 'payments' }
  | { page: 'capture'; key: string }
  | { page: 'activity' }
  /** card: a card of the Company page to bring into view ("#/company/tax-rates"). */
  | { page: 'company'; card?: 'tax-rates' };

/** A badly encoded segment (a hand-typed "%") is taken as it is rather than breaking the page. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').split('?')[0] ?? '';
  const parts = path.split('/').filter(Boolean).map(decodeSegment);
  const [section, id, action] = parts;
  switch (section) {
    case 'documents':
      if (id === 'new') return { page: 'document-new' };
      if (id && action === 'edit') return { page: 'document-edit', id };
      if (id) return { page: 'document', id };
      return { page: 'documents' };
    case 'suppliers':
      if (id === 'new') return { page: 'supplier-new' };
      if (id) return { page: 'supplier-edit', id };
      return { page: 'suppliers' };
    case 'import':
      return { page: 'import' };
    case 'connections':
      // Connections → Lists: #/connections/lists (the company's accounting connection) or …/lists/<connection id>.
      if (id === 'lists') return { page: 'lists', connectionId: action ?? null };
      return { page: 'connections' };
    case 'web-connector':
      return { page: 'web-connector' };
    case 'jobs':
      return { page: 'jobs' };
    case 'payments':
      return { page: 'payments' };
    case 'capture':
      return id ? { page: 'capture', key: id } : { page: 'documents' };
    case 'activity':
      return { page: 'activity' };
    case 'company':
      return id === 'tax-rates' ? { page: 'company', card: 'tax-rates' } : { page: 'company' };
    default:
      return { page: 'documents' };
  }
}

export function href(...parts: string[]): string {
  return `#/${parts.map(encodeURIComponent).join('/')}`;
}

/** Which sidebar section a route belongs to. */
export function sectionOf(
  route: Route,
):
  | 'documents'
  | 'jobs'
  | 'suppliers'
  | 'import'
  | 'connections'
  | 'web-connector'
  | 'payments'
  | 'activity'
  | 'company' {
  switch (route.page) {
    case 'suppliers':
    case 'supplier-new':
    case 'supplier-edit':
      return 'suppliers';
    case 'import':
      return 'import';
    case 'connections':
    case 'lists':
      return 'connections';
    case 'web-connector':
      return 'web-connector';
    case 'jobs':
      return 'jobs';
    case 'payments':
      return 'payments';
    case 'activity':
      return 'activity';
    case 'company':
      return 'company';
    default:
      return 'documents';
  }
}
