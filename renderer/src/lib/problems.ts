// Server validation problems carry dotted field paths ("lines.2.quantity"); the forms show each next to its
// field and all of them in a summary.

export interface Problem {
  field: string;
  message: string;
}

/**
 * The message without a leading copy of its field path: the server may write "lines.1.unitPrice must be a
 * number", which reads badly next to the field that already says where it is.
 */
export function problemMessage(p: Problem): string {
  const m = p.message.trim();
  if (p.field && m.startsWith(`${p.field} `)) return m.slice(p.field.length + 1);
  if (p.field && m.startsWith(`${p.field}: `)) return m.slice(p.field.length + 2);
  return m;
}

export function problemsByField(problems: readonly Problem[] | undefined): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const p of problems ?? []) {
    const list = map.get(p.field);
    if (list) list.push(problemMessage(p));
    else map.set(p.field, [problemMessage(p)]);
  }
  return map;
}

/** "lines.2.quantity" → "Line 3, quantity"; "supplierId" → "Supplier"; "" → "Document". */
export function describeField(field: string): string {
  if (!field) return 'Document';
  const parts = field.split('.');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const next = parts[i + 1];
    if (part === 'lines' && next !== undefined && /^\d+$/.test(next)) {
      out.push(`Line ${Number(next) + 1}`);
      i++;
    } else {
      out.push(humanField(part));
    }
  }
  const text = out.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function humanField(name: string): string {
  const withoutId = name.endsWith('Id') && name.length > 2 ? name.slice(0, -2) : name;
  return withoutId.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
