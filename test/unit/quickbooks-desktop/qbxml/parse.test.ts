// parseResponse on answers shaped like QuickBooks' own (element order of qbxmlops130.xsd; the fixtures are
// validated against the schema too, so they cannot drift from what QuickBooks can send).
import { describe, expect, it } from 'vitest';
import {
  parseResponse,
  QbxmlParseError,
} from '../../../../main/connectors/quickbooks-desktop/qbxml/parse.js';
import type {
  BillPaymentRet,
  BillRet,
  ItemRet,
  PurchaseOrderRet,
} from '../../../../main/connectors/quickbooks-desktop/qbxml/types.js';
import { requireQbxmlXsd, validateQbxml } from '../../../simulators/quickbooks-desktop/xsd-validate.js';

const xsd = requireQbxmlXsd();
const wrap = (rs: string) =>
  `<?xml version="1.0" ?>\n<QBXML>\n<QBXMLMsgsRs>\n${rs}\n</QBXMLMsgsRs>\n</QBXML>\n`;

const BILL_ADD_RS =
  wrap(`<BillAddRs requestID="job-42" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
<BillRet>
<TxnID>1F3-1732283422</TxnID><TimeCreated>2026-11-22T09:10:22-05:00</TimeCreated><TimeModified>2026-11-22T09:10:22-05:00</TimeModified>
<EditSequence>1732283422</EditSequence><TxnNumber>417</TxnNumber>
<VendorRef><ListID>80000005-1731000000</ListID><FullName>Smith &amp; Sons &quot;Plumbing&quot;</FullName></VendorRef>
<APAccountRef><ListID>8000001A-1731000000</ListID><FullName>Accounts Payable</FullName></APAccountRef>
<TxnDate>2026-11-22</TxnDate><DueDate>2026-12-22</DueDate><AmountDue>1234.50</AmountDue>
<RefNumber>INV-00017</RefNumber><Memo>Caf&#233; supplies</Memo><IsPaid>false</IsPaid>
<ExternalGUID>{3F2504E0-4F89-11D3-9A0C-0305E82C3301}</ExternalGUID>
<LinkedTxn><TxnID>1E0-1732200000</TxnID><TxnType>PurchaseOrder</TxnType><TxnDate>2026-11-01</TxnDate><RefNumber>PO-1042</RefNumber><LinkType>QUANTYPE</LinkType><Amount>1200.00</Amount></LinkedTxn>
<ExpenseLineRet><TxnLineID>1F5-1732283422</TxnLineID><AccountRef><FullName>Freight</FullName></AccountRef><Amount>34.50</Amount><CustomerRef><FullName>Smith, John:Job 4471</FullName></CustomerRef><BillableStatus>Billable</BillableStatus></ExpenseLineRet>
<ItemLineRet><TxnLineID>1F6-1732283422</TxnLineID><ItemRef><FullName>Parts</FullName></ItemRef><Desc>Copper pipe</Desc><Quantity>10</Quantity><Cost>120</Cost><Amount>1200.00</Amount></ItemLineRet>
<OpenAmount>1234.50</OpenAmount>
</BillRet>
</BillAddRs>`);

const MIXED_RS =
  wrap(`<VendorAddRs requestID="v1" statusCode="3100" statusSeverity="Error" statusMessage="The name &quot;Acme&quot; of the list element is already in use." />
<ItemQueryRs requestID="items" statusCode="0" statusSeverity="Info" statusMessage="Status OK" retCount="3" iteratorRemainingCount="12" iteratorID="{0a1b2c3d-0000-4000-8000-000000000001}">
<ItemServiceRet><ListID>80000001-1</ListID><EditSequence>5</EditSequence><Name>Labor</Name><FullName>Labor</FullName><IsActive>true</IsActive><Sublevel>0</Sublevel><SalesOrPurchase><Desc>Labor</Desc><AccountRef><FullName>Subcontractors</FullName></AccountRef></SalesOrPurchase></ItemServiceRet>
<ItemNonInventoryRet><ListID>80000002-1</ListID><EditSequence>6</EditSequence><Name>Pipe</Name><FullName>Parts:Pipe</FullName><IsActive>false</IsActive><ParentRef><FullName>Parts</FullName></ParentRef><Sublevel>1</Sublevel><SalesAndPurchase><SalesDesc>Pipe</SalesDesc><PurchaseDesc>Copper pipe</PurchaseDesc><ExpenseAccountRef><FullName>Job Materials</FullName></ExpenseAccountRef></SalesAndPurchase></ItemNonInventoryRet>
<ItemServiceRet><ListID>80000003-1</ListID><EditSequence>7</EditSequence><Name>Travel</Name><FullName>Travel</FullName><IsActive>true</IsActive><Sublevel>0</Sublevel></ItemServiceRet>
</ItemQueryRs>
<VendorQueryRs requestID="v2" statusCode="1" statusSeverity="Info" statusMessage="A query request did not find a matching object in QuickBooks" retCount="0" />
<BillPaymentCheckQueryRs requestID="pay" statusCode="0" statusSeverity="Info" statusMessage="Status OK" retCount="1" iteratorRemainingCount="0" iteratorID="{0a1b2c3d-0000-4000-8000-000000000002}">
<BillPaymentCheckRet><TxnID>200-1</TxnID><TimeModified>2026-11-23T10:00:00-05:00</TimeModified><EditSequence>9</EditSequence><TxnNumber>12</TxnNumber><PayeeEntityRef><FullName>Acme</FullName></PayeeEntityRef><TxnDate>2026-11-23</TxnDate><BankAccountRef><FullName>Checking</FullName></BankAccountRef><Amount>500.00</Amount><RefNumber>1001</RefNumber>
<AppliedToTxnRet><TxnID>1F3-1732283422</TxnID><TxnType>Bill</TxnType><TxnDate>2026-11-22</TxnDate><RefNumber>INV-00017</RefNumber><BalanceRemaining>734.50</BalanceRemaining><Amount>500.00</Amount></AppliedToTxnRet>
</BillPaymentCheckRet>
</BillPaymentCheckQueryRs>
<PurchaseOrderAddRs requestID="po" statusCode="3140" statusSeverity="Error" statusMessage="There is an invalid reference to QuickBooks Item &quot;Widgets&quot; in the Purchase Order. QuickBooks error message: Invalid argument. The specified record does not exist in the list." />
<TxnDelRs requestID="del" statusCode="0" statusSeverity="Info" statusMessage="Status OK"><TxnDelType>PurchaseOrder</TxnDelType><TxnID>1E0-1732200000</TxnID><TimeDeleted>2026-11-23T11:00:00-05:00</TimeDeleted></TxnDelRs>`);

describe.runIf(xsd)('the fixtures are schema-true', () => {
  it.each([
    ['BillAddRs', BILL_ADD_RS],
    ['mixed', MIXED_RS],
  ])('%s validates against qbxmlops130.xsd', (_n, xml) => {
    expect(validateQbxml(xml)).toEqual({ valid: true, errors: '' });
  });
});

describe('parseResponse', () => {
  it('reads a BillAddRs with lines, links, entities and the paid state', () => {
    const [r] = parseResponse(BILL_ADD_RS);
    expect(r).toMatchObject({ type: 'BillAdd', requestID: 'job-42', statusCode: 0, statusSeverity: 'Info' });
    const bill = r?.records[0] as BillRet;
    expect(bill).toMatchObject({
      TxnID: '1F3-1732283422',
      EditSequence: '1732283422',
      TxnNumber: 417,
      VendorRef: { ListID: '80000005-1731000000', FullName: 'Smith & Sons "Plumbing"' },
      RefNumber: 'INV-00017',
      Memo: 'Café supplies',
      AmountDue: '1234.50',
      OpenAmount: '1234.50',
      IsPaid: false,
      ExternalGUID: '{3F2504E0-4F89-11D3-9A0C-0305E82C3301}',
    });
    expect(bill.LinkedTxn).toEqual([
      {
        TxnID: '1E0-1732200000',
        TxnType: 'PurchaseOrder',
        TxnDate: '2026-11-01',
        RefNumber: 'PO-1042',
        LinkType: 'QUANTYPE',
        Amount: '1200.00',
      },
    ]);
    expect(bill.ExpenseLineRet[0]?.CustomerRef?.FullName).toBe('Smith, John:Job 4471');
    expect(bill.ItemLineRet[0]).toMatchObject({ Quantity: '10', Cost: '120', Amount: '1200.00' });
  });

  it('keeps QuickBooks order across response types; status as numbers; iterator attributes; errors carry no records', () => {
    const rs = parseResponse(MIXED_RS);
    expect(rs.map((r) => [r.type, r.requestID, r.statusCode])).toEqual([
      ['VendorAdd', 'v1', 3100],
      ['ItemQuery', 'items', 0],
      ['VendorQuery', 'v2', 1],
      ['BillPaymentCheckQuery', 'pay', 0],
      ['PurchaseOrderAdd', 'po', 3140],
      ['TxnDel', 'del', 0],
    ]);
    expect(rs[0]?.statusMessage).toBe('The name "Acme" of the list element is already in use.');
    expect(rs[1]).toMatchObject({
      retCount: 3,
      iteratorRemainingCount: 12,
      iteratorID: '{0a1b2c3d-0000-4000-8000-000000000001}',
    });
    const items = rs[1]?.records as ItemRet[];
    expect(items.map((i) => [i.itemKind, i.FullName, i.IsActive, i.Desc, i.AccountRef?.FullName])).toEqual([
      ['ItemService', 'Labor', true, 'Labor', 'Subcontractors'],
      ['ItemService', 'Travel', true, undefined, undefined],
      ['ItemNonInventory', 'Parts:Pipe', false, 'Copper pipe', 'Job Materials'],
    ]);
    expect(rs[2]?.records).toEqual([]);
    const pay = rs[3]?.records[0] as BillPaymentRet;
    expect(pay.AppliedToTxnRet).toEqual([
      {
        TxnID: '1F3-1732283422',
        TxnType: 'Bill',
        TxnDate: '2026-11-22',
        RefNumber: 'INV-00017',
        BalanceRemaining: '734.50',
        Amount: '500.00',
      },
    ]);
    expect(rs[4]?.records).toEqual([]);
    expect(rs[5]?.records).toEqual([
      { TxnDelType: 'PurchaseOrder', TxnID: '1E0-1732200000', TimeDeleted: '2026-11-23T11:00:00-05:00' },
    ]);
  });

  it('reads ErrorRecovery and tolerates elements newer than it knows', () => {
    const xml =
      wrap(`<PurchaseOrderAddRs requestID="p" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
<PurchaseOrderRet><TxnID>1-1</TxnID><EditSequence>1</EditSequence><TxnDate>2026-11-22</TxnDate><FutureElement>x</FutureElement>
<PurchaseOrderLineRet><TxnLineID>2-1</TxnLineID><Amount>1.00</Amount><ReceivedQuantity>0</ReceivedQuantity><IsBilled>false</IsBilled></PurchaseOrderLineRet></PurchaseOrderRet>
<ErrorRecovery><TxnID>1-1</TxnID><EditSequence>1</EditSequence><ExternalGUID>{3F2504E0-4F89-11D3-9A0C-0305E82C3301}</ExternalGUID></ErrorRecovery>
</PurchaseOrderAddRs>`);
    const [r] = parseResponse(xml);
    const po = r?.records[0] as PurchaseOrderRet;
    expect(po.PurchaseOrderLineRet).toEqual([
      { TxnLineID: '2-1', Amount: '1.00', ReceivedQuantity: '0', IsBilled: false },
    ]);
    expect(po.LinkedTxn).toEqual([]);
    expect(r?.errorRecovery).toEqual({
      TxnID: '1-1',
      EditSequence: '1',
      ExternalGUID: '{3F2504E0-4F89-11D3-9A0C-0305E82C3301}',
    });
  });

  it('refuses a DOCTYPE, malformed XML, a missing statusCode and records without their identity', () => {
    expect(() => parseResponse('<!DOCTYPE x [<!ENTITY a "aaaa">]><QBXML><QBXMLMsgsRs/></QBXML>')).toThrow(
      QbxmlParseError,
    );
    expect(() => parseResponse('<QBXML><QBXMLMsgsRs><VendorAddRs')).toThrow(QbxmlParseError);
    expect(() => parseResponse('<Nope/>')).toThrow(/QBXMLMsgsRs/);
    expect(() => parseResponse(wrap('<VendorAddRs requestID="1" statusSeverity="Info" />'))).toThrow(
      /no statusCode/,
    );
    expect(() =>
      parseResponse(
        wrap(
          '<VendorAddRs requestID="1" statusCode="0" statusSeverity="Info"><VendorRet><Name>A</Name></VendorRet></VendorAddRs>',
        ),
      ),
    ).toThrow(/ListID/);
    expect(parseResponse(wrap(''))).toEqual([]);
  });
});

describe('well-formedness', () => {
  it('refuses a truncated or mismatched answer that a lenient parse would accept', () => {
    const ok = wrap(
      '<VendorQueryRs requestID="a &gt; b" statusCode="1" statusSeverity="Info" statusMessage="x > y" />',
    );
    expect(parseResponse(ok)[0]?.requestID).toBe('a > b');
    expect(() => parseResponse(ok.replace('</QBXML>', ''))).toThrow(QbxmlParseError);
    expect(() =>
      parseResponse(
        wrap('<VendorAddRs requestID="1" statusCode="0" statusSeverity="Info"><VendorRet></VendorAddRs>'),
      ),
    ).toThrow(/not well-formed/);
    expect(
      parseResponse(wrap('<!-- c --><VendorQueryRs statusCode="1" statusSeverity="Info"/>'))[0]?.statusCode,
    ).toBe(1);
  });
});
