run ../../scenarios/strategy-table.json --until 300 --set params.delegation_params.no_participation_penalty=0.3 --format csv
