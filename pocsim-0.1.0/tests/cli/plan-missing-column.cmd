epoch plan-missing-column.csv
