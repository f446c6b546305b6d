epoch plan-quoted.csv --format csv
