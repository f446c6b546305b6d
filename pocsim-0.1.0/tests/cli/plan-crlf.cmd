epoch plan-crlf.csv --format csv
