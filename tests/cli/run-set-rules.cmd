run ../../scenarios/strategy-table.json --set rules=v0.2.14
