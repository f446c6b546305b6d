epoch plan-unknown-choice.csv
