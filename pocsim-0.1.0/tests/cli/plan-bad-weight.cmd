epoch plan-bad-weight.csv
