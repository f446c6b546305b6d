run ../../scenarios/delegation-edge-cases.json --until 300 --format table
