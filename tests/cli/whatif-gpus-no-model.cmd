whatif ../../docs/examples/three-models.csv --host dave --model m2 --gpus 8xH100 --candidates 1 --format table
