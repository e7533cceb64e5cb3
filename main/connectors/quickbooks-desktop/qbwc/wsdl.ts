// The service's WSDL, generated from one table of the eight callbacks so that the contract we serve at
// GET /qbwc?wsdl and the operations we answer cannot drift apart. The shape (element names, types, occurrences,
// SOAPActions, document/literal binding) is the Web Connector's own contract; a test compares it, operation by
// operation, with the vendor WSDL in the oracles folder.
import { QBWC_NAMESPACE, escapeXml } from './soap.js';

interface Param {
  name: string;
  type: 's:string' | 's:int';
  /** Required parameters (the two version numbers of sendRequestXML). */
  required?: boolean;
}

export interface OperationSpec {
  name: string;
  params: Param[];
  result: { type: 's:string' | 's:int' | 'tns:ArrayOfString'; required?: boolean };
}

const str = (name: string): Param => ({ name, type: 's:string' });

/** The Web Connector's callbacks, in the order of its WSDL. */
export const QBWC_OPERATIONS: readonly OperationSpec[] = [
  { name: 'serverVersion', params: [str('strVersion')], result: { type: 's:string' } },
  { name: 'clientVersion', params: [str('strVersion')], result: { type: 's:string' } },
  {
    name: 'authenticate',
    params: [str('strUserName'), str('strPassword')],
    result: { type: 'tns:ArrayOfString' },
  },
  {
    name: 'sendRequestXML',
    params: [
      str('ticket'),
      str('strHCPResponse'),
      str('strCompanyFileName'),
      str('qbXMLCountry'),
      { name: 'qbXMLMajorVers', type: 's:int', required: true },
      { name: 'qbXMLMinorVers', type: 's:int', required: true },
    ],
    result: { type: 's:string' },
  },
  {
    name: 'receiveResponseXML',
    params: [str('ticket'), str('response'), str('hresult'), str('message')],
    result: { type: 's:int', required: true },
  },
  {
    name: 'connectionError',
    params: [str('ticket'), str('hresult'), str('message')],
    result: { type: 's:string' },
  },
  { name: 'getLastError', params: [str('ticket')], result: { type: 's:string' } },
  { name: 'closeConnection', params: [str('ticket')], result: { type: 's:string' } },
];

function occurs(required: boolean | undefined): string {
  return `minOccurs="${required ? 1 : 0}" maxOccurs="1"`;
}

/** The WSDL with the service address set to `location` (our /qbwc URL). */
export function buildWsdl(location: string): string {
  const elements = QBWC_OPERATIONS.map((op) => {
    const params = op.params
      .map((p) => `<s:element ${occurs(p.required)} name="${p.name}" type="${p.type}" />`)
      .join('');
    return (
      `<s:element name="${op.name}"><s:complexType><s:sequence>${params}</s:sequence></s:complexType></s:element>` +
      `<s:element name="${op.name}Response"><s:complexType><s:sequence>` +
      `<s:element ${occurs(op.result.required)} name="${op.name}Result" type="${op.result.type}" />` +
      `</s:sequence></s:complexType></s:element>`
    );
  }).join('\n      ');
  const arrayOfString =
    '<s:complexType name="ArrayOfString"><s:sequence>' +
    '<s:element minOccurs="0" maxOccurs="unbounded" name="string" nillable="true" type="s:string" />' +
    '</s:sequence></s:complexType>';
  const messages = QBWC_OPERATIONS.map(
    (op) =>
      `<wsdl:message name="${op.name}SoapIn"><wsdl:part name="parameters" element="tns:${op.name}" /></wsdl:message>` +
      `<wsdl:message name="${op.name}SoapOut"><wsdl:part name="parameters" element="tns:${op.name}Response" /></wsdl:message>`,
  ).join('\n  ');
  const portOps = QBWC_OPERATIONS.map(
    (op) =>
      `<wsdl:operation name="${op.name}"><wsdl:input message="tns:${op.name}SoapIn" />` +
      `<wsdl:output message="tns:${op.name}SoapOut" /></wsdl:operation>`,
  ).join('\n    ');
  const bindingOps = QBWC_OPERATIONS.map(
    (op) =>
      `<wsdl:operation name="${op.name}">` +
      `<soap:operation soapAction="${QBWC_NAMESPACE}${op.name}" style="document" />` +
      '<wsdl:input><soap:body use="literal" /></wsdl:input>' +
      '<wsdl:output><soap:body use="literal" /></wsdl:output></wsdl:operation>',
  ).join('\n    ');
  return `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:tns="${QBWC_NAMESPACE}" targetNamespace="${QBWC_NAMESPACE}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">
  <wsdl:types>
    <s:schema elementFormDefault="qualified" targetNamespace="${QBWC_NAMESPACE}">
      ${elements}
      ${arrayOfString}
    </s:schema>
  </wsdl:types>
  ${messages}
  <wsdl:portType name="QBWebConnectorSvcSoap">
    ${portOps}
  </wsdl:portType>
  <wsdl:binding name="QBWebConnectorSvcSoap" type="tns:QBWebConnectorSvcSoap">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document" />
    ${bindingOps}
  </wsdl:binding>
  <wsdl:service name="QBWebConnectorSvc">
    <wsdl:port name="QBWebConnectorSvcSoap" binding="tns:QBWebConnectorSvcSoap">
      <soap:address location="${escapeXml(location)}" />
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
}
