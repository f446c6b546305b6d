run ../../scenarios/strategy-table.json --dump-case 301
