// Which whole-message failures the engine splits (a message QuickBooks could not read applied nothing) and which
// end the session as before (QuickBooks busy, closed, or an answer that got lost).
import { describe, expect, it } from 'vitest';
import { isParseRefusal } from '../../../../main/connectors/quickbooks-desktop/engine.js';

describe('isParseRefusal', () => {
  it('knows 0x80040400 however the Web Connector writes it, or by its text', () => {
    expect(isParseRefusal('0x80040400', '')).toBe(true);
    expect(isParseRefusal('0X80040400', '')).toBe(true);
    expect(isParseRefusal('80040400', '')).toBe(true);
    expect(isParseRefusal('-2147220480', '')).toBe(true);
    expect(isParseRefusal('', 'QuickBooks found an error when parsing the provided XML text stream.')).toBe(
      true,
    );
  });

  it('leaves every other HRESULT to end the session', () => {
    expect(isParseRefusal('0x80040408', 'Could not start QuickBooks.')).toBe(false);
    expect(isParseRefusal('0x80040402', 'Unexpected error.')).toBe(false);
    expect(isParseRefusal('-2147220472', '')).toBe(false);
    expect(isParseRefusal('', '')).toBe(false);
  });
});
