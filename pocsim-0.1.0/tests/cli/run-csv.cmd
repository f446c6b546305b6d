run ../../scenarios/strategy-table.json --format csv
