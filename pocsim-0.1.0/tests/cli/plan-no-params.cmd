epoch plan-no-params.csv
