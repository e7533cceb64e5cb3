// Every QuickBooks Online error code in ../shared/reference/qbo.md §2.8 becomes a plain message with a fix, of the
// kind the sync engine acts on (retry, ask the user, reconnect).
import { describe, expect, it } from 'vitest';
import { messageFor, type FaultInfo } from '../../../main/connectors/quickbooks-online/faults.js';

const fault = (
  status: number,
  code: string,
  Message: string,
  Detail = '',
  type = 'ValidationFault',
): FaultInfo => ({
  status,
  type,
  errors: [{ code, Message, Detail }],
});

describe('QuickBooks Online faults', () => {
  const cases: [string, FaultInfo, 'transient' | 'needs_user' | 'auth', RegExp][] = [
    [
      '610 inactive reference',
      fault(400, '610', 'Object Not Found', 'Something you are trying to use has been made inactive'),
      'needs_user',
      /inactive/,
    ],
    [
      '2010 unknown property',
      fault(400, '2010', 'Request has invalid or unsupported property', 'Property Name:Foo'),
      'needs_user',
      /report it/,
    ],
    [
      '2020 required',
      fault(400, '2020', 'Required param missing', 'Required parameter Line.Amount is missing'),
      'needs_user',
      /required value is missing/,
    ],
    [
      '2050 too long',
      fault(400, '2050', 'Invalid String', 'DisplayName cannot contain a colon'),
      'needs_user',
      /too long or holds a character/,
    ],
    [
      '3100 authorization',
      fault(
        403,
        '3100',
        'ApplicationAuthorizationFailed; errorCode=003100; statusCode=403',
        '',
        'AuthorizationFault',
      ),
      'auth',
      /no longer has access/,
    ],
    [
      '3200 authentication',
      fault(
        401,
        '3200',
        'message=AuthenticationFailed; errorCode=003200; statusCode=401',
        '',
        'AUTHENTICATION',
      ),
      'auth',
      /Reconnect/,
    ],
    [
      '120 authorization failure',
      fault(403, '120', 'AuthorizationFailure', '', 'AuthorizationFault'),
      'auth',
      /admin/,
    ],
    [
      '3001 throttle (429)',
      fault(429, '003001', 'message=ThrottleExceeded; errorCode=003001; statusCode=429', '', 'SERVICE'),
      'transient',
      /slow down/,
    ],
    [
      '3001 throttle as 403',
      fault(403, '3001', 'message=ThrottleExceeded; errorCode=003001; statusCode=403', '', 'XML'),
      'transient',
      /slow down/,
    ],
    [
      '5010 stale',
      fault(400, '5010', 'Stale Object Error', 'You and another user were working on this at the same time'),
      'transient',
      /reads it again/,
    ],
    [
      '5010 closed period',
      fault(400, '5010', 'Account Period Closed', 'The account period has closed.'),
      'needs_user',
      /closed period/,
    ],
    [
      '6000 no purchase orders',
      fault(
        400,
        '6000',
        'A business validation error has occurred',
        'Purchase orders are not available with your QuickBooks Online subscription',
      ),
      'needs_user',
      /Plus or Advanced/,
    ],
    [
      '6000 tax',
      fault(
        400,
        '6000',
        'A business validation error has occurred',
        'Make sure all your transactions have a VAT rate before you save.',
      ),
      'needs_user',
      /tax code on every line/,
    ],
    [
      '6240 tax code name taken',
      fault(400, '6240', 'Duplicate Name Exists Error', 'Another tax code is already using this name (GST).'),
      'needs_user',
      /Map our tax rate to that tax code/,
    ],
    [
      '6000 vendor currency',
      fault(
        400,
        '6000',
        'A business validation error has occurred',
        "The currency of the transaction (EUR) must match the vendor's currency (USD).",
      ),
      'needs_user',
      /Pair the supplier with a QuickBooks vendor in the document's currency/,
    ],
    [
      '6000 multicurrency off',
      fault(400, '6000', 'A business validation error has occurred', 'Multicurrency is not turned on'),
      'needs_user',
      /Turn on multicurrency/,
    ],
    [
      '6000 other',
      fault(400, '6000', 'A business validation error has occurred', 'Please enter a valid email address'),
      'needs_user',
      /valid email address/,
    ],
    [
      '6140 duplicate number',
      fault(400, '6140', 'Duplicate Document Number Error'),
      'needs_user',
      /distinct number/,
    ],
    [
      '6190 company status',
      fault(400, '6190', 'Invalid Company Status'),
      'needs_user',
      /subscription has ended/,
    ],
    [
      '6240 duplicate name',
      fault(400, '6240', 'Duplicate Name Exists Error'),
      'needs_user',
      /unique across all three/,
    ],
    [
      '500 system fault',
      fault(500, '10000', 'An application error has occurred', '', 'SystemFault'),
      'transient',
      /retries on its own/,
    ],
  ];
  it.each(cases)('%s', (_label, info, kind, text) => {
    const { kind: got, message } = messageFor(info, 'bill INV-7');
    expect(got).toBe(kind);
    expect(message).toMatch(text);
    expect(message).not.toMatch(/undefined|null/);
  });
});
