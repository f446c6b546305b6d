epoch plan-crlf-error.csv
