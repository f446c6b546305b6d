epoch plan-unknown-model.csv
