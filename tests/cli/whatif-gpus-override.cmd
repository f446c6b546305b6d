whatif ../../docs/examples/epoch403.csv --host dave --gpus 8xH100 --poc-weight 5000 --model zai-org/GLM-5.3-Flash --candidates 1 --format table
