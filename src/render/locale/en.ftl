# Built-in words of customer documents, English.
proposal = Proposal
quote-number = Quote number
date = Date
valid-until = Valid until
prepared-by = Prepared by
customer = Customer
edition = Edition
seats = Seats
modules = Modules
billing = Billing
term = Term
months = { $months ->
    [one] { $months } month
   *[other] { $months } months
}
item = Item
qty = Qty
unit-price = Unit price
amount = Amount
monthly-recurring = Monthly recurring
one-time = One-time
first-invoice = First invoice ({ $period })
term-total = Term total ({ $period })
tax = Tax { $percent }%
tax-included = of which tax { $percent }%
with-tax = Total with tax
in-words = Amount in words
terms = Terms
none = none
billed-monthly = monthly
billed-quarterly = quarterly
billed-annually = annually
billed-once = one-time
terms-currency = All amounts are in { $currency }. Recurring amounts are per month and invoiced { $cycle }.
terms-min-term = The minimum term is { $period }.
terms-valid = This proposal is valid until { $date }.
