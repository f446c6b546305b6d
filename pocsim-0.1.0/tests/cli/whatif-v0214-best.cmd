whatif ../../docs/examples/three-models.csv --host dave --model m2 --poc-weight 1 --candidates 1 --rules v0.2.14 --format table
