// What the suppliers pages share: which connections a supplier is paired with.
import type { ConnectionT, SupplierT } from '../../../../preload/contract';
import { connectionLabel } from '../../lib/connections';

export function pairedWith(supplier: SupplierT, connections: readonly ConnectionT[]): string[] {
  return supplier.links.map((l) => {
    const c = connections.find((x) => x.id === l.connectionId);
    return c ? connectionLabel(c) : 'another system';
  });
}
