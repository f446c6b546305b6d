whatif ../../docs/examples/epoch403.csv --host dave --gpus 8xH100 --candidates 1 --format table
