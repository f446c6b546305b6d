epoch plan-negative-weight.csv
