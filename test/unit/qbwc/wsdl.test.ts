// Our generated WSDL against the vendor's (../shared/oracles/qbwc/QBWebConnectorSvc.wsdl, read in place): the
// same operations, messages, element shapes and SOAPActions; only the service address differs.
import fs from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { QBWC_OPERATIONS, buildWsdl } from '../../../main/connectors/quickbooks-desktop/qbwc/wsdl.js';
import { QBWC_WSDL, wsdlOracleAvailable } from '../../simulators/web-connector/fake-web-connector.js';

const haveWsdl = wsdlOracleAvailable();
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  isArray: (name) => ['element', 'message', 'operation', 'complexType'].includes(name),
});

type Node = Record<string, unknown>;
const arr = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v === undefined ? [] : [v as Node]);

/** Everything of a WSDL that the Web Connector depends on, in a comparable form. */
function shape(xml: string) {
  const defs = (parser.parse(xml) as Node)['definitions'] as Node;
  const schema = (defs['types'] as Node)['schema'] as Node;
  const elements = Object.fromEntries(
    arr(schema['element']).map((el) => {
      const seq = (arr(el['complexType'])[0]?.['sequence'] ?? {}) as Node;
      return [
        el['name'] as string,
        arr(seq['element']).map(
          (c) =>
            `${String(c['name'])}:${String(c['type'])}:${String(c['minOccurs'])}..${String(c['maxOccurs'])}`,
        ),
      ];
    }),
  );
  const types = Object.fromEntries(
    arr(schema['complexType']).map((t) => [
      t['name'] as string,
      arr((t['sequence'] as Node)['element']).map(
        (c) => `${String(c['name'])}:${String(c['type'])}:${String(c['maxOccurs'])}:${String(c['nillable'])}`,
      ),
    ]),
  );
  const messages = Object.fromEntries(
    arr(defs['message']).map((m) => [m['name'] as string, String((m['part'] as Node)['element'])]),
  );
  const portType = defs['portType'] as Node;
  const operations = Object.fromEntries(
    arr(portType['operation']).map((o) => [
      o['name'] as string,
      `${String((o['input'] as Node)['message'])} -> ${String((o['output'] as Node)['message'])}`,
    ]),
  );
  const binding = defs['binding'] as Node;
  const actions = Object.fromEntries(
    arr(binding['operation']).map((o) => [
      o['name'] as string,
      `${String(arr(o['operation'])[0]?.['soapAction'])} ${String(((o['input'] as Node)['body'] as Node)['use'])}`,
    ]),
  );
  const style = String((binding['binding'] as Node)['style']);
  const address = String((((defs['service'] as Node)['port'] as Node)['address'] as Node)['location']);
  return {
    elements,
    types,
    messages,
    operations,
    actions,
    style,
    address,
    tns: String(defs['targetNamespace']),
  };
}

describe.skipIf(!haveWsdl)('the generated WSDL', () => {
  // vitest still runs a skipped describe's body to collect its tests: read the oracle only when it is here.
  const ours = shape(buildWsdl('https://qb.example.com:8443/qbwc'));
  const vendor = haveWsdl ? shape(fs.readFileSync(QBWC_WSDL, 'utf8')) : ours;

  it('has the vendor WSDL operations, messages, element shapes and SOAPActions', () => {
    expect(Object.keys(ours.operations).sort()).toEqual(Object.keys(vendor.operations).sort());
    expect(Object.keys(ours.operations)).toHaveLength(8);
    expect(ours.operations).toEqual(vendor.operations);
    expect(ours.messages).toEqual(vendor.messages);
    expect(ours.elements).toEqual(vendor.elements);
    expect(ours.types).toEqual(vendor.types);
    expect(ours.actions).toEqual(vendor.actions);
    expect(ours.style).toBe('document');
    expect(ours.tns).toBe(vendor.tns);
  });

  it('points at our own address', () => {
    expect(ours.address).toBe('https://qb.example.com:8443/qbwc');
    expect(vendor.address).not.toBe(ours.address);
  });

  it('answers exactly the operations it describes', () => {
    expect(QBWC_OPERATIONS.map((o) => o.name).sort()).toEqual(Object.keys(vendor.operations).sort());
  });
});
