// The page bench/picker-browser.ts opens in Chromium: the editor's own Combobox over a chart of accounts, as a line's
// Account picker. The size comes from the page's address (?entries=10000).
import { useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Combobox } from '../../renderer/src/components/Combobox/Combobox';
import { optionsOf } from '../../renderer/src/components/Combobox/match';
import { chartOfAccounts } from './chart';

function Picker({ entries }: { entries: number }) {
  const options = useMemo(() => optionsOf(chartOfAccounts(entries)), [entries]);
  const [value, setValue] = useState<string | null>(null);
  return <Combobox label="Account for line 1" options={options} value={value} onChange={setValue} />;
}

const entries = Number(new URLSearchParams(window.location.search).get('entries') ?? 10_000);
createRoot(document.getElementById('root')!).render(<Picker entries={entries} />);
