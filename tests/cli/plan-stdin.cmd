epoch - --format json < plan-small.csv
