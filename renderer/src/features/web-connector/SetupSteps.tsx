// Step 3 of the Web Connector set-up: what to do on the QuickBooks computer.
export function SetupSteps() {
  return (
    <section className="card" aria-labelledby="qbwc-steps">
      <h2 id="qbwc-steps">3. Set up the Web Connector on the QuickBooks computer</h2>
      <ol data-testid="qbwc-setup-steps">
        <li>
          Install the QuickBooks Web Connector from Intuit if it is not there yet (QuickBooks Desktop includes
          it in recent versions: File &gt; Update Web Services).
        </li>
        <li>Open QuickBooks as the administrator, with the company file Ledgerbridge should use.</li>
        <li>
          In the Web Connector, choose <em>Add an application</em> and open the .qwc file from step 2 (or
          double-click the file).
        </li>
        <li>
          QuickBooks asks whether to allow Ledgerbridge. Choose{' '}
          <strong>Yes, always; allow access even if QuickBooks is not running</strong>, pick an administrator
          as the user to log in as, then Continue and Done.
        </li>
        <li>
          Back in the Web Connector, paste (or type) the password from step 1 in the <em>Password</em> column
          and press Enter; answer Yes to save it.
        </li>
        <li>
          Tick the box in front of Ledgerbridge and click <em>Update Selected</em> to run it now. Tick{' '}
          <em>Auto-Run</em> to let it run on its schedule.
        </li>
      </ol>
    </section>
  );
}
