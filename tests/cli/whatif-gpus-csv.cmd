whatif ../../docs/examples/epoch403.csv --host dave --gpus 8xH100 --gpus 2xB200 --candidates 1 --format csv
