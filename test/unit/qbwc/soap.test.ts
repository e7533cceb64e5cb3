// The SOAP layer on its own: what it reads out of an envelope (text decoded once, CDATA literal, namespaces by
// local name), what it refuses, and that what it writes parses back to the same strings.
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  SoapInputError,
  escapeXml,
  parseSoapRequest,
  soapFault,
  soapResponse,
} from '../../../main/connectors/quickbooks-desktop/qbwc/soap.js';

const env = (inner: string, prefix = 'soap') =>
  `<?xml version="1.0" encoding="utf-8"?><${prefix}:Envelope xmlns:${prefix}="http://schemas.xmlsoap.org/soap/envelope/"><${prefix}:Body>${inner}</${prefix}:Body></${prefix}:Envelope>`;

function refusal(body: string): string {
  try {
    parseSoapRequest(body);
  } catch (error) {
    expect(error).toBeInstanceOf(SoapInputError);
    return (error as Error).message;
  }
  throw new Error('expected a SoapInputError');
}

describe('parseSoapRequest', () => {
  it('reads the operation and its parameters by local name, decoding the qbXML text once', () => {
    const qbxml =
      '<?xml version="1.0"?><QBXML><QBXMLMsgsRs><VendorRet><Name>Smith &amp; Sons &#233;</Name></VendorRet></QBXMLMsgsRs></QBXML>';
    const call = parseSoapRequest(
      env(
        `<q:receiveResponseXML xmlns:q="http://developer.intuit.com/"><q:ticket>abc</q:ticket><q:response>${escapeXml(qbxml)}</q:response><q:hresult /><q:message></q:message></q:receiveResponseXML>`,
        'env',
      ),
    );
    expect(call.operation).toBe('receiveResponseXML');
    expect(call.params).toEqual({ ticket: 'abc', response: qbxml, hresult: '', message: '' });
  });

  it('keeps CDATA literal and whitespace as sent', () => {
    const call = parseSoapRequest(
      env(
        '<getLastError xmlns="http://developer.intuit.com/"><ticket><![CDATA[ a &amp; <b> ]]></ticket></getLastError>',
      ),
    );
    expect(call.params['ticket']).toBe(' a &amp; <b> ');
  });

  it('decodes character references and the five XML entities, and refuses any other entity', () => {
    const call = parseSoapRequest(
      env(
        '<clientVersion xmlns="http://developer.intuit.com/"><strVersion>&lt;&gt;&quot;&apos;&#x41;&#66;</strVersion></clientVersion>',
      ),
    );
    expect(call.params['strVersion']).toBe(`<>"'AB`);
    expect(refusal(env('<clientVersion><strVersion>&nbsp;</strVersion></clientVersion>'))).toMatch(
      /undefined entity/,
    );
    expect(refusal(env('<clientVersion><strVersion>&#x110000;</strVersion></clientVersion>'))).toMatch(
      /invalid character/,
    );
  });

  it('refuses DOCTYPE, malformed XML, a non-SOAP document, an empty Body and element floods', () => {
    expect(refusal('<!DOCTYPE x [<!ENTITY a "b">]><x/>')).toMatch(/Document type declarations/);
    expect(refusal(env('<authenticate>'))).toMatch(/not well-formed/);
    expect(refusal('<Envelope/>')).toMatch(/no Body/);
    expect(refusal('<root><Body/></root>')).toMatch(/not a SOAP envelope/);
    expect(refusal(env(''))).toMatch(/names no operation/);
    expect(refusal(env(`<getLastError>${'<ticket>x</ticket>'.repeat(600)}</getLastError>`))).toMatch(
      /far more elements/,
    );
    expect(refusal('   ')).toMatch(/empty/);
  });
});

describe('responses', () => {
  const parser = new XMLParser({
    removeNSPrefix: true,
    parseTagValue: false,
    trimValues: false,
    htmlEntities: true,
  });

  it('round-trips any text, qbXML included, through escaping', () => {
    const text =
      '<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><Memo>A & B < C > "D" \'E\'\r\nline</Memo></QBXML>';
    const xml = soapResponse('sendRequestXML', text);
    expect(xml).not.toContain('<QBXML>');
    const body = (parser.parse(xml) as { Envelope: { Body: Record<string, Record<string, string>> } })
      .Envelope.Body;
    expect(body['sendRequestXMLResponse']?.['sendRequestXMLResult']).toBe(text);
    expect(parseSoapRequest(env(`<x><p>${escapeXml(text)}</p></x>`)).params['p']).toBe(text);
  });

  it('writes all four authenticate strings, empty ones included', () => {
    const xml = soapResponse('authenticate', ['t1', '', '', '']);
    expect(xml).toContain(
      '<authenticateResponse xmlns="http://developer.intuit.com/"><authenticateResult><string>t1</string><string></string><string></string><string></string></authenticateResult></authenticateResponse>',
    );
  });

  it('writes whole numbers for receiveResponseXML and faults without echoing markup', () => {
    expect(soapResponse('receiveResponseXML', 42.9)).toContain(
      '<receiveResponseXMLResult>42</receiveResponseXMLResult>',
    );
    expect(soapResponse('receiveResponseXML', -1)).toContain(
      '<receiveResponseXMLResult>-1</receiveResponseXMLResult>',
    );
    const fault = soapFault('Client', 'bad <input>');
    expect(fault).toContain('<faultcode>soap:Client</faultcode><faultstring>bad &lt;input&gt;</faultstring>');
  });

  it('drops characters XML cannot carry instead of writing an envelope the Web Connector rejects', () => {
    expect(escapeXml('a\u0001b\u0008c\td')).toBe('abc\td');
  });
});
