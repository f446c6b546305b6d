run ../../scenarios/strategy-table.json --until 1000000000
