-- Payment kinds as the systems name them (issue 16). Xero's payments on a bill and NetSuite's vendor payments say
-- nothing of a cheque, yet came back as 'bill_payment_check' and showed as "Bill payment (cheque)" on the Payments
-- page. They are now 'bill_payment' ("Bill payment"); the ones already brought back are renamed the same way.
-- QuickBooks Online and Desktop keep their own kinds: a BillPayment of PayType Check is a cheque there.
UPDATE payments SET kind = 'bill_payment'
WHERE kind = 'bill_payment_check'
  AND connection_id IN (SELECT id FROM connections WHERE system IN ('xero', 'netsuite'));
