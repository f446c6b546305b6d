epoch plan-small.csv --format json
