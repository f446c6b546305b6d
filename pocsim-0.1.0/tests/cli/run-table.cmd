run ../../scenarios/strategy-table.json --format table --until 300
