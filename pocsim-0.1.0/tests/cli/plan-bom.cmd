epoch plan-bom.csv --format table
