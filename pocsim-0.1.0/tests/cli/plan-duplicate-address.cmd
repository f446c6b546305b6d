epoch plan-duplicate-address.csv
