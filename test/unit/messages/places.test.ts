// Messages that send the bookkeeper somewhere (issue 16): every user-facing string in main/ and renderer/ that
// names a place in the app — "Connections → …", "the … page", "Pair it in Suppliers", "turn on '…'", "the … setting",
// "the … button", "choose … in Connections" — is checked against what the renderer shows. A page must be one the
// sidebar or the Connections tabs lead to; each further step, setting or button must be drawn by the files that make
// the place named before it (the Import new button on the Lists page, not anywhere). A `${…}` that holds a system's
// name is read once for every system it can be, so a place that exists for Xero but not for NetSuite fails.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultsOf, messagesOf, namesAPlace, OPAQUE, readRenderer, ROOT, sourceFiles } from './places';

describe('messages that send the bookkeeper somewhere', () => {
  const renderer = readRenderer();
  const messages = [...sourceFiles('main', /\.ts$/), ...sourceFiles('renderer/src', /\.tsx?$/)].flatMap(
    (file) => messagesOf(file, fs.readFileSync(path.join(ROOT, file), 'utf8')),
  );
  const faults = (file: string, source: string) =>
    messagesOf(file, source).flatMap((message) => faultsOf(renderer, message));

  it('reads the pages and the messages that name them', () => {
    // The check is only as good as what it reads: the pages, and the messages naming places.
    expect([...renderer.pages.keys()]).toEqual(
      expect.arrayContaining(['Documents', 'Connections', 'Lists', 'Jobs']),
    );
    expect(renderer.pages.get('Lists')?.has('renderer/src/features/lists/ListTable.tsx')).toBe(true);
    expect(renderer.pages.get('Jobs')?.has('renderer/src/features/lists/ListTable.tsx')).toBe(false);
    const naming = messages.filter((m) => namesAPlace(renderer, m.text));
    expect(naming.length).toBeGreaterThan(30);
    expect(naming.some((m) => m.text.includes("'Create missing suppliers and records in NetSuite'"))).toBe(
      true,
    );
  });

  it('reads a placeholder as every system it can name', () => {
    const readings = messagesOf(
      'main/sync/example.ts',
      "const m = `Turn on 'Create missing suppliers and records in ${connector.label}'.`;",
    ).map((m) => m.text);
    expect(readings).toEqual([
      "Turn on 'Create missing suppliers and records in QuickBooks Online'.",
      "Turn on 'Create missing suppliers and records in QuickBooks Desktop'.",
      "Turn on 'Create missing suppliers and records in Xero'.",
      "Turn on 'Create missing suppliers and records in NetSuite'.",
    ]);
    // In a connector's folder the name is that system's; where ServiceTrade is reached, ServiceTrade is one too.
    expect(
      messagesOf('main/connectors/xero/x.ts', 'const m = `${label} settings`;').map((m) => m.text),
    ).toEqual(['Xero settings']);
    expect(messagesOf('main/sync/jobs.ts', 'const m = `${target.label}`;').map((m) => m.text)).toContain(
      'ServiceTrade',
    );
    // A property placeholder takes the values the file's object literals give it.
    expect(
      messagesOf(
        'main/sync/x.ts',
        "const N = { a: { pairIn: 'Suppliers' }, b: { pairIn: 'Connections → Lists' } }; const m = `Pair it in ${noun.pairIn}.`;",
      ).map((m) => m.text),
    ).toEqual(expect.arrayContaining(['Pair it in Suppliers.', 'Pair it in Connections → Lists.']));
  });

  it('passes places that are there', () => {
    const good = [
      "'Connections → Lists: the Import new button.'",
      "'Choose Import new on the Lists page.'",
      "'Choose Reconnect in Connections.'",
      "'Reload the Web Connector page.'",
      "`Turn on 'Create missing suppliers and records in ${connector.label}' in Connections → ${connector.label} settings.`",
      "'Choose its Xero tax rate in Connections → Xero settings → Tax rates, then send again.'",
      "'Click Refresh now on the Jobs page.'",
      // Not a page of ours: a button in Intuit's Web Connector is not checked.
      "'Tick the box next to Ledgerbridge in the Web Connector, then click Update Selected.'",
    ];
    for (const literal of good) expect(faults('main/sync/planted.ts', `const m = ${literal};`)).toEqual([]);
  });

  it('fails on a planted message that points nowhere', () => {
    const bad: [string, string, RegExp][] = [
      // A button that exists, but on another page.
      [
        'main/sync/planted.ts',
        "'Choose Import new on the Jobs page.'",
        /button 'Import new' is not on 'Jobs'/,
      ],
      ['main/sync/planted.ts', "'Connections → Jobs: the Import new button.'", /not on 'Connections → Jobs'/],
      ['main/sync/planted.ts', "'Connections → Lists: the Frobnicate button.'", /'Frobnicate' is not on/],
      ['main/sync/planted.ts', "'Reload the Reports page.'", /no page 'Reports'/],
      ['main/sync/planted.ts', "'Pair it in Tax rates.'", /no page 'Tax rates'/],
      [
        'main/sync/planted.ts',
        "'Connections → Web Connector settings.'",
        /'Web Connector settings' is not on/,
      ],
      // Tax rates is a section of Xero's settings only.
      [
        'main/sync/planted.ts',
        '`Map it in Connections → ${system} settings → Tax rates.`',
        /NetSuite settings → Tax rates/,
      ],
      // ServiceTrade's settings have no "Create missing" setting: a message reaching ServiceTrade fails on it.
      [
        'main/job-costing/planted.ts',
        "`Turn on 'Create missing suppliers and records in ${system}' in Connections → ${system} settings.`",
        /setting 'Create missing suppliers and records in ServiceTrade' is not on 'Connections → ServiceTrade settings'/,
      ],
      // A setting that exists for the other systems but is named here for one that lacks it.
      [
        'main/connectors/servicetrade/planted.ts',
        "`Turn on 'Create missing suppliers and records in ${label}' in Connections → ${label} settings.`",
        /ServiceTrade/,
      ],
      // A place named through a placeholder of unknown value cannot be checked, so it is not let through.
      ['main/sync/planted.ts', '`Open Connections → ${where}.`', new RegExp(`'${OPAQUE}' cannot be checked`)],
    ];
    for (const [file, literal, expected] of bad) {
      const found = faults(file, `const m = ${literal};`);
      expect(found.join('\n'), literal).toMatch(expected);
    }
  });

  it('names only places the renderer shows', () => {
    const nowhere = messages.flatMap((message) => faultsOf(renderer, message));
    expect([...new Set(nowhere)]).toEqual([]);
  });
});
