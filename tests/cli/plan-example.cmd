epoch ../../data/plan-example.csv --format csv
